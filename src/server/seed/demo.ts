import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../auth/passwords.ts';
import { randomSecret } from '../auth/tokens.ts';
import type { Ctx } from '../context.ts';
import { type Db, inWorkspace } from '../db/client.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { createPartner } from '../modules/partners/partners.service.ts';
import { createWorkspace } from '../modules/workspaces/workspaces.service.ts';
import { seedCrmDemo } from './crm-demo.ts';
import { seedRegistrationsDemo } from './registrations-demo.ts';

export type DemoCredentials = {
  url?: string;
  slug: string;
  admin: { email: string; password: string };
  partner: { email: string; password: string; portal: string };
  apiKey: string;
};

export const DEMO_SLUG = 'demo';

const PARTNERS = [
  { name: 'Nordlicht IT-Services GmbH', type: 'services', tier: 'gold', region: 'DACH', domains: ['nordlicht-it.de'] },
  { name: 'Bergmann & Söhne Systemhaus KG', type: 'reseller', tier: 'silver', region: 'DACH', domains: ['bergmann-systemhaus.de'] },
  { name: 'CloudBridge Marketplace Ltd', type: 'marketplace', tier: 'gold', region: 'UK & Ireland', domains: ['cloudbridge.co.uk'] },
  { name: 'Referral Partners Inc.', type: 'referral', tier: 'registered', region: 'North America', domains: ['referralpartners.com'] },
  { name: 'Müller Datentechnik AG', type: 'technology', tier: 'platinum', region: 'DACH', domains: ['mueller-datentechnik.ch'] },
] as const;

/** Reads the demo credentials kept in the data directory, if the demo was seeded there. */
export function readDemoCredentials(dataDir: string): DemoCredentials | undefined {
  const file = path.join(dataDir, 'demo-credentials.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Seeds the demo workspace (admin, partners, a partner user, an admin API key, the demo CRM); skips when present. */
export async function seedDemo(db: Db, dataDir: string): Promise<DemoCredentials | undefined> {
  const adminPassword = randomSecret(9);
  const partnerPassword = randomSecret(9);
  let created: Awaited<ReturnType<typeof createWorkspace>>;
  try {
    created = await createWorkspace(db, {
      name: 'Acme Cloud Partner Program',
      slug: DEMO_SLUG,
      adminEmail: 'admin@demo.tandem.test',
      adminName: 'Alex Admin',
      adminPassword,
      timeZone: 'Europe/Berlin',
      locale: 'en',
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'conflict') return readDemoCredentials(dataDir);
    throw err;
  }
  const partnerEmail = 'paula@nordlicht-it.de';
  await inWorkspace(db, created.workspaceId, async (trx) => {
    const ctx: Ctx = {
      trx,
      workspaceId: created.workspaceId,
      actor: { kind: 'system', workspaceId: created.workspaceId, name: 'demo seed' },
      now: () => new Date(),
    };
    await trx
      .updateTable('workspaces')
      .set({
        branding: JSON.stringify({ productName: 'Acme Partner Hub', primaryColor: '#1c7ed6', supportEmail: 'partners@acme.example', logoUrl: null }),
      })
      .where('id', '=', created.workspaceId)
      .execute();
    const partners = [];
    for (const p of PARTNERS) partners.push(await createPartner(ctx, { ...p, domains: [...p.domains], lifecycleState: 'active' }));
    const pu = await trx
      .insertInto('partnerUsers')
      .values({
        workspaceId: created.workspaceId,
        partnerId: partners[0].id,
        email: partnerEmail,
        name: 'Paula Partner',
        role: 'partner_admin',
        status: 'active',
        passwordHash: await hashPassword(partnerPassword),
        locale: 'de',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, { action: 'partner_user.invited', entityType: 'partner_user', entityId: pu.id, data: { email: partnerEmail } });
  });
  await seedCrmDemo(db, created.workspaceId);
  await seedRegistrationsDemo(db, created.workspaceId);
  const creds: DemoCredentials = {
    slug: created.slug,
    admin: { email: 'admin@demo.tandem.test', password: adminPassword },
    partner: { email: partnerEmail, password: partnerPassword, portal: `/p/${created.slug}` },
    apiKey: created.apiKey,
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'demo-credentials.json'), `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  return creds;
}
