// Registrations behind the CRM: the issue's 100 k at --crm-scale 1, written in SQL batches; see bench/README.md.
import pg from 'pg';
import { companyProfile, profileBlockingKeys } from '../src/server/modules/duplicates/company-match.rules.ts';
import { companyKeyOf } from '../src/server/modules/registrations/registration-submit.service.ts';
import { DEFAULT_REJECTION_REASONS } from '../src/shared/registrations.ts';
import { Batch, Stats } from './crm-accounts.ts';
import type { CrmDataset } from './generate-crm.ts';
import { asciiSlug, CITIES, crmCompany, personName, Rng } from './names.ts';

/** Registrations of the main workspace at scale 1 (the duplicate-check figure's "100 k registrations"). */
export const REGISTRATIONS_FULL_SCALE = 100_000;

const DAY = 86_400_000;
const OPEN = new Set(['submitted', 'in_review', 'approved']);
const NOTES = [
  'Customer evaluates a platform replacement; budget approved for next fiscal year.',
  'Discovery call held with IT and purchasing; technical workshop scheduled.',
  'Renewal of their current contract is due; we were invited to quote.',
  'Inbound request via our webinar; CFO sponsors the project.',
  'Pilot with two departments planned, rollout to 1,200 seats afterwards.',
  'Kunde plant die Ablösung des Altsystems, Budget ist freigegeben.',
  'Ausschreibung läuft, Angebot bis Monatsende; wir sind Bestandspartner.',
];

const ONSETS = 'b|br|c|d|f|g|gr|h|k|kl|l|m|n|p|pl|qu|r|s|sc|sp|st|t|tr|v|w|x|z|fl|th|ch'.split('|');
const VOWELS = 'a|e|i|o|u|a|e|o|i|ei|ia|y'.split('|');
const CODAS = '||||||n|r|l|x|s|m|nt|rt|v|k'.split('|');
const ENDINGS = '|||a|o|ix|ia|io|ex|on|ify|ly|era|ica|ent|um|os'.split('|');

/** A brand name of its own, pronounceable and mostly unique: "Velotrix", "Quorvia", "Stenmo". */
function coinedBrand(rng: Rng): string {
  const syllables = rng.chance(0.25) ? 3 : 2;
  let w = '';
  for (let i = 0; i < syllables; i++) w += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === syllables - 1 ? '' : rng.pick(CODAS));
  if (syllables === 2) w += rng.pick(ENDINGS);
  return w[0].toUpperCase() + w.slice(1);
}

/** A company a registration names: its name, web domain and a contact there. */
export type RegCompany = { name: string; domain: string; key: string; contactName: string; contactEmail: string; accountId?: string };

/** An account of the main workspace, with its primary domain. */
type AccountRow = { id: string; name: string; domain: string | null };

/**
 * Companies for registrations: new ones (composed from the generator's name pools, each with a
 * company key no registration has used yet) and existing accounts of the CRM. Shared by the data
 * generator and the submit benchmark, so the benchmark's "new" companies are new to the claims too.
 */
export class CompanyPool {
  /** Company keys of every registration written or planned so far. */
  readonly usedKeys = new Set<string>();
  private nextAccount = 0;

  constructor(
    private readonly rng: Rng,
    private readonly accounts: AccountRow[],
  ) {}

  /**
   * A company no registration has named yet. Most new companies carry a name of their own (a
   * coined brand: "Velotrix Datentechnik GmbH", "Quorvia Analytics Denver LLC"); 40 % are named
   * from the CRM's pools (surnames, place words, sectors: "Krüger Nordlicht Logistik GmbH"), whose
   * few words are shared by thousands of accounts and registrations, as common words are.
   */
  fresh(): RegCompany {
    for (let attempt = 0; ; attempt++) {
      const c = crmCompany(this.rng, 0.5);
      const m = c.market;
      const city = c.city ?? (this.rng.chance(0.4) ? this.rng.pick(CITIES[c.country] ?? CITIES.US) : null);
      const at = city ? ` ${city}` : '';
      let base: string;
      if (this.rng.chance(0.6)) {
        const brand = coinedBrand(this.rng);
        const shape = this.rng.int(10);
        base = shape < 3 ? brand : shape < 8 ? `${brand} ${this.rng.pick(m.sectors)}` : `${brand} ${this.rng.pick(m.sectors)}${at}`;
      } else {
        switch (this.rng.int(4)) {
          case 0:
            base = `${this.rng.pick(m.surnames)} ${this.rng.pick(m.words)} ${this.rng.pick(m.sectors)}`;
            break;
          case 1:
            base = `${this.rng.pick(m.words)} ${this.rng.pick(m.sectors)}${at}`;
            break;
          case 2:
            base = `${this.rng.pick(m.surnames)} & ${this.rng.pick(m.surnames)} ${this.rng.pick(m.sectors)}${at}`;
            break;
          default:
            base = `${this.rng.pick(m.words)} ${this.rng.pick(m.surnames)} ${this.rng.pick(m.sectors)}`;
        }
      }
      // A rare fallback once the pools run dry for this draw: a branch number makes it distinct.
      if (attempt >= 20) base = `${base} ${attempt}`;
      const name = `${base} ${c.legalForm}`;
      const key = companyKeyOf(name);
      if (this.usedKeys.has(key)) continue;
      this.usedKeys.add(key);
      const domain = `${asciiSlug(base).slice(0, 60).replace(/-+$/, '')}.${m.tld}`;
      return { name, domain, key, ...this.contact(m, domain) };
    }
  }

  /** The next existing account (each once), or undefined when the sample is used up. */
  existing(): RegCompany | undefined {
    const a = this.accounts[this.nextAccount++];
    if (!a) return undefined;
    const key = companyKeyOf(a.name);
    this.usedKeys.add(key);
    const domain = a.domain ?? `${asciiSlug(a.name).slice(0, 60)}.com`;
    return { name: a.name, domain, key, accountId: a.id, ...this.contact(crmCompany(this.rng).market, domain) };
  }

  private contact(market: ReturnType<typeof crmCompany>['market'], domain: string) {
    const p = personName(this.rng, market);
    return { contactName: `${p.first} ${p.last}`, contactEmail: `${asciiSlug(p.first, '.')}.${asciiSlug(p.last, '.')}@${domain}` };
  }
}

export type RegistrationsDataset = {
  workspaceId: string;
  total: number;
  byStatus: Record<string, number>;
  /** Rows of registration_match_keys written (open and approved registrations keep their keys). */
  matchKeys: number;
  seconds: number;
  /** Further companies for the same workspace: fresh names and the accounts not used yet. */
  companies: CompanyPool;
  /** `partnerId|companyKey|motion` of every open claim: the same partner may not claim it twice. */
  openClaims: Set<string>;
};

const generated = new Map<string, Promise<RegistrationsDataset>>();

/** The registrations of `generateRegistrationsData` for this database, workspace and scale, written once per process. */
export function generateRegistrations(
  ownerUrl: string,
  data: CrmDataset,
  opts: { scale: number; seed?: number; log?: (line: string) => void },
): Promise<RegistrationsDataset> {
  const key = JSON.stringify([ownerUrl, data.workspaceId, opts.scale, opts.seed ?? null]);
  let out = generated.get(key);
  if (!out) {
    out = generateRegistrationsData(ownerUrl, data, opts);
    generated.set(key, out);
    out.catch(() => generated.delete(key));
  } else opts.log?.('using the registrations generated earlier in this run');
  return out;
}

type Draft = {
  id: string;
  company: RegCompany;
  partnerId: string;
  motion: string;
  type: 'deal' | 'lead';
  status: string;
  createdMs: number;
  decidedMs: number | null;
  claimRank: number;
  firstClaimId: string | null;
  verdict: string;
};

/**
 * 100 k × scale registrations in the main workspace of the CRM, as two years of a partner
 * program leave them: 60 % for new companies, 40 % for accounts of the CRM (each once); all
 * partners, five motions, 85 % deals; 6 % submitted and 4 % in review (the last five days), 42 %
 * approved (protection running), 25 % rejected, 12 % expired, 5 % released, 6 % withdrawn. Claim
 * ranks are consistent (the open claims of each company ranked 1…n by submission), numbers in order
 * (the number counter continues after them), and open and approved ones have their blocking keys in
 * registration_match_keys, computed by the product's rules. Written as the owner in unnest() batches.
 */
/** The workspace's registration-number sequence (as next_workspace_counter names it), created when missing. */
async function sequenceOf(c: pg.Client, ws: string): Promise<string> {
  const { rows } = await c.query<{ seq: string }>(`select counter_sequence($1, 'registration-number') as seq`, [ws]);
  await c.query(`create sequence if not exists ${rows[0].seq}`);
  return rows[0].seq;
}

async function generateRegistrationsData(
  ownerUrl: string,
  data: CrmDataset,
  opts: { scale: number; seed?: number; log?: (line: string) => void },
): Promise<RegistrationsDataset> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const rng = new Rng(opts.seed ?? 20261205);
  const ws = data.workspaceId;
  const total = Math.max(100, Math.round(REGISTRATIONS_FULL_SCALE * opts.scale));
  const c = new pg.Client({ connectionString: ownerUrl, application_name: 'tandem-bench-registrations' });
  await c.connect();
  try {
    await c.query('set synchronous_commit = off');
    const { rows: partners } = await c.query<{ id: string; user_id: string | null; user_name: string | null }>(
      `select p.id, u.id as user_id, u.name as user_name from partners p
       left join lateral (select id, name from partner_users pu where pu.partner_id = p.id order by id limit 1) u on true
       where p.workspace_id = $1 and p.deleted_at is null order by p.id`,
      [ws],
    );
    const { rows: approvers } = await c.query<{ id: string }>(
      `select user_id as id from workspace_members where workspace_id = $1 and status = 'active' and role in ('admin', 'partner_manager') order by user_id`,
      [ws],
    );
    // Existing accounts in a stable pseudo-random order: 40 % of the registrations, plus as many again for later use.
    const { rows: accounts } = await c.query<AccountRow>(
      `select a.id, a.name, (select d.domain from account_domains d where d.account_id = a.id order by d.domain limit 1) as domain
       from accounts a where a.workspace_id = $1 and a.deleted_at is null order by md5(a.id::text) limit $2`,
      [ws, Math.round(total * 0.8) + 5_000],
    );
    const companies = new CompanyPool(rng, accounts);
    // Numbers continue the workspace's counter (a run may have registered some already).
    const { rows: counter } = await c.query<{ n: number }>(
      `select case when is_called then last_value else 0 end as n from ${await sequenceOf(c, ws)}`,
    );
    const firstNumber = Number(counter[0]?.n ?? 0) + 1;
    const now = Date.now();

    const drafts: Draft[] = [];
    for (let i = 0; i < total; i++) {
      const company = rng.chance(0.4) ? (companies.existing() ?? companies.fresh()) : companies.fresh();
      const status = rng.weighted({ submitted: 6, in_review: 4, approved: 42, rejected: 25, expired: 12, released: 5, withdrawn: 6 });
      const open = status === 'submitted' || status === 'in_review';
      // Open ones from the last five days; approved ones decided within the protection window; the rest up to two years back.
      const createdMs = open
        ? now - Math.floor(rng.next() * 5 * DAY)
        : status === 'approved'
          ? now - Math.floor((3 + rng.next() * 80) * DAY)
          : status === 'expired'
            ? now - Math.floor((95 + rng.next() * 635) * DAY)
            : now - Math.floor((5 + rng.next() * 725) * DAY);
      const decidedMs = open ? null : Math.min(now - DAY, createdMs + Math.floor((0.2 + rng.next() * 3) * DAY));
      drafts.push({
        id: rng.uuid(),
        company,
        partnerId: rng.pick(partners).id,
        motion: rng.weighted({ resale: 45, referral: 25, services: 12, technology: 10, marketplace: 8 }),
        type: rng.chance(0.85) ? 'deal' : 'lead',
        status,
        createdMs,
        decidedMs,
        claimRank: 1,
        firstClaimId: null,
        verdict: company.accountId ? (rng.chance(0.6) ? 'possible_duplicate' : 'conflict') : rng.chance(0.85) ? 'no_match' : 'possible_duplicate',
      });
    }
    // Numbers in submission order; claim ranks among the open claims of each company, as the service gives them.
    drafts.sort((a, b) => a.createdMs - b.createdMs);
    const openByKey = new Map<string, Draft[]>();
    for (const d of drafts) {
      if (!OPEN.has(d.status)) continue;
      const list = openByKey.get(d.company.key) ?? [];
      d.claimRank = list.length + 1;
      d.firstClaimId = list[0]?.id ?? null;
      if (d.claimRank > 1) d.verdict = 'conflict';
      list.push(d);
      openByKey.set(d.company.key, list);
    }
    // The service refuses a second open claim of one partner on one company and motion; so does the data.
    const openClaims = new Set<string>();
    const protectedAccounts = new Set<string>();
    for (const d of drafts) {
      if (!OPEN.has(d.status)) continue;
      const claim = `${d.partnerId}|${d.company.key}|${d.motion}`;
      const protection = d.company.accountId && `${d.company.accountId}|${d.motion}`;
      if (openClaims.has(claim) || (d.status === 'approved' && d.type === 'deal' && protection && protectedAccounts.has(protection))) {
        d.status = 'withdrawn';
        continue;
      }
      openClaims.add(claim);
      if (d.status === 'approved' && d.type === 'deal' && protection) protectedAccounts.add(protection);
    }
    // Withdrawn ones above may have held a rank: rank the open claims again.
    openByKey.clear();
    for (const d of drafts) {
      if (!OPEN.has(d.status)) {
        d.claimRank = 1;
        d.firstClaimId = null;
        continue;
      }
      const list = openByKey.get(d.company.key) ?? [];
      d.claimRank = list.length + 1;
      d.firstClaimId = list[0]?.id ?? null;
      list.push(d);
      openByKey.set(d.company.key, list);
    }

    const registrations = new Batch('registrations', [
      { name: 'id', type: 'uuid' },
      { name: 'workspace_id', expr: `'${ws}'::uuid` },
      { name: 'number', type: 'text' },
      { name: 'type', type: 'text' },
      { name: 'partner_id', type: 'uuid' },
      { name: 'submitted_by_kind', type: 'text' },
      { name: 'submitted_by_id', type: 'uuid' },
      { name: 'submitted_by_label', type: 'text' },
      { name: 'channel', type: 'text' },
      { name: 'company_name', type: 'text' },
      { name: 'company_domain', type: 'text' },
      { name: 'company_key', type: 'text' },
      { name: 'contact_name', type: 'text' },
      { name: 'contact_email', type: 'text' },
      { name: 'amount_minor', type: 'int8' },
      { name: 'currency', type: 'text' },
      { name: 'expected_close_date', type: 'date' },
      { name: 'motion', type: 'text' },
      { name: 'notes', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'verdict', type: 'text' },
      { name: 'claim_rank', type: 'int4' },
      { name: 'first_claim_id', type: 'uuid' },
      { name: 'approver_user_id', type: 'uuid' },
      { name: 'queue_id', expr: `'partner_managers'` },
      { name: 'decision_due_at', type: 'timestamptz' },
      { name: 'decision_reminder_due_at', type: 'timestamptz' },
      { name: 'decision_escalation_due_at', type: 'timestamptz' },
      { name: 'decided_at', type: 'timestamptz' },
      { name: 'decided_by_user_id', type: 'uuid' },
      { name: 'rejection_reason', type: 'text' },
      { name: 'appeal_until', type: 'timestamptz' },
      { name: 'account_id', type: 'uuid' },
      { name: 'protection_days', type: 'int4' },
      { name: 'protection_starts_at', type: 'timestamptz' },
      { name: 'protection_expires_at', type: 'timestamptz' },
      { name: 'protection_reminder_due_at', type: 'timestamptz' },
      { name: 'protection_released_at', type: 'timestamptz' },
      { name: 'release_reason', type: 'text' },
      { name: 'last_activity_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ]);
    const keys = new Batch('registration_match_keys', [
      { name: 'workspace_id', expr: `'${ws}'::uuid` },
      { name: 'key', type: 'text' },
      { name: 'registration_id', type: 'uuid' },
    ]);
    const partnerOf = new Map(partners.map((p) => [p.id, p]));
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const stats = new Stats();
    const byStatus: Record<string, number> = {};
    const flush = async () => {
      for (const b of [registrations, keys]) {
        const q = b.take();
        if (q) await stats.insert(c, q.table, q.text, q.values);
      }
    };
    for (const [n, d] of drafts.entries()) {
      byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
      const p = partnerOf.get(d.partnerId);
      const via = rng.weighted({ portal: 75, api: 15, link: 10 });
      const submitter =
        via === 'portal' && p?.user_id
          ? ['partner_user', p.user_id, p.user_name, 'portal']
          : via === 'link'
            ? ['registration_link', null, `${d.company.contactName} <${d.company.contactEmail}>`, 'link']
            : ['api_key', null, 'Partner CRM integration', 'api'];
      const amount = d.type === 'deal' || rng.chance(0.3) ? Math.round(5_000 * 100 ** rng.next()) * 100 : null;
      const currency = amount === null ? null : rng.weighted({ EUR: 70, USD: 15, GBP: 8, CHF: 7 });
      const decided = d.decidedMs !== null && d.status !== 'withdrawn';
      const approver = rng.pick(approvers).id;
      const approved = d.type === 'deal' && (d.status === 'approved' || d.status === 'expired' || d.status === 'released');
      const protectionStart = approved ? d.decidedMs : null;
      const protectionEnd = protectionStart === null ? null : protectionStart + 90 * DAY;
      registrations.push(
        d.id,
        `REG-${String(firstNumber + n).padStart(5, '0')}`,
        d.type,
        d.partnerId,
        ...submitter,
        d.company.name,
        d.company.domain,
        d.company.key,
        d.company.contactName,
        d.company.contactEmail,
        amount,
        currency,
        iso(d.createdMs + Math.floor((30 + rng.next() * 150) * DAY))?.slice(0, 10),
        d.motion,
        rng.chance(0.8) ? rng.pick(NOTES) : null,
        d.status,
        d.verdict,
        d.claimRank,
        d.firstClaimId,
        approver,
        iso(d.createdMs + 2 * DAY),
        iso(d.createdMs + 1.5 * DAY),
        iso(d.createdMs + 2 * DAY),
        decided ? iso(d.decidedMs) : null,
        decided ? approver : null,
        d.status === 'rejected' ? rng.pick(DEFAULT_REJECTION_REASONS).key : null,
        d.status === 'rejected' && d.decidedMs !== null ? iso(d.decidedMs + 14 * DAY) : null,
        approved ? (d.company.accountId ?? null) : null,
        approved ? 90 : null,
        iso(protectionStart),
        iso(protectionEnd),
        protectionEnd === null ? null : iso(protectionEnd - 7 * DAY),
        d.status === 'released' && protectionStart !== null ? iso(protectionStart + 30 * DAY) : null,
        d.status === 'released' ? 'No activity for 30 days' : null,
        iso(d.decidedMs ?? d.createdMs),
        iso(d.createdMs),
        iso(d.decidedMs ?? d.createdMs),
      );
      if (OPEN.has(d.status)) {
        const profile = companyProfile({ name: d.company.name, domains: [d.company.domain], emails: [d.company.contactEmail] });
        for (const k of new Set(profileBlockingKeys(profile))) keys.push(k, d.id);
      }
      if (registrations.size >= 5_000) await flush();
    }
    await flush();
    // The workspace's number counter continues after the generated ones.
    await c.query(`select setval($1::regclass, $2)`, [await sequenceOf(c, ws), firstNumber - 1 + drafts.length]);
    await c.query('vacuum (analyze) registrations, registration_match_keys');
    await c.query('checkpoint').catch(() => {}); // as after the CRM load (generate-crm.ts)
    const seconds = (performance.now() - started) / 1000;
    const matchKeys = stats.byTable.get('registration_match_keys')?.rows ?? 0;
    log(
      `  registrations: ${drafts.length.toLocaleString('en-US')} (${Object.entries(byStatus)
        .map(([s, n]) => `${s} ${n.toLocaleString('en-US')}`)
        .join(', ')}), ${matchKeys.toLocaleString('en-US')} match keys, in ${seconds.toFixed(1)} s`,
    );
    return { workspaceId: ws, total: drafts.length, byStatus, matchKeys, seconds, companies, openClaims };
  } finally {
    await c.end();
  }
}
