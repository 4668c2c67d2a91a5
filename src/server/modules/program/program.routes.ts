import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { HOLIDAY_REGIONS } from '../registrations/holidays.rules.ts';
import { getRulesOfEngagement, programSettingsPatch, readProgramSettings, updateProgramSettings } from './program.service.ts';

const settingsAnswer = z.object({
  settings: z.record(z.string(), z.unknown()),
  calendar: z.record(z.string(), z.unknown()),
  slaPolicies: z.record(z.string(), z.unknown()),
  holidayRegions: z.array(z.object({ code: z.string(), label: z.object({ en: z.string(), de: z.string() }) })),
});

/** /api/v1/program/settings: the partner program's rules (conflict policy, protection, SLAs, calendar, routing, registration fields). */
export function programRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  const withRegions = async (p: ReturnType<typeof readProgramSettings>) => ({
    ...(await p),
    holidayRegions: HOLIDAY_REGIONS.map((r) => ({ code: r.code, label: r.label })),
  });
  return async (app) => {
    app.get('/program/settings', {
      config: { auth: { actors: STAFF, policy: can.readPartners, what: 'read the program settings' } },
      schema: {
        tags: ['program'],
        summary: 'The program settings with their defaults, and the holiday regions to choose from',
        response: { 200: settingsAnswer },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => withRegions(readProgramSettings(ctx))),
    });
    app.patch('/program/settings', {
      config: { auth: { actors: STAFF, policy: can.manageProgram, what: 'change the program settings' } },
      schema: {
        tags: ['program'],
        summary: 'Replace sections of the program settings (each given section whole); validated, audited',
        body: programSettingsPatch,
        response: { 200: settingsAnswer },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => withRegions(updateProgramSettings(ctx, req.body))),
    });
    app.get('/program/rules-of-engagement', {
      config: { auth: { actors: STAFF, policy: can.readPartners, what: 'read the rules of engagement' } },
      schema: {
        tags: ['program'],
        summary: 'The rules of engagement as partners read them in the portal, from the current settings (a preview for staff)',
        querystring: z.strictObject({ locale: z.enum(['en', 'de'], { message: 'must be en or de' }).default('en') }),
        response: { 200: z.object({ title: z.string(), rules: z.array(z.string()), locale: z.enum(['en', 'de']), protectionDays: z.number() }) },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => {
          const { title, rules, protectionDays } = await getRulesOfEngagement(ctx, req.query.locale);
          return { title, rules, locale: req.query.locale, protectionDays };
        }),
    });
  };
}
