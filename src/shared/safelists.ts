import { z } from 'zod';

/**
 * Field-level safelists (GOV-1): which fields of which objects partners see and edit. This file
 * is the catalogue: every field a partner-facing channel can ever show, its built-in default,
 * and whether it can be made editable at all. The server applies the resolved safelist in one
 * place (modules/safelists) for every channel; the web app uses the catalogue for the editor.
 */

export const SAFELIST_OBJECTS = ['opportunity', 'account', 'contact', 'lead', 'registration', 'timeline_entry', 'task'] as const;
export type SafelistObject = (typeof SAFELIST_OBJECTS)[number];

export const SCOPE_KINDS = ['workspace', 'partner_type', 'tier', 'partner'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** A field of the catalogue: shown by default or not; `editable` when partners may be allowed to change it (and whether they may by default). */
export type SafelistField = { key: string; visible: boolean; editable?: { byDefault: boolean } };

const f = (key: string, visible: boolean, editable?: boolean): SafelistField => ({
  key,
  visible,
  ...(editable === undefined ? {} : { editable: { byDefault: editable } }),
});

/**
 * The catalogue. Defaults follow the product's promise: a partner sees stage, next step, owner
 * name, close month, protection status and expiry of its own deals and its own registration
 * fields; never internal notes, vendor pricing or other partners' involvement unless allowed.
 */
export const SAFELIST_FIELDS: Record<SafelistObject, readonly SafelistField[]> = {
  opportunity: [
    f('name', true),
    f('accountName', true),
    f('stage', true, false),
    f('stageChangedAt', true),
    f('nextStep', true, true),
    f('nextStepUpdatedAt', true),
    f('ownerName', true),
    f('closeMonth', true),
    f('closeDate', false, false),
    f('motion', true),
    f('partnerRole', true),
    f('protection', true),
    f('registrationNumber', true),
    f('lastActivityAt', true),
    f('amount', false, false),
    f('probability', false),
    f('description', false, false),
    f('otherPartners', false),
    f('contactRoles', false),
    f('createdAt', true),
    f('updatedAt', true),
  ],
  account: [
    f('name', true),
    f('domains', true),
    f('industry', true),
    f('country', true),
    f('region', false),
    f('segment', false),
    f('employeeCount', false),
    f('customerStatus', false),
    f('ownerName', false),
    f('renewalDate', false),
    f('description', false),
  ],
  contact: [f('name', true), f('title', true), f('role', true), f('emails', false), f('phone', false), f('accountName', true)],
  lead: [
    f('firstName', true),
    f('lastName', true),
    f('company', true),
    f('companyDomain', true),
    f('email', true, false),
    f('phone', true, false),
    f('title', true, false),
    f('status', true),
    f('ownerName', true),
    f('createdAt', true),
  ],
  registration: [
    f('number', true),
    f('type', true),
    f('status', true),
    f('company', true),
    f('contact', true),
    f('amount', true),
    f('expectedCloseDate', true),
    f('motion', true),
    f('notes', true, true),
    f('decisionDueAt', true),
    f('decisionReason', true),
    f('protectionExpiresAt', true),
    f('submittedAt', true),
  ],
  timeline_entry: [f('kind', true), f('body', true), f('authorName', true), f('occurredAt', true), f('stageChange', true)],
  task: [
    f('title', true),
    f('description', true),
    f('side', true),
    f('status', true, true),
    f('dueDate', true, false),
    f('assigneeName', true),
    f('completedAt', true),
  ],
};

/** The fields of an object by key. */
export function fieldKeys(object: SafelistObject): string[] {
  return SAFELIST_FIELDS[object].map((x) => x.key);
}

/** The built-in safelist of an object: what applies when the workspace has no rule. */
export function builtinSafelist(object: SafelistObject): { visible: string[]; editable: string[] } {
  const fields = SAFELIST_FIELDS[object];
  return {
    visible: fields.filter((x) => x.visible).map((x) => x.key),
    editable: fields.filter((x) => x.editable?.byDefault).map((x) => x.key),
  };
}

const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('workspace') }),
  z.strictObject({ kind: z.literal('partner_type'), value: z.string().trim().min(1, 'name the partner type').max(60) }),
  z.strictObject({ kind: z.literal('tier'), value: z.string().trim().min(1, 'name the tier').max(60) }),
  z.strictObject({ kind: z.literal('partner'), value: z.uuid({ message: 'must be the id of a partner' }) }),
]);
export type SafelistScope = z.infer<typeof scopeSchema>;

/** A rule to save: the fields partners in the scope may see and edit on one object. */
export const safelistRuleInput = z
  .strictObject({
    object: z.enum(SAFELIST_OBJECTS, { message: `must be one of ${SAFELIST_OBJECTS.join(', ')}` }),
    scope: scopeSchema,
    visible: z.array(z.string()).max(100),
    editable: z.array(z.string()).max(100).default([]),
  })
  .superRefine((rule, ctx) => {
    const fields = new Map(SAFELIST_FIELDS[rule.object].map((x) => [x.key, x]));
    rule.visible.forEach((key, i) => {
      if (!fields.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['visible', i],
          message: `is not a field of ${rule.object}; use one of ${[...fields.keys()].join(', ')}`,
        });
    });
    rule.editable.forEach((key, i) => {
      const field = fields.get(key);
      if (!field) ctx.addIssue({ code: 'custom', path: ['editable', i], message: `is not a field of ${rule.object}` });
      else if (!field.editable) ctx.addIssue({ code: 'custom', path: ['editable', i], message: `${key} can never be edited by partners` });
      else if (!rule.visible.includes(key)) ctx.addIssue({ code: 'custom', path: ['editable', i], message: `${key} must be visible to be editable` });
    });
  });
export type SafelistRuleInput = z.infer<typeof safelistRuleInput>;

export const safelistRuleSchema = z.object({
  id: z.uuid(),
  object: z.enum(SAFELIST_OBJECTS),
  scope: z.object({ kind: z.enum(SCOPE_KINDS), value: z.string().optional() }),
  visible: z.array(z.string()),
  editable: z.array(z.string()),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type SafelistRule = z.infer<typeof safelistRuleSchema>;

/** One object's safelist as it applies to a partner, and which rule decided it (null: built-in). */
export const effectiveSafelistSchema = z.object({
  object: z.enum(SAFELIST_OBJECTS),
  visible: z.array(z.string()),
  editable: z.array(z.string()),
  ruleId: z.uuid().nullable(),
  scope: z.object({ kind: z.enum([...SCOPE_KINDS, 'builtin']), value: z.string().optional() }),
});
export type EffectiveSafelist = z.infer<typeof effectiveSafelistSchema>;

export const safelistCatalogSchema = z.object({
  objects: z.array(
    z.object({
      object: z.enum(SAFELIST_OBJECTS),
      fields: z.array(z.object({ key: z.string(), visible: z.boolean(), editable: z.object({ byDefault: z.boolean() }).optional() })),
    }),
  ),
  rules: z.array(safelistRuleSchema),
});

export const safelistPreviewInput = z.strictObject({
  partnerId: z.uuid({ message: 'must be the id of a partner' }),
  object: z.enum(['opportunity'], { message: 'the preview shows deals (opportunity)' }).default('opportunity'),
  recordId: z.uuid({ message: 'must be the id of a deal this partner holds a role on' }),
  visible: z.array(z.string()).max(100).optional().describe('a draft to preview instead of the saved safelist'),
  editable: z.array(z.string()).max(100).optional(),
});
