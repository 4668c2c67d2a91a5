// Data of Settings → Program: the program settings (GET/PATCH /api/v1/program/settings) and their types.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Motion } from '../../../../shared/opportunities.ts';
import type { RequirableField } from '../../../../shared/registrations.ts';
import { ApiError, api } from '../../../lib/api.ts';

export type Locale = 'en' | 'de';
export type Label = Record<Locale, string>;

export type ConflictPolicy = {
  mode: 'first_qualified_wins' | 'tier_priority';
  tierOrder: string[];
  establishedBeatsNew: boolean;
  certificationBreaksTies: boolean;
  direct: 'partner_yields' | 'partner_wins_if_registered_first' | 'registered_partner_wins';
};

export type ProtectionOverride = { motion?: Motion; tier?: string; days: number };
export type ProtectionSettings = {
  defaultDays: number;
  overrides: ProtectionOverride[];
  reminderDaysBefore: number;
  noTouchDays: number;
  extension: { days: number; maxExtensions: number; maxTotalDays: number; requireEvidence: boolean; opensDaysBeforeExpiry: number | null };
};

export const DURATION_UNITS = ['business_hours', 'business_days', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export type SlaDuration = { amount: number; unit: DurationUnit };
export type SlaReminder = { atFraction: number } | { before: SlaDuration };
export type SlaPolicy = { duration: SlaDuration; reminder: SlaReminder | null; escalation: { afterBreach: SlaDuration } | null };
/** The SLA kinds the settings screen edits (the program's other timers keep their defaults). */
export const EDITED_SLA_KINDS = [
  'registration_decision',
  'appeal_window',
  'appeal_decision',
  'conflict_acknowledgement',
  'conflict_resolution_plan',
  'renewal_ownership_confirmation',
] as const;
export type SlaKind = (typeof EDITED_SLA_KINDS)[number] | 'referral_opportunity' | 'meeting_follow_up' | 'opportunity_notes';
export type SlaPatch = Partial<Record<SlaKind, Partial<SlaPolicy>>>;

export type BusinessCalendar = {
  timeZone: string;
  workdays: number[];
  dayStart: string;
  dayEnd: string;
  holidays: string[];
  extraHolidays: string[];
};

export type RoutingConditions = {
  territories?: string[];
  amount?: { currency: string; minMinor?: number; maxMinor?: number };
  tiers?: string[];
  partnerTypes?: string[];
  motions?: Motion[];
  registrationTypes?: ('deal' | 'lead')[];
};
export type RoutingTarget = { kind: 'user'; userId: string } | { kind: 'partner_manager' } | { kind: 'queue'; queueId: string; userIds: string[] };
export type RoutingRule = {
  id: string;
  name?: string;
  enabled?: boolean;
  when: RoutingConditions;
  assignTo: RoutingTarget;
  escalateTo?: string | null;
};
export type RoutingConfig = { rules: RoutingRule[]; escalateTo?: string | null };

export type RegistrationSettings = {
  requiredFields: Partial<Record<Motion, RequirableField[]>>;
  leadRequiredFields: RequirableField[];
  rejectionReasons: { key: string; label: Label }[];
};

export type ProgramSettings = {
  conflictPolicy: ConflictPolicy;
  protection: ProtectionSettings;
  sla: SlaPatch;
  calendar?: BusinessCalendar;
  routing: RoutingConfig;
  registration: RegistrationSettings;
  shareLinks: { defaultHours: number; maxHours: number };
};

export type ProgramAnswer = {
  settings: ProgramSettings;
  calendar: BusinessCalendar;
  slaPolicies: Record<SlaKind, SlaPolicy>;
  holidayRegions: { code: string; label: Label }[];
};

export type ProgramPatch = Partial<ProgramSettings>;

export const programKey = ['program', 'settings'] as const;

/** The program settings with their defaults filled in, the calendar in force and the holiday regions. */
export function useProgramSettings(enabled = true) {
  return useQuery({
    queryKey: programKey,
    queryFn: ({ signal }) => api<ProgramAnswer>('/api/v1/program/settings', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** PATCH /program/settings: each given section replaces the stored one whole. */
export function useUpdateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProgramPatch) => api<ProgramAnswer>('/api/v1/program/settings', { method: 'PATCH', body: patch }),
    onSuccess: (answer) => {
      queryClient.setQueryData(programKey, answer);
      void queryClient.invalidateQueries({ queryKey: ['registrations'] });
    },
  });
}

/** The tier keys partners of the workspace carry (from the first 200 partners), for suggestions. */
export function usePartnerTiers() {
  return useQuery({
    queryKey: ['partners', 'tiers'],
    queryFn: async ({ signal }) => {
      const page = await api<{ data: { tier: string | null }[] }>('/api/v1/partners', { query: { limit: 200 }, signal });
      return [...new Set(page.data.map((p) => p.tier?.trim().toLowerCase()).filter((t): t is string => Boolean(t)))].sort();
    },
    staleTime: 5 * 60_000,
  });
}

/** The staff users who can approve or receive escalations (active ones first), as select options. */
export function useStaffOptions() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: async ({ signal }) => {
      const page = await api<{ data: { id: string; name: string; email: string; role: string; status?: string }[] }>('/api/v1/users', {
        query: { limit: 100 },
        signal,
      });
      return page.data
        .filter((u) => u.status !== 'deactivated')
        .map((u) => ({ value: u.id, label: u.name || u.email, email: u.email, role: u.role }))
        .sort((a, b) => a.label.localeCompare(b.label));
    },
    staleTime: 60_000,
  });
}

/** The published rules of engagement as partners read them, for the preview (staff endpoint; null while there is none). */
export function useRulesPreview(locale: Locale, enabled: boolean) {
  return useQuery({
    queryKey: ['program', 'rules-preview', locale],
    queryFn: async ({ signal }) => {
      try {
        return await api<{ title: string; rules: string[]; protectionDays: number }>('/api/v1/program/rules-of-engagement', {
          query: { locale },
          signal,
        });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled,
    retry: false,
  });
}
