import { CompiledQuery, sql } from 'kysely';
import { createDb, type Db } from '../src/server/db/client.ts';
import { createWorkspace } from '../src/server/modules/workspaces/workspaces.service.ts';
import { asciiSlug, type Company, companyName, personName, Rng } from './names.ts';

export type GenerateOptions = {
  /** Workspaces in all, the main one included (so 21 = main + 20 noise workspaces). */
  workspaces: number;
  /** Staff users per workspace (each a member), the admin included. */
  usersPerWorkspace: number;
  /** Partners of each noise workspace. */
  partnersPerWorkspace: number;
  /** Partners of the main workspace; partnersPerWorkspace when unset. */
  mainPartners?: number;
  partnerUsersPerPartner: number;
  /** Same seed, same names, ids and timestamps (only the main workspace's id and key are random); generating again into one database needs another seed. */
  seed?: number;
  /** Rows per multi-row INSERT. */
  batchSize?: number;
  log?: (line: string) => void;
};

export type Dataset = {
  workspaceId: string;
  slug: string;
  /** A real admin-scoped API key of the main workspace. */
  apiKey: string;
  /** Every partner id of the main workspace. */
  partnerIds: string[];
  /** The ids of the noise workspaces, in the order they were generated. */
  noiseWorkspaceIds: string[];
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
};

type Column = { name: string; type: string; expr?: string };

/** Column-wise buffer of one table, written with `INSERT … SELECT … FROM unnest($1::type[], …)`. */
class TableBatch {
  private values: unknown[][];
  private readonly text: string;
  written = 0;

  constructor(
    readonly table: string,
    columns: Column[],
  ) {
    this.values = columns.map(() => []);
    const names = columns.map((c) => c.name).join(', ');
    const exprs = columns.map((c) => c.expr ?? c.name).join(', ');
    const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    this.text = `insert into ${table} (${names}) select ${exprs} from unnest(${arrays}) as t(${names})`;
  }

  get size() {
    return this.values[0].length;
  }

  push(...row: unknown[]) {
    for (let i = 0; i < row.length; i++) this.values[i].push(row[i]);
  }

  /** Hands the buffered rows to an INSERT and starts a new buffer, so generating goes on meanwhile. */
  take(): CompiledQuery | undefined {
    if (!this.size) return undefined;
    const query = CompiledQuery.raw(this.text, this.values);
    this.written += this.size;
    this.values = this.values.map(() => []);
    return query;
  }
}

const EPOCH = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const TIME_ZONES: Record<string, string> = {
  DACH: 'Europe/Berlin',
  France: 'Europe/Paris',
  Benelux: 'Europe/Amsterdam',
  Nordics: 'Europe/Stockholm',
  'Southern Europe': 'Europe/Rome',
  CEE: 'Europe/Warsaw',
  'UK & Ireland': 'Europe/London',
  'North America': 'America/New_York',
};

/** A timestamp up to `days` days before the fixed epoch (deterministic, unlike now()). */
function pastIso(rng: Rng, days: number): string {
  return new Date(EPOCH - Math.floor(rng.next() * days * DAY)).toISOString();
}

/** Takes `base`, or `base-2`, `base-3`, … whichever is still free in `taken`. */
function unique(taken: Set<string>, base: string, join = '-'): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${join}${n}`;
  taken.add(candidate);
  return candidate;
}

function workspaceSlug(taken: Set<string>, company: Company): string {
  const base = asciiSlug(company.base).slice(0, 44).replace(/-+$/, '');
  return unique(taken, base.length >= 3 ? base : `ws-${base}`);
}

/**
 * Creates one main workspace (through createWorkspace, so its admin API key is real) and noise
 * workspaces around it, with staff users and memberships, partners and partner users. Rows are
 * written as the owner role in multi-row INSERTs from unnest() arrays, batchSize rows at a time.
 */
export async function generate(target: string | Db, opts: GenerateOptions): Promise<Dataset> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const db = typeof target === 'string' ? createDb(target, { max: 1, applicationName: 'tandem-bench-generate' }) : target;
  const rng = new Rng(opts.seed ?? 20261204);
  const batchSize = opts.batchSize ?? 5000;
  const started = performance.now();
  try {
    // Slugs (and so staff e-mail domains) already taken: a second run with another seed fits beside the first.
    const { rows: existing } = await sql<{ slug: string }>`select slug from workspaces`.execute(db);
    const slugs = new Set<string>(existing.map((r) => r.slug));
    const mainCompany = companyName(rng);
    const mainSlug = workspaceSlug(slugs, mainCompany);
    const mainDomain = `${mainSlug}.${mainCompany.market.tld}`;
    const main = await createWorkspace(db, {
      name: mainCompany.name,
      slug: mainSlug,
      adminEmail: `admin@${mainDomain}`,
      adminName: 'Ada Admin',
      locale: mainCompany.market.region === 'DACH' ? 'de' : 'en',
      timeZone: TIME_ZONES[mainCompany.market.region],
    });

    const workspaces = new TableBatch('workspaces', [
      { name: 'id', type: 'uuid' },
      { name: 'slug', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'time_zone', type: 'text' },
      { name: 'locale', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ]);
    const users = new TableBatch('users', [
      { name: 'id', type: 'uuid' },
      { name: 'email', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'locale', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ]);
    const members = new TableBatch('workspace_members', [
      { name: 'workspace_id', type: 'uuid' },
      { name: 'user_id', type: 'uuid' },
      { name: 'role', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ]);
    const partners = new TableBatch('partners', [
      { name: 'id', type: 'uuid' },
      { name: 'workspace_id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'domains', type: 'text', expr: `string_to_array(domains, ' ')` },
      { name: 'type', type: 'text' },
      { name: 'tier', type: 'text' },
      { name: 'region', type: 'text' },
      { name: 'lifecycle_state', type: 'text' },
      { name: 'certification_status', type: 'text' },
      { name: 'is_established', type: 'boolean' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]);
    const partnerUsers = new TableBatch('partner_users', [
      { name: 'id', type: 'uuid' },
      { name: 'workspace_id', type: 'uuid' },
      { name: 'partner_id', type: 'uuid' },
      { name: 'email', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'role', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'locale', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ]);
    // Flushed together in foreign-key order whenever one is full.
    const batches = [workspaces, users, members, partners, partnerUsers];
    const partnerIds: string[] = [];
    const noiseWorkspaceIds: string[] = [];

    await db.connection().execute(async (conn) => {
      // Generated data is disposable: no need to wait for the WAL flush of every batch.
      await sql`set synchronous_commit = off`.execute(conn);
      // One chain of INSERTs in flight while the next batch is generated; tables in foreign-key order.
      let inFlight: Promise<void> = Promise.resolve();
      const flush = async () => {
        const queries = batches.map((b) => b.take()).filter((q) => q !== undefined);
        await inFlight;
        inFlight = (async () => {
          for (const q of queries) await conn.executeQuery(q);
        })();
        // Surface a failed INSERT at the next flush rather than as an unhandled rejection.
        inFlight.catch(() => {});
      };
      const flushIfFull = async () => {
        if (batches.some((b) => b.size >= batchSize)) await flush();
      };

      for (let w = 0; w < opts.workspaces; w++) {
        const isMain = w === 0;
        const company = isMain ? mainCompany : companyName(rng);
        const slug = isMain ? mainSlug : workspaceSlug(slugs, company);
        const workspaceId = isMain ? main.workspaceId : rng.uuid();
        const locale = company.market.region === 'DACH' ? 'de' : 'en';
        if (!isMain) noiseWorkspaceIds.push(workspaceId);
        if (!isMain) workspaces.push(workspaceId, slug, company.name, TIME_ZONES[company.market.region], locale, pastIso(rng, 1500));

        const staffEmails = new Set<string>(isMain ? [`admin@${mainDomain}`] : []);
        for (let u = isMain ? 1 : 0; u < opts.usersPerWorkspace; u++) {
          const person = personName(rng, company.market);
          const local = unique(staffEmails, `${asciiSlug(person.first, '.')}.${asciiSlug(person.last, '.')}`, '');
          const userId = rng.uuid();
          const createdAt = pastIso(rng, 1000);
          users.push(userId, `${local}@${slug}.${company.market.tld}`, `${person.first} ${person.last}`, rng.chance(0.3) ? locale : null, createdAt);
          const role = u === 0 ? 'admin' : rng.weighted({ admin: 1, partner_manager: 3, sales: 5, revops: 1 });
          members.push(workspaceId, userId, role, rng.chance(0.95) ? 'active' : 'deactivated', createdAt);
          await flushIfFull();
        }

        const domains = new Set<string>();
        const partnerCount = isMain ? (opts.mainPartners ?? opts.partnersPerWorkspace) : opts.partnersPerWorkspace;
        for (let p = 0; p < partnerCount; p++) {
          const c = companyName(rng);
          const domain = unique(domains, asciiSlug(c.base), '-');
          const partnerDomains = rng.chance(0.2) ? [`${domain}.${c.market.tld}`, `${domain}.com`] : [`${domain}.${c.market.tld}`];
          const partnerId = rng.uuid();
          if (isMain) partnerIds.push(partnerId);
          const createdAt = pastIso(rng, 1100);
          partners.push(
            partnerId,
            workspaceId,
            c.name,
            [...new Set(partnerDomains)].join(' '),
            rng.weighted({ reseller: 35, referral: 30, services: 15, technology: 12, marketplace: 8 }),
            rng.chance(0.15) ? null : rng.weighted({ platinum: 5, gold: 20, silver: 35, bronze: 40 }),
            rng.chance(0.05) ? null : c.market.region,
            rng.weighted({ active: 70, onboarding: 10, applied: 8, suspended: 5, offboarded: 7 }),
            rng.weighted({ none: 55, in_progress: 20, certified: 25 }),
            rng.chance(0.3),
            createdAt,
            new Date(Math.min(EPOCH, Date.parse(createdAt) + Math.floor(rng.next() * 200 * DAY))).toISOString(),
          );
          const emails = new Set<string>();
          for (let i = 0; i < opts.partnerUsersPerPartner; i++) {
            const person = personName(rng, c.market);
            const local = unique(emails, `${asciiSlug(person.first, '.')}.${asciiSlug(person.last, '.')}`, '');
            partnerUsers.push(
              rng.uuid(),
              workspaceId,
              partnerId,
              `${local}@${partnerDomains[0]}`,
              `${person.first} ${person.last}`,
              i === 0 ? 'partner_admin' : 'partner_rep',
              rng.weighted({ active: 80, invited: 15, deactivated: 5 }),
              c.market.region === 'DACH' ? 'de' : rng.chance(0.5) ? 'en' : null,
              pastIso(rng, 900),
            );
          }
          await flushIfFull();
        }
      }
      await flush();
      await inFlight;
      await sql`analyze workspaces, users, workspace_members, partners, partner_users`.execute(conn);
    });

    // createWorkspace wrote the main workspace, its admin, membership, API key and 3 audit events.
    const rows: Record<string, number> = {
      workspaces: workspaces.written + 1,
      users: users.written + 1,
      workspace_members: members.written + 1,
      partners: partners.written,
      partner_users: partnerUsers.written,
      api_keys: 1,
      audit_events: 3,
    };
    const totalRows = Object.values(rows).reduce((s, n) => s + n, 0);
    const seconds = (performance.now() - started) / 1000;
    const rowsPerSecond = totalRows / seconds;
    log(
      `generated ${totalRows.toLocaleString('en-US')} rows (${Object.entries(rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
        .join(', ')}) in ${seconds.toFixed(2)} s: ${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s`,
    );
    return {
      workspaceId: main.workspaceId,
      slug: main.slug,
      apiKey: main.apiKey,
      partnerIds,
      noiseWorkspaceIds,
      rows,
      totalRows,
      seconds,
      rowsPerSecond,
    };
  } finally {
    if (typeof target === 'string') await db.destroy();
  }
}
