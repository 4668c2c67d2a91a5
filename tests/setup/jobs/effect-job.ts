import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { createDb } from '../../../src/server/db/client.ts';
import { BOSS_SCHEMA } from '../../../src/server/db/migrate.ts';
import { type Jobs, tenantJobData } from '../../../src/server/jobs/jobs.ts';
import { createPartner } from '../../../src/server/modules/partners/partners.service.ts';

export const EFFECT_QUEUE = 'test.create-partner';

/**
 * A job with a real domain effect (creating a partner through the service), recorded once per
 * `key`. With `hangAfterEffect` it blocks inside its transaction after the write — the moment a
 * crash hurts most.
 */
export function defineEffectJob(jobs: Jobs, opts: { hangAfterEffect?: boolean } = {}) {
  jobs.define({
    name: EFFECT_QUEUE,
    data: tenantJobData.extend({ key: z.string(), name: z.string(), delayMs: z.number().optional() }),
    effectKey: (d) => `${EFFECT_QUEUE}:${d.key}`,
    expireInSeconds: 1,
    run: async (ctx, d) => {
      if (d.delayMs) await new Promise((r) => setTimeout(r, d.delayMs));
      await createPartner(ctx, { name: d.name, type: 'referral' });
      if (opts.hangAfterEffect) {
        process.stdout.write('effect-written\n');
        await new Promise(() => {});
      }
    },
  });
}

/** Creates the test queue as the owner (pg-boss 10 creates a table per queue) and grants it to the app role. */
export async function createEffectQueue(ownerUrl: string) {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: BOSS_SCHEMA, migrate: false, supervise: false, schedule: false, max: 1 });
  boss.on('error', () => {});
  await boss.start();
  if (!(await boss.getQueue(EFFECT_QUEUE))) await boss.createQueue(EFFECT_QUEUE, { name: EFFECT_QUEUE, retryLimit: 3, retryDelay: 0 });
  await boss.stop({ graceful: false, wait: true });
  const db = createDb(ownerUrl, { max: 1 });
  await sql`grant select, insert, update, delete on all tables in schema pgboss to tandem_app`.execute(db);
  await db.destroy();
}
