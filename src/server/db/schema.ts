import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { CsvDelimiter, CsvEncoding, DuplicateAction, ImportEntity, ImportMapping, ImportStatus, RowIssue } from '../../shared/imports.ts';
import type { SafelistObject, ScopeKind } from '../../shared/safelists.ts';

/** Timestamps read as Date, written as Date or ISO string, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export type StaffRole = 'admin' | 'partner_manager' | 'sales' | 'revops';
export type PartnerUserRole = 'partner_admin' | 'partner_rep';

export interface Branding {
  logoUrl?: string | null;
  primaryColor?: string | null;
  productName?: string | null;
  supportEmail?: string | null;
  faviconUrl?: string | null;
}

export interface WorkspacesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  timeZone: Generated<string>;
  locale: Generated<'en' | 'de'>;
  branding: Json<Branding>;
  settings: Json<Record<string, unknown>>;
  /** Host name the portal also answers on (lower case), e.g. partners.acme.example. */
  customHost: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  passwordHash: string | null;
  locale: 'en' | 'de' | null;
  failedLogins: Generated<number>;
  lockedUntil: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface WorkspaceMembersTable {
  workspaceId: string;
  userId: string;
  role: StaffRole;
  status: Generated<'active' | 'deactivated'>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface PartnersTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  domains: ColumnType<string[], string[] | undefined, string[]>;
  type: string;
  tier: string | null;
  region: string | null;
  lifecycleState: Generated<string>;
  certificationStatus: Generated<string>;
  isEstablished: Generated<boolean>;
  /** The staff member who manages the partner (routing, escalations). */
  managerUserId: ColumnType<string | null, string | null | undefined, string | null>;
  /** Folded name (accents, case): the sort key. */
  nameKey: GeneratedAlways<string>;
  deletedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface PartnerUsersTable {
  id: Generated<string>;
  workspaceId: string;
  partnerId: string;
  email: string;
  name: string;
  role: Generated<PartnerUserRole>;
  status: Generated<'invited' | 'active' | 'deactivated'>;
  passwordHash: string | null;
  locale: 'en' | 'de' | null;
  failedLogins: Generated<number>;
  lockedUntil: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ExternalRefsTable {
  id: Generated<string>;
  workspaceId: string;
  connector: string;
  objectType: string;
  localId: string;
  remoteId: string;
  remoteVersion: string | null;
  remoteModifiedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  workspaceId: string;
  tokenHash: string;
  csrfToken: string;
  userId: string | null;
  partnerUserId: string | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: Generated<Date>;
  lastSeenAt: Generated<Date>;
  expiresAt: Timestamp;
  revokedAt: NullableTimestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scopes: string[];
  partnerId: string | null;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  lastUsedAt: NullableTimestamp;
  expiresAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export interface MagicLinksTable {
  id: Generated<string>;
  workspaceId: string;
  tokenHash: string;
  userId: string | null;
  partnerUserId: string | null;
  purpose: Generated<'login' | 'invite'>;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
  usedAt: NullableTimestamp;
}

/**
 * Appended unsealed (seq, prevHash, hash null) in the writer's transaction; the sealer sets the
 * three through `seal_audit_events` shortly after commit (audit/audit-sealer.ts).
 */
export interface AuditEventsTable {
  workspaceId: string;
  seq: ColumnType<number | null, never, never>;
  id: Generated<string>;
  occurredAt: Timestamp;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Json<Record<string, unknown> | null> | null;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
  prevHash: ColumnType<string | null, never, never>;
  hash: ColumnType<string | null, never, never>;
}

export interface IdempotencyKeysTable {
  workspaceId: string;
  actorKey: string;
  key: string;
  requestHash: string;
  statusCode: number | null;
  response: Json<unknown> | null;
  createdAt: Generated<Date>;
  expiresAt: Generated<Date>;
}

export interface EmailMessagesTable {
  id: Generated<string>;
  workspaceId: string;
  dedupeKey: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  template: string;
  locale: string;
  status: Generated<'queued' | 'sent' | 'mailbox' | 'failed'>;
  attempts: Generated<number>;
  nextAttemptAt: Generated<Date>;
  lastError: string | null;
  sentAt: NullableTimestamp;
  createdAt: Generated<Date>;
}

export interface JobEffectsTable {
  workspaceId: string;
  effectKey: string;
  jobName: string;
  result: Json<unknown> | null;
  createdAt: Generated<Date>;
}

export interface AccountsTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  industry: string | null;
  country: string | null;
  region: string | null;
  segment: string | null;
  employeeCount: number | null;
  ownerUserId: string | null;
  customerStatus: Generated<'prospect' | 'customer' | 'former'>;
  renewalDate: ColumnType<string | null, string | null | undefined, string | null>;
  description: string | null;
  /** Folded name (accents, case): sort key and what name filters and search compare. */
  nameKey: GeneratedAlways<string>;
  deletedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface AccountDomainsTable {
  workspaceId: string;
  accountId: string;
  domain: string;
}

/** One blocking key of a live account (derived from its name and domains by the duplicates rules). */
export interface CompanyMatchKeysTable {
  workspaceId: string;
  key: string;
  accountId: string;
}

/** The rules version an account's blocking keys were computed with, and the keys (as in company_match_keys). */
export interface CompanyMatchKeyVersionsTable {
  workspaceId: string;
  accountId: string;
  version: number;
  keys: string[];
  keyedAt: Generated<Date>;
}

export interface ContactsTable {
  id: Generated<string>;
  workspaceId: string;
  accountId: string | null;
  partnerId: string | null;
  firstName: Generated<string>;
  lastName: string;
  emails: ColumnType<string[], string[] | undefined, string[]>;
  phone: string | null;
  title: string | null;
  ownerUserId: string | null;
  /** Sort key: lower(last name), chr(1), lower(first name). */
  nameKey: GeneratedAlways<string>;
  deletedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export type Motion = 'referral' | 'resale' | 'marketplace' | 'services' | 'technology';

export interface OpportunitiesTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  accountId: string;
  amountMinor: ColumnType<number, number | string, number | string>;
  currency: string;
  stage: string;
  stageChangedAt: Generated<Date>;
  closeDate: ColumnType<string, string, string>;
  ownerUserId: string | null;
  source: Generated<'direct' | 'partner'>;
  motion: Motion | null;
  description: string | null;
  nextStep: string | null;
  nextStepUpdatedAt: NullableTimestamp;
  registrationId: string | null;
  /** Folded name (accents, case): sort key and what name filters and search compare. */
  nameKey: GeneratedAlways<string>;
  deletedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface OpportunityPartnersTable {
  workspaceId: string;
  opportunityId: string;
  partnerId: string;
  role: string;
  attribution: 'sourced' | 'influenced';
  sharePercent: ColumnType<number, number | string, number | string>;
  /** Copies of the deal's sort keys and liveness, kept by triggers (the portal pipeline's indexes). */
  dealCloseDate: ColumnType<string | null, never, never>;
  dealUpdatedAt: ColumnType<Date | null, never, never>;
  dealNameKey: ColumnType<string | null, never, never>;
  dealLive: ColumnType<boolean, never, never>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface OpportunityContactRolesTable {
  workspaceId: string;
  opportunityId: string;
  contactId: string;
  role: string;
  createdAt: Generated<Date>;
}

export interface LeadsTable {
  id: Generated<string>;
  workspaceId: string;
  firstName: Generated<string>;
  lastName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  company: string;
  companyDomain: string | null;
  status: Generated<'new' | 'working' | 'qualified' | 'disqualified' | 'converted'>;
  ownerUserId: string | null;
  partnerId: string | null;
  convertedAccountId: string | null;
  convertedContactId: string | null;
  convertedOpportunityId: string | null;
  convertedAt: NullableTimestamp;
  /** Sort key: lower(company). */
  companyKey: GeneratedAlways<string>;
  deletedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export type TimelineSubjectType = 'account' | 'contact' | 'opportunity' | 'lead' | 'partner' | 'registration';

export interface TimelineEntriesTable {
  id: Generated<string>;
  workspaceId: string;
  subjectType: TimelineSubjectType;
  subjectId: string;
  kind: 'note' | 'email' | 'slack_message' | 'call' | 'meeting' | 'task' | 'stage_change' | 'field_change' | 'system';
  authorKind: 'staff' | 'partner_user' | 'system' | 'api_key' | 'share_link' | 'registration_link';
  authorId: string | null;
  authorLabel: string | null;
  visibility: Generated<'internal' | 'shared'>;
  body: Generated<string>;
  metadata: Json<Record<string, unknown>>;
  occurredAt: Generated<Date>;
  createdAt: Generated<Date>;
}

type JsonText<T> = ColumnType<T, string, string>;

/** A CSV upload and its run: format, mapping, counters and the resume cursor (`processed_rows`). */
export interface ImportsTable {
  id: string;
  workspaceId: string;
  entity: ImportEntity;
  status: Generated<ImportStatus>;
  fileName: string;
  fileSize: number;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  sepLine: boolean;
  hasHeader: boolean;
  headers: JsonText<string[]>;
  suggestedMapping: JsonText<ImportMapping>;
  mapping: JsonText<ImportMapping | null> | null;
  onDuplicate: Generated<DuplicateAction>;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  importedRows: Generated<number>;
  updatedRows: Generated<number>;
  skippedRows: Generated<number>;
  rejectedRows: Generated<number>;
  batches: Generated<number>;
  error: string | null;
  createdByKind: string;
  createdById: string | null;
  createdByLabel: string | null;
  startedAt: NullableTimestamp;
  completedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** A row of an import that did not land (rejected with its issues, or skipped as a duplicate). */
export interface ImportRowsTable {
  workspaceId: string;
  importId: string;
  rowNumber: number;
  action: 'skip' | 'reject';
  reason: string;
  issues: JsonText<RowIssue[]>;
  cells: string[];
}

/** Which fields of one object partners in one scope see and edit (`scope_value` '' for the workspace). */
export interface SafelistRulesTable {
  id: Generated<string>;
  workspaceId: string;
  object: SafelistObject;
  scopeKind: ScopeKind;
  scopeValue: string;
  visible: string[];
  editable: string[];
  updatedByLabel: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** A partner user who sees a deal as a partner_rep: its owner, or one it was shared with. */
export interface DealAccessTable {
  workspaceId: string;
  opportunityId: string;
  partnerUserId: string;
  reason: 'owner' | 'shared';
  createdAt: Generated<Date>;
}

/** A to-do on a deal, on the vendor's or the partner's side. */
export interface TasksTable {
  id: Generated<string>;
  workspaceId: string;
  opportunityId: string;
  title: string;
  description: string | null;
  side: 'vendor' | 'partner';
  assigneeUserId: string | null;
  assigneePartnerUserId: string | null;
  dueDate: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<'open' | 'in_progress' | 'done'>;
  visibility: Generated<'internal' | 'shared'>;
  completedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export type ShareAction = 'acknowledge' | 'comment' | 'update_task';

/** A time-limited link to one record or list for a named recipient; only its token's hash is kept. */
export interface ShareLinksTable {
  id: Generated<string>;
  workspaceId: string;
  entityType: 'opportunity' | 'account' | 'lead' | 'opportunity_list';
  entityId: string | null;
  viewFilter: Json<Record<string, unknown> | null> | null;
  partnerId: string | null;
  recipientEmail: string;
  recipientName: string | null;
  tokenHash: string;
  allowedActions: ColumnType<ShareAction[], ShareAction[] | undefined, ShareAction[]>;
  requireCode: Generated<boolean>;
  codeHash: string | null;
  codeExpiresAt: NullableTimestamp;
  codeAttempts: Generated<number>;
  expiresAt: Timestamp;
  revokedAt: NullableTimestamp;
  createdByUserId: string | null;
  createdByLabel: string | null;
  accessCount: Generated<number>;
  lastAccessedAt: NullableTimestamp;
  acknowledgedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** A browser that entered a share link's emailed code. */
export interface ShareLinkSessionsTable {
  id: Generated<string>;
  workspaceId: string;
  shareLinkId: string;
  tokenHash: string;
  expiresAt: Timestamp;
  createdAt: Generated<Date>;
}

export type RegistrationStatus = 'submitted' | 'in_review' | 'approved' | 'rejected' | 'expired' | 'released' | 'withdrawn';
export type DuplicateVerdictValue = 'no_match' | 'possible_duplicate' | 'conflict';

/** A partner's claim on a deal or lead, with its duplicate check, decision, SLA timers and protection. */
export interface RegistrationsTable {
  id: Generated<string>;
  workspaceId: string;
  number: string;
  type: 'deal' | 'lead';
  partnerId: string;
  submittedByKind: 'partner_user' | 'api_key' | 'staff' | 'registration_link' | 'system';
  submittedById: string | null;
  submittedByLabel: string | null;
  channel: 'portal' | 'link' | 'api' | 'email';
  companyName: string;
  companyDomain: string | null;
  companyKey: string;
  contactName: string | null;
  contactEmail: string | null;
  amountMinor: ColumnType<number | null, number | string | null, number | string | null>;
  currency: string | null;
  expectedCloseDate: ColumnType<string | null, string | null | undefined, string | null>;
  motion: Motion;
  notes: string | null;
  status: Generated<RegistrationStatus>;
  verdict: DuplicateVerdictValue;
  claimRank: number;
  firstClaimId: string | null;
  approverUserId: string | null;
  queueId: string | null;
  routingRuleId: string | null;
  decisionDueAt: NullableTimestamp;
  decisionReminderDueAt: NullableTimestamp;
  decisionEscalationDueAt: NullableTimestamp;
  decisionRemindedAt: NullableTimestamp;
  decisionEscalatedAt: NullableTimestamp;
  conflictAckDueAt: NullableTimestamp;
  conflictAcknowledgedAt: NullableTimestamp;
  conflictPlanDueAt: NullableTimestamp;
  conflictPlan: string | null;
  conflictPlannedAt: NullableTimestamp;
  conflictEscalatedAt: NullableTimestamp;
  decidedAt: NullableTimestamp;
  decidedByUserId: string | null;
  decisionNote: string | null;
  rejectionReason: string | null;
  overrideReason: string | null;
  appealUntil: NullableTimestamp;
  accountId: string | null;
  opportunityId: string | null;
  leadId: string | null;
  protectionDays: number | null;
  protectionStartsAt: NullableTimestamp;
  protectionExpiresAt: NullableTimestamp;
  protectionReminderDueAt: NullableTimestamp;
  protectionRemindedAt: NullableTimestamp;
  protectionReleasedAt: NullableTimestamp;
  releaseReason: string | null;
  noTouchDueAt: NullableTimestamp;
  noTouchFlaggedAt: NullableTimestamp;
  lastActivityAt: NullableTimestamp;
  extensionCount: Generated<number>;
  extendedDays: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface RegistrationMatchKeysTable {
  workspaceId: string;
  key: string;
  registrationId: string;
}

/** The duplicate check stored with its registration, so the decision is explainable later. */
export interface RegistrationMatchesTable {
  workspaceId: string;
  registrationId: string;
  position: number;
  kind: 'account' | 'opportunity' | 'registration';
  candidateId: string;
  name: string;
  score: number;
  reasons: Json<unknown[]>;
}

/** An uploaded evidence file (appeals, extension requests), kept in the data directory. */
export interface AttachmentsTable {
  id: Generated<string>;
  workspaceId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedByKind: string;
  uploadedById: string | null;
  partnerId: string | null;
  createdAt: Generated<Date>;
}

export interface AppealsTable {
  id: Generated<string>;
  workspaceId: string;
  registrationId: string;
  status: Generated<'open' | 'upheld' | 'denied'>;
  reason: string;
  attachmentIds: ColumnType<string[], string[] | undefined, string[]>;
  submittedByLabel: string | null;
  dueAt: Timestamp;
  reminderDueAt: NullableTimestamp;
  remindedAt: NullableTimestamp;
  escalationDueAt: NullableTimestamp;
  escalatedAt: NullableTimestamp;
  decidedAt: NullableTimestamp;
  decidedByUserId: string | null;
  decisionNote: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ExtensionRequestsTable {
  id: Generated<string>;
  workspaceId: string;
  registrationId: string;
  status: Generated<'pending' | 'approved' | 'refused'>;
  evidenceKind: 'discovery_booked' | 'stage_advanced' | 'meeting_held' | 'other';
  evidenceText: string;
  evidenceAt: NullableTimestamp;
  attachmentIds: ColumnType<string[], string[] | undefined, string[]>;
  requestedDays: number | null;
  grantedDays: number | null;
  submittedByLabel: string | null;
  dueAt: Timestamp;
  decidedAt: NullableTimestamp;
  decidedByUserId: string | null;
  decisionNote: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** A signed, expiring, revocable no-login link to a partner's registration form. */
export interface RegistrationLinksTable {
  id: Generated<string>;
  workspaceId: string;
  partnerId: string;
  tokenHash: string;
  label: string | null;
  expiresAt: Timestamp;
  revokedAt: NullableTimestamp;
  createdByUserId: string | null;
  useCount: Generated<number>;
  lastUsedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** REG-11: who owns an account's renewal, confirmed before the renewal (one row per account and renewal date). */
export interface RenewalConfirmationsTable {
  id: Generated<string>;
  workspaceId: string;
  accountId: string;
  renewalDate: ColumnType<string, string, string>;
  dueAt: Timestamp;
  reminderDueAt: NullableTimestamp;
  remindedAt: NullableTimestamp;
  escalationDueAt: NullableTimestamp;
  escalatedAt: NullableTimestamp;
  /** The next reminder or escalation still to send; null once confirmed, closed or escalated. */
  nextActionAt: NullableTimestamp;
  confirmedAt: NullableTimestamp;
  confirmedByUserId: string | null;
  confirmedByLabel: string | null;
  /** The partner that owns the renewal; null with `confirmedAt` set: the vendor's direct team. */
  ownerPartnerId: string | null;
  note: string | null;
  closedAt: NullableTimestamp;
  closeReason: 'renewal_date_changed' | 'renewal_passed' | 'account_deleted' | 'no_partner_stake' | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  workspaceMembers: WorkspaceMembersTable;
  partners: PartnersTable;
  partnerUsers: PartnerUsersTable;
  externalRefs: ExternalRefsTable;
  sessions: SessionsTable;
  apiKeys: ApiKeysTable;
  magicLinks: MagicLinksTable;
  auditEvents: AuditEventsTable;
  idempotencyKeys: IdempotencyKeysTable;
  emailMessages: EmailMessagesTable;
  jobEffects: JobEffectsTable;
  accounts: AccountsTable;
  accountDomains: AccountDomainsTable;
  companyMatchKeys: CompanyMatchKeysTable;
  companyMatchKeyVersions: CompanyMatchKeyVersionsTable;
  contacts: ContactsTable;
  opportunities: OpportunitiesTable;
  opportunityPartners: OpportunityPartnersTable;
  opportunityContactRoles: OpportunityContactRolesTable;
  leads: LeadsTable;
  timelineEntries: TimelineEntriesTable;
  imports: ImportsTable;
  importRows: ImportRowsTable;
  safelistRules: SafelistRulesTable;
  dealAccess: DealAccessTable;
  tasks: TasksTable;
  shareLinks: ShareLinksTable;
  shareLinkSessions: ShareLinkSessionsTable;
  registrations: RegistrationsTable;
  registrationMatchKeys: RegistrationMatchKeysTable;
  registrationMatches: RegistrationMatchesTable;
  attachments: AttachmentsTable;
  appeals: AppealsTable;
  extensionRequests: ExtensionRequestsTable;
  registrationLinks: RegistrationLinksTable;
  renewalConfirmations: RenewalConfirmationsTable;
}
