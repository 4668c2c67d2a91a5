// The CRM at the issue's scale: `npx tsx bench/generate-crm.ts [--scale 0.1]`; see bench/README.md.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type AccountSample, EPOCH, Stats, writeAccounts } from './crm-accounts.ts';
import { DESCRIPTIONS, NEXT_STEPS, PRODUCTS, TIMELINE_BODIES } from './crm-pools.ts';
import { BODY_KINDS, type Busy, idOf, idPrefix, opportunitiesSql, opportunityPartnersSql, type Plan, type Staff, timelineSql } from './crm-sql.ts';
import { startBenchDatabase } from './database.ts';
import { generate } from './generate.ts';

/** Rows of the main workspace at scale 1: the issue's figures. */
export const CRM_FULL_SCALE = { accounts: 1_000_000, opportunities: 1_000_000, timelineEntries: 5_000_000 };

export type CrmGenerateOptions = {
  /** 1 = 1 M accounts, 1 M opportunities, 5 M timeline entries in the main workspace. */
  scale: number;
  /** Noise workspaces around the main one, each with 2 % of its rows (default 10). */
  noiseWorkspaces?: number;
  seed?: number;
  log?: (line: string) => void;
};

export type TableRate = { table: string; rows: number; seconds: number; rowsPerSecond: number };

export type CrmDataset = {
  workspaceId: string;
  slug: string;
  /** A real admin-scoped API key of the main workspace. */
  apiKey: string;
  /** Rows of the main workspace per CRM table. */
  main: Record<string, number>;
  /** Rows written per table, all workspaces, base tables (users, partners, …) included. */
  rows: Record<string, number>;
  totalRows: number;
  /** Rows per second of each table's INSERT statements (their own execution time). */
  tables: TableRate[];
  /** Wall-clock seconds per phase: base, load, indexes, vacuum. */
  phases: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  /** The records of the main workspace with the longest timelines. */
  busiest: { opportunity: { id: string; entries: number }; account: { id: string; entries: number } };
  /** Build time of every index and primary key built after the load, slowest first. */
  indexes: { index: string; seconds: number }[];
  /** Every ~1/40th account of the main workspace: names and domains to search for. */
  samples: AccountSample[];
};

const CRM_TABLES = [
  'accounts',
  'account_domains',
  'contacts',
  'opportunities',
  'opportunity_partners',
  'timeline_entries',
  'company_match_keys',
  'company_match_key_versions',
];
const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-bench-generate-crm' });
  await client.connect();
  // Generated data is disposable: no WAL flush per statement, big sorts for the index builds.
  await client.query(`set synchronous_commit = off; set maintenance_work_mem = '1GB'; set work_mem = '64MB'`);
  return client;
}

type Task = (client: pg.Client) => Promise<void>;

/** Takes tasks off a shared queue, one at a time on this connection, until it is empty. */
async function drain(queue: Task[], client: pg.Client): Promise<void> {
  for (let task = queue.shift(); task; task = queue.shift()) await task(client);
}

const chunks = (n: number, size: number) =>
  Array.from({ length: Math.ceil(n / size) }, (_, k) => [k * size + 1, Math.min(n, (k + 1) * size)] as const);

const generated = new Map<string, Promise<CrmDataset>>();

/**
 * The CRM of `generateCrmData` for this database and options, generated once per process: the
 * benchmarks of one run that need it (crm-queries, duplicate-check) share it.
 */
export function generateCrm(ownerUrl: string, opts: CrmGenerateOptions): Promise<CrmDataset> {
  const key = JSON.stringify([ownerUrl, opts.scale, opts.seed ?? null, opts.noiseWorkspaces ?? null]);
  let data = generated.get(key);
  if (!data) {
    data = generateCrmData(ownerUrl, opts);
    generated.set(key, data);
    data.catch(() => generated.delete(key));
  } else opts.log?.('using the CRM data generated earlier in this run');
  return data;
}

/**
 * Fills one main workspace with the CRM at `scale` (1 = 1 M accounts, ~1.3 M domains, ~1.15 M
 * contacts, the accounts' duplicate-check blocking keys (~15 M), 1 M opportunities with
 * partner roles on ~30 %, 5 M timeline entries with a few busy records of 10 k+ entries) and
 * noise workspaces with 2 % of that each. Users and partners come
 * from generate(). Accounts, domains and contacts are generated here and written in unnest()
 * batches, one in flight per connection; then timeline entries, opportunities and partner roles
 * are drawn in SQL from generate_series() chunks, one per connection at a time. Secondary indexes of the CRM tables
 * are dropped for the load and built afterwards; VACUUM ANALYZE last. Same seed, same data.
 */
async function generateCrmData(ownerUrl: string, opts: CrmGenerateOptions): Promise<CrmDataset> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const seed = opts.seed ?? 20261204;
  const s = opts.scale;
  const started = performance.now();
  const phases: Record<string, number> = {};
  let t = started;
  const mark = (phase: string) => {
    phases[phase] = (performance.now() - t) / 1000;
    t = performance.now();
    log(`  ${phase}: ${phases[phase].toFixed(1)} s`);
  };
  const count = (n: number) => Math.round(n * s).toLocaleString('en-US');
  log(
    `generating the CRM at scale ${s}: ${count(CRM_FULL_SCALE.accounts)} accounts, ${count(CRM_FULL_SCALE.opportunities)} opportunities, ` +
      `${count(CRM_FULL_SCALE.timelineEntries)} timeline entries in the main workspace, ${opts.noiseWorkspaces ?? 10} noise workspaces with 2 % of that each`,
  );

  const base = await generate(ownerUrl, {
    workspaces: 1 + (opts.noiseWorkspaces ?? 10),
    usersPerWorkspace: 40,
    partnersPerWorkspace: 100,
    mainPartners: 1000,
    partnerUsersPerPartner: 1,
    // Not `seed`: http-auth-overhead's generate() may have written that seed's ids into this database already.
    seed: seed + 1,
    log: () => {},
  });
  mark('users and partners');

  const a = await connect(ownerUrl);
  const b = await connect(ownerUrl);
  const stats = new Stats();
  const dropped: { table: string; drop: string; create: string }[] = [];
  try {
    const workspaceIds = [base.workspaceId, ...base.noiseWorkspaceIds];
    const { rows: staffRows } = await a.query<{ workspace_id: string; staff: Staff[] }>(
      `select m.workspace_id, json_agg(json_build_object('id', u.id, 'email', u.email) order by u.id) as staff
       from workspace_members m join users u on u.id = m.user_id
       where m.status = 'active' and m.workspace_id = any($1) group by m.workspace_id`,
      [workspaceIds],
    );
    const { rows: partnerRows } = await a.query<{ workspace_id: string; ids: string[] }>(
      `select workspace_id, array_agg(id order by id) as ids from partners where workspace_id = any($1) group by workspace_id`,
      [workspaceIds],
    );
    const staffOf = new Map(staffRows.map((r) => [r.workspace_id, r.staff]));
    const partnersOf = new Map(partnerRows.map((r) => [r.workspace_id, r.ids]));
    const busyMain = (
      [
        ['opportunity', 1, 25_000],
        ['account', 1, 15_000],
        ['opportunity', 2, 12_000],
        ['opportunity', 3, 10_000],
        ['account', 2, 10_000],
      ] as const
    ).map(([type, index, entries]): Busy => ({ type, index, entries: Math.max(50, Math.round(entries * s)) }));
    const plans: Plan[] = workspaceIds.map((workspaceId, w) => {
      const share = w === 0 ? 1 : 0.02;
      const accounts = Math.max(100, Math.round(CRM_FULL_SCALE.accounts * s * share));
      return {
        w,
        workspaceId,
        accounts,
        contacts: 0, // known once the accounts (with 0–3 contacts each) are written

        opportunities: Math.max(100, Math.round(CRM_FULL_SCALE.opportunities * s * share)),
        timeline: Math.max(500, Math.round(CRM_FULL_SCALE.timelineEntries * s * share)),
        staff: staffOf.get(workspaceId) ?? [],
        partners: partnersOf.get(workspaceId) ?? [],
        busy: w === 0 ? busyMain : [],
      };
    });

    // No per-row foreign-key and share triggers during the load (the data satisfies them by
    // construction). Needs a superuser: on an external database without one it just loads slower.
    for (const c of [a, b]) await c.query('set session_replication_role = replica').catch(() => {});
    // Secondary indexes, and primary keys no foreign key depends on, are built after the load: faster
    // than maintaining them row by row, and compact like a freshly restored database.
    const { rows: indexes } = await a.query<{ table: string; drop: string; create: string }>(
      `select c.relname as table, 'drop index ' || i.indexrelid::regclass::text as drop, pg_get_indexdef(i.indexrelid) as create
       from pg_index i join pg_class c on c.oid = i.indrelid
       where c.relname = any($1) and c.relnamespace = 'public'::regnamespace
         and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
       union all
       select c.relname, format('alter table %I drop constraint %I', c.relname, k.conname),
         format('alter table %I add constraint %I %s', c.relname, k.conname, pg_get_constraintdef(k.oid))
       from pg_constraint k join pg_class c on c.oid = k.conrelid
       where c.relname = any($1) and c.relnamespace = 'public'::regnamespace and k.contype = 'p'
         and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = k.conrelid)`,
      [CRM_TABLES],
    );
    for (const ix of indexes) {
      await a.query(ix.drop);
      dropped.push(ix);
    }

    const samples: CrmDataset['samples'] = [];
    const epoch = new Date(EPOCH).toISOString();
    const bodies = BODY_KINDS.map((k) => [...TIMELINE_BODIES[k]]);
    const chunkTasks: Task[] = [];
    for (const plan of plans) {
      plan.contacts = await writeAccounts([a, b], plan, seed, stats, plan.w === 0 ? samples : undefined);
      const staffIds = plan.staff.map((x) => x.id);
      const staffEmails = plan.staff.map((x) => x.email);
      const opportunities = opportunitiesSql(seed, plan);
      const partners = opportunityPartnersSql(seed, plan);
      for (const [lo, hi] of chunks(plan.opportunities, 100_000)) {
        chunkTasks.push(async (c) => {
          await stats.insert(c, 'opportunities', opportunities, [plan.workspaceId, staffIds, epoch, NEXT_STEPS, DESCRIPTIONS, PRODUCTS, lo, hi]);
          if (plan.partners.length) await stats.insert(c, 'opportunity_partners', partners, [plan.workspaceId, plan.partners, lo, hi]);
        });
      }
      const timeline = timelineSql(seed, plan);
      for (const [lo, hi] of chunks(plan.timeline, 250_000)) {
        chunkTasks.push(async (c) => {
          await stats.insert(c, 'timeline_entries', timeline, [plan.workspaceId, lo, hi, staffIds, staffEmails, ...bodies, STAGES, epoch]);
        });
      }
    }
    // Then the tables drawn in SQL, one chunk at a time on each connection.
    await Promise.all([drain(chunkTasks, a), drain(chunkTasks, b)]);
    mark('load');

    // Two builds at a time (one per core), biggest tables first.
    const rowsOf = (table: string) => stats.byTable.get(table)?.rows ?? 0;
    const built: CrmDataset['indexes'] = [];
    const builds: Task[] = [...dropped]
      .sort((x, y) => rowsOf(y.table) - rowsOf(x.table))
      .map((ix) => async (c) => {
        const t0 = performance.now();
        await c.query(ix.create);
        dropped.splice(dropped.indexOf(ix), 1);
        built.push({ index: /(?:INDEX|CONSTRAINT) (\S+)/.exec(ix.create)?.[1] ?? ix.create, seconds: (performance.now() - t0) / 1000 });
      });
    await Promise.all([drain(builds, a), drain(builds, b)]);
    built.sort((x, y) => y.seconds - x.seconds);
    mark('indexes');
    log(
      `  slowest index builds: ${built
        .slice(0, 6)
        .map((x) => `${x.index} ${x.seconds.toFixed(1)} s`)
        .join(', ')}`,
    );
    const vacuums: Task[] = [...CRM_TABLES]
      .sort((x, y) => rowsOf(y) - rowsOf(x))
      .map((table) => async (c) => {
        await c.query(`vacuum (analyze) ${table}`);
      });
    await Promise.all([drain(vacuums, a), drain(vacuums, b)]);
    // Write the load's dirty pages now, not in the checkpoint that would spread them over the first
    // minutes of measuring (needs a superuser, as the embedded owner is; elsewhere it is skipped).
    await a.query('checkpoint').catch(() => {});
    mark('vacuum analyze');

    const entries = async (type: string, id: string) => {
      const { rows } = await a.query<{ n: string }>(
        'select count(*) as n from timeline_entries where workspace_id = $1 and subject_type = $2 and subject_id = $3',
        [base.workspaceId, type, id],
      );
      return Number(rows[0].n);
    };
    const { rows: mainRows } = await a.query<{ t: string; n: string }>(
      CRM_TABLES.map((table) => `select '${table}' as t, count(*) as n from ${table} where workspace_id = $1`).join(' union all '),
      [base.workspaceId],
    );
    const busiestOpportunity = idOf(idPrefix(seed, 0, 'o'), 1);
    const busiestAccount = idOf(idPrefix(seed, 0, 'a'), 1);

    const tables: TableRate[] = [...stats.byTable].map(([table, x]) => ({
      table,
      rows: x.rows,
      seconds: x.ms / 1000,
      rowsPerSecond: x.rows / (x.ms / 1000),
    }));
    const rows: Record<string, number> = { ...base.rows, ...Object.fromEntries(tables.map((x) => [x.table, x.rows])) };
    const totalRows = Object.values(rows).reduce((sum, n) => sum + n, 0);
    const seconds = (performance.now() - started) / 1000;
    const dataset: CrmDataset = {
      workspaceId: base.workspaceId,
      slug: base.slug,
      apiKey: base.apiKey,
      main: Object.fromEntries(mainRows.map((r) => [r.t, Number(r.n)])),
      rows,
      totalRows,
      tables,
      phases,
      seconds,
      rowsPerSecond: totalRows / seconds,
      indexes: built,
      busiest: {
        opportunity: { id: busiestOpportunity, entries: await entries('opportunity', busiestOpportunity) },
        account: { id: busiestAccount, entries: await entries('account', busiestAccount) },
      },
      samples,
    };
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    for (const x of tables) {
      log(
        `  ${x.table.padEnd(21)} ${fmt(x.rows).padStart(10)} rows, ${x.seconds.toFixed(1).padStart(5)} s in its INSERTs: ${fmt(x.rowsPerSecond).padStart(7)} rows/s`,
      );
    }
    const list = (o: Record<string, number>, f: (n: number) => string) =>
      Object.entries(o)
        .map(([k, v]) => `${k} ${f(v)}`)
        .join(', ');
    log(
      `generated ${fmt(totalRows)} rows in ${seconds.toFixed(1)} s (${list(phases, (v) => `${v.toFixed(1)} s`)}): ${fmt(dataset.rowsPerSecond)} rows/s`,
    );
    log(
      `main workspace: ${list(dataset.main, fmt)}; busiest timelines: opportunity ${fmt(dataset.busiest.opportunity.entries)}, account ${fmt(dataset.busiest.account.entries)} entries`,
    );
    return dataset;
  } finally {
    // A failed load must not leave the schema without its indexes.
    for (const ix of dropped) await a.query(ix.create).catch(() => {});
    await a.end().catch(() => {});
    await b.end().catch(() => {});
  }
}

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, seed: { type: 'string' }, noise: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(`usage: npx tsx bench/generate-crm.ts [--scale <n>] [--seed <n>] [--noise <workspaces>]
  --scale  1 (default) = 1 M accounts, 1 M opportunities, 5 M timeline entries in the main workspace
  DATABASE_URL set: fills that database (migrated, e.g. by tandem migrate) as the role of the URL, its owner;
  otherwise a temporary embedded PostgreSQL, removed afterwards (a timing run).`);
    return;
  }
  const opts = {
    scale: Number(values.scale ?? 1),
    seed: values.seed ? Number(values.seed) : undefined,
    noiseWorkspaces: values.noise ? Number(values.noise) : undefined,
  };
  const url = process.env.DATABASE_URL;
  if (url) {
    await generateCrm(url, opts);
    return;
  }
  const database = await startBenchDatabase((line) => console.log(line));
  try {
    await generateCrm(database.ownerUrl, opts);
  } finally {
    await database.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
