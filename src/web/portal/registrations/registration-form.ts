// The register form's values, what they become on the API, and how the server's field errors
// (problem+json `errors[]`, `body.company.domain` …) find their inputs again.
import type { CSSProperties } from 'react';
import { z } from 'zod';
import { domainSchema } from '../../../shared/domains.ts';
import type { Motion } from '../../../shared/opportunities.ts';
import type { RegistrationInput, RequirableField } from '../../../shared/registrations.ts';

/** The theme's error red (red.6) is too light for small text on white (3.3:1): red.8 reads at AA. */
export const READABLE_ERRORS = { '--mantine-color-error': 'var(--mantine-color-red-8)' } as CSSProperties;

export type FormValues = {
  type: 'deal' | 'lead';
  motion: string;
  companyName: string;
  companyDomain: string;
  contactName: string;
  contactEmail: string;
  amount: number | string;
  currency: string;
  expectedCloseDate: string;
  notes: string;
  submitterName: string;
  submitterEmail: string;
};

export type FormField = keyof FormValues;

export const EMPTY_VALUES: FormValues = {
  type: 'deal',
  motion: '',
  companyName: '',
  companyDomain: '',
  contactName: '',
  contactEmail: '',
  amount: '',
  currency: 'EUR',
  expectedCloseDate: '',
  notes: '',
  submitterName: '',
  submitterEmail: '',
};

/** The form inputs of the fields a workspace can require (REG-2). */
export const REQUIRABLE_INPUT: Record<RequirableField, FormField> = {
  companyDomain: 'companyDomain',
  contactName: 'contactName',
  contactEmail: 'contactEmail',
  amount: 'amount',
  expectedCloseDate: 'expectedCloseDate',
  notes: 'notes',
};

/** What the workspace requires per motion, when the form knows it (a registration link says). */
export type RequiredFields = { deal: Partial<Record<Motion, string[]>>; lead: string[] };

/** The inputs the workspace requires per motion (for a lead: its own list), as inputs. */
function listOf(required: RequiredFields, type: FormValues['type'], motion: string): Set<FormField> {
  const list = type === 'lead' ? required.lead : required.deal[motion as Motion];
  return new Set((list ?? []).map((f) => REQUIRABLE_INPUT[f as RequirableField]).filter(Boolean));
}

/**
 * The inputs required for this type and motion (company name and motion always are). Before a
 * deal's motion is chosen: what every motion requires.
 */
export function requiredInputs(required: RequiredFields | undefined, type: FormValues['type'], motion: string): Set<FormField> {
  const out = new Set<FormField>(['companyName', 'motion']);
  if (!required) return out;
  if (type === 'deal' && !motion) {
    const lists = Object.keys(required.deal).map((m) => listOf(required, 'deal', m));
    for (const f of lists[0] ?? []) if (lists.every((l) => l.has(f))) out.add(f);
    return out;
  }
  for (const f of listOf(required, type, motion)) out.add(f);
  return out;
}

/** Whether the input is known to be optional: required by no motion yet possible (unknown settings: not known). */
export function isKnownOptional(required: RequiredFields | undefined, type: FormValues['type'], motion: string, field: FormField): boolean {
  if (!required) return false;
  if (type === 'deal' && !motion) return Object.keys(required.deal).every((m) => !listOf(required, 'deal', m).has(field));
  return !listOf(required, type, motion).has(field);
}

const blank = (s: string) => s.trim() === '';

/** The body of POST /registrations for the values (blank fields left out). */
export function toRegistrationInput(v: FormValues): RegistrationInput {
  const amount = typeof v.amount === 'number' ? v.amount : v.amount.trim() === '' ? Number.NaN : Number(v.amount);
  return {
    type: v.type,
    motion: v.motion as Motion,
    company: { name: v.companyName.trim(), ...(blank(v.companyDomain) ? {} : { domain: v.companyDomain.trim() }) },
    contact: {
      ...(blank(v.contactName) ? {} : { name: v.contactName.trim() }),
      ...(blank(v.contactEmail) ? {} : { email: v.contactEmail.trim() }),
    },
    ...(Number.isFinite(amount) ? { amount: { value: amount, currency: v.currency } } : {}),
    ...(blank(v.expectedCloseDate) ? {} : { expectedCloseDate: v.expectedCloseDate }),
    ...(blank(v.notes) ? {} : { notes: v.notes.trim() }),
  };
}

const PATHS: Record<string, FormField> = {
  type: 'type',
  motion: 'motion',
  'company.name': 'companyName',
  company: 'companyName',
  'company.domain': 'companyDomain',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
  amount: 'amount',
  'amount.value': 'amount',
  'amount.currency': 'currency',
  expectedCloseDate: 'expectedCloseDate',
  notes: 'notes',
  'submitter.name': 'submitterName',
  'submitter.email': 'submitterEmail',
};

/** A server field error: which input, whether it says the program requires the field, and its words. */
export type PlacedError = { field: FormField; required: boolean; message: string };

/** The field errors of a failed submission placed on the form's inputs (unknown fields left out). */
export function placeErrors(error: unknown): PlacedError[] {
  // An ApiError (checked by shape: this module stays free of the browser-only API client).
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  const out: PlacedError[] = [];
  for (const { field, message } of errors as { field: string; message: string }[]) {
    const path = field.replace(/^body\./, '');
    const input = PATHS[path];
    if (!input) continue;
    out.push({ field: input, required: /^is required\b/.test(message) || /^must not be empty/.test(message), message });
  }
  return out;
}

/** What the live hint checks. */
export type HintInput = { companyName: string; domain?: string; contactEmail?: string };

// Only complete values go along: a half-typed domain or address would be refused (400).
const isDomain = (d: string) => domainSchema.safeParse(d).success;
const isEmail = (e: string) => z.email().safeParse(e).success;

/** What to check for the typed values, or null while the company name is too short. */
export function hintInput(companyName: string, domain: string, contactEmail: string): HintInput | null {
  const name = companyName.trim();
  if (name.length < 2) return null;
  const d = domain.trim();
  const e = contactEmail.trim();
  return { companyName: name, ...(isDomain(d) ? { domain: d } : {}), ...(isEmail(e) ? { contactEmail: e } : {}) };
}
