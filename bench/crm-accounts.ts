// The Node side of the CRM generator: accounts with their domains and contacts, written in unnest() batches.
import type pg from 'pg';
import { BLOCKING_KEYS_VERSION } from '../src/server/modules/duplicates/company-blocking.rules.ts';
import { accountMatchKeys } from '../src/server/modules/duplicates/match-keys.service.ts';
import { INDUSTRIES, PHONE_PREFIX, SEGMENTS, TITLES } from './crm-pools.ts';
import { idPrefix, idSql, type Plan } from './crm-sql.ts';
import { asciiSlug, crmCompany, personName, Rng } from './names.ts';

/** A fixed "now" for generated data: same seed, same timestamps. */
export const EPOCH = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

/** Every ~1/40th account of the main workspace: names and domains to search for. */
export type AccountSample = { name: string; base: string; domain: string };

/** Column-wise rows for `insert … select … from unnest($1::type[], …)`; columns without a type are SQL expressions. */
export class Batch {
  private values: unknown[][];
  private readonly params: { name: string; type: string }[];
  private readonly text: string;
  written = 0;

  constructor(
    readonly table: string,
    columns: { name: string; type?: string; expr?: string }[],
  ) {
    this.params = columns.filter((c) => c.type).map((c) => ({ name: c.name, type: c.type as string }));
    this.values = this.params.map(() => []);
    const arrays = this.params.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    this.text = `insert into ${table} (${columns.map((c) => c.name).join(', ')}) select ${columns.map((c) => c.expr ?? c.name).join(', ')}
      from unnest(${arrays}) as t(${this.params.map((c) => c.name).join(', ')})`;
  }

  get size() {
    return this.values[0].length;
  }

  push(...row: unknown[]) {
    for (let i = 0; i < row.length; i++) this.values[i].push(row[i]);
  }

  take(): { table: string; text: string; values: unknown[]; rows: number } | undefined {
    if (!this.size) return undefined;
    const q = { table: this.table, text: this.text, values: this.values, rows: this.size };
    this.written += this.size;
    this.values = this.params.map(() => []);
    return q;
  }
}

export class Stats {
  readonly byTable = new Map<string, { rows: number; ms: number }>();

  /** Runs one INSERT and books its rows and time to its table. */
  async insert(client: pg.Client, table: string, text: string, values: unknown[]): Promise<number> {
    const t0 = performance.now();
    const res = await client.query(text, values);
    const s = this.byTable.get(table) ?? { rows: 0, ms: 0 };
    s.rows += res.rowCount ?? 0;
    s.ms += performance.now() - t0;
    this.byTable.set(table, s);
    return res.rowCount ?? 0;
  }
}

const PEOPLE = { none: 0, one: 1, two: 2, three: 3 };
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Accounts with their domains, contacts and duplicate-check blocking keys (computed here by the
 * product's rules, as `refreshMatchKeys` would; none for deleted accounts), generated here (names
 * need the pools) and written in unnest() batches of 10,000 accounts.
 */
export async function writeAccounts(clients: pg.Client[], plan: Plan, seed: number, stats: Stats, samples?: AccountSample[]): Promise<number> {
  const rng = new Rng(seed * 1000 + plan.w);
  const ws = `'${plan.workspaceId}'::uuid`;
  const accountPrefix = idPrefix(seed, plan.w, 'a');
  const accounts = new Batch('accounts', [
    { name: 'id', type: 'int8', expr: idSql(accountPrefix, 'id') },
    { name: 'workspace_id', expr: ws },
    { name: 'name', type: 'text' },
    { name: 'industry', type: 'text' },
    { name: 'country', type: 'text' },
    { name: 'region', type: 'text' },
    { name: 'segment', type: 'text' },
    { name: 'employee_count', type: 'int4' },
    { name: 'owner_user_id', type: 'uuid' },
    { name: 'customer_status', type: 'text' },
    { name: 'renewal_date', type: 'date' },
    { name: 'deleted_at', type: 'timestamptz' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
  ]);
  const domains = new Batch('account_domains', [
    { name: 'workspace_id', expr: ws },
    { name: 'account_id', type: 'int8', expr: idSql(accountPrefix, 'account_id') },
    { name: 'domain', type: 'text' },
  ]);
  const contacts = new Batch('contacts', [
    { name: 'id', type: 'int8', expr: idSql(idPrefix(seed, plan.w, 'c'), 'id') },
    { name: 'workspace_id', expr: ws },
    { name: 'account_id', type: 'int8', expr: idSql(accountPrefix, 'account_id') },
    { name: 'first_name', type: 'text' },
    { name: 'last_name', type: 'text' },
    { name: 'emails', type: 'text', expr: `string_to_array(emails, ' ')` },
    { name: 'phone', type: 'text' },
    { name: 'title', type: 'text' },
    { name: 'owner_user_id', type: 'uuid' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
  ]);
  const keys = new Batch('company_match_keys', [
    { name: 'workspace_id', expr: ws },
    { name: 'key', type: 'text' },
    { name: 'account_id', type: 'int8', expr: idSql(accountPrefix, 'account_id') },
  ]);
  const versions = new Batch('company_match_key_versions', [
    { name: 'workspace_id', expr: ws },
    { name: 'account_id', type: 'int8', expr: idSql(accountPrefix, 'account_id') },
    { name: 'version', expr: String(BLOCKING_KEYS_VERSION) },
    // The account's keys, joined by a control character no key contains.
    { name: 'keys', type: 'text', expr: 'string_to_array(keys, chr(31))' },
  ]);
  const batches = [accounts, domains, contacts, keys, versions];
  const taken = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const domainFor = (slug: string, tld: string) => {
    let d = `${slug}.${tld}`;
    if (!taken.has(d)) {
      taken.add(d);
      return d;
    }
    let n = nextSuffix.get(slug) ?? 2;
    while (taken.has(`${slug}-${n}.${tld}`)) n++;
    d = `${slug}-${n}.${tld}`;
    nextSuffix.set(slug, n + 1);
    taken.add(d);
    return d;
  };
  const segments = Object.fromEntries(Object.entries(SEGMENTS).map(([k, v]) => [k, v.weight])) as Record<keyof typeof SEGMENTS, number>;
  const sampleEvery = Math.max(1, Math.floor(plan.accounts / 40));
  let contactOrdinal = 0;
  // Batches go round the connections, one in flight on each, while the next one is generated here:
  // PostgreSQL's side of a row (array parsing, the generated search columns) costs more than Node's.
  const inFlight: Promise<void>[] = clients.map(() => Promise.resolve());
  let turn = 0;
  const flush = async () => {
    const queries = batches.map((b) => b.take()).filter((q) => q !== undefined);
    const slot = turn++ % clients.length;
    await inFlight[slot];
    inFlight[slot] = (async () => {
      // In this order on one connection: domains, contacts and keys reference the batch's accounts.
      for (const q of queries) await stats.insert(clients[slot], q.table, q.text, q.values);
    })();
    // Surface a failed INSERT at the next flush rather than as an unhandled rejection.
    inFlight[slot].catch(() => {});
  };

  for (let i = 1; i <= plan.accounts; i++) {
    const c = crmCompany(rng);
    const slug = asciiSlug(c.base).slice(0, 60).replace(/-+$/, '');
    const primary = domainFor(slug, c.market.tld);
    const own = [primary];
    domains.push(i, primary);
    if (rng.chance(0.3)) {
      own.push(domainFor(slug, c.market.tld === 'com' ? 'io' : 'com'));
      domains.push(i, own[1]);
    }
    if (samples && i % sampleEvery === 0) samples.push({ name: c.name, base: c.base, domain: primary });
    const segment = rng.weighted(segments);
    const { min, max } = SEGMENTS[segment];
    const status = rng.weighted({ prospect: 55, customer: 35, former: 10 });
    const owner = rng.chance(0.9) ? rng.pick(plan.staff).id : null;
    const createdMs = EPOCH - Math.floor(rng.next() * 1500 * DAY);
    const created = new Date(createdMs).toISOString();
    // Drawn in the order they always were: same seed, same accounts as before the keys.
    const industry = rng.chance(0.9) ? rng.pick(INDUSTRIES) : null;
    const employees = Math.round(min * (max / min) ** rng.next());
    const renewal = status === 'customer' ? isoDay(EPOCH + Math.floor((rng.next() * 425 - 60) * DAY)) : null;
    const deletedAt = rng.chance(0.01) ? new Date(EPOCH - Math.floor(rng.next() * 90 * DAY)).toISOString() : null;
    const updated = new Date(createdMs + Math.floor(rng.next() * (EPOCH - createdMs))).toISOString();
    accounts.push(i, c.name, industry, c.country, c.market.region, segment, employees, owner, status, renewal, deletedAt, created, updated);
    if (!deletedAt) {
      const matchKeys = accountMatchKeys(c.name, own);
      for (const k of matchKeys) keys.push(k, i);
      versions.push(i, matchKeys.join('\x1f'));
    }
    const people = PEOPLE[rng.weighted({ none: 25, one: 45, two: 20, three: 10 })];
    const emails = new Set<string>();
    for (let p = 0; p < people; p++) {
      const person = personName(rng, c.market);
      let local = `${asciiSlug(person.first, '.')}.${asciiSlug(person.last, '.')}`;
      if (emails.has(local)) local = `${local}${p + 1}`;
      emails.add(local);
      const contactCreated = createdMs + Math.floor(rng.next() * (EPOCH - createdMs));
      contacts.push(
        ++contactOrdinal,
        i,
        person.first,
        person.last,
        rng.chance(0.9) ? `${local}@${primary}` : '',
        rng.chance(0.6) ? `${PHONE_PREFIX[c.country] ?? '+1'} ${100 + rng.int(900)} ${100000 + rng.int(900000)}` : null,
        rng.chance(0.8) ? rng.pick(TITLES) : null,
        owner,
        new Date(contactCreated).toISOString(),
        new Date(contactCreated + Math.floor(rng.next() * (EPOCH - contactCreated))).toISOString(),
      );
    }
    if (accounts.size >= 10_000) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  return contactOrdinal;
}
