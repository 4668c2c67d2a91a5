// A deal field the partner may change, edited in place: its value with a pencil, then an input
// with save and cancel; the server's message for the field shows under the input.
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES } from '../../../shared/opportunities.ts';
import type { PartnerDeal, PortalDealPatch } from '../../../shared/portal.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { fieldErrors, formError } from '../../lib/api.ts';

/** The fields of a deal the portal can edit, and the input each one uses. */
export const EDITABLE_KINDS = { nextStep: 'text', stage: 'stage', closeDate: 'date', amount: 'money', description: 'longText' } as const;
export type EditableField = keyof typeof EDITABLE_KINDS;

export function isEditableField(key: string): key is EditableField {
  return key in EDITABLE_KINDS;
}

type Draft = string | number | null;

function initialDraft(field: EditableField, deal: PartnerDeal): Draft {
  if (field === 'amount') return deal.amount?.value ?? null;
  const value = deal[field];
  return typeof value === 'string' ? value : null;
}

function toPatch(field: EditableField, draft: Draft, deal: PartnerDeal): PortalDealPatch {
  if (field === 'amount') return { amount: { value: Number(draft ?? 0), currency: deal.amount?.currency ?? 'EUR' } };
  if (field === 'nextStep' || field === 'description') return { [field]: typeof draft === 'string' && draft.trim() ? draft.trim() : null };
  return { [field]: draft ?? undefined } as PortalDealPatch;
}

/**
 * Shows `children` (the value) and, when `onSave` is given, a pencil that turns it into an input;
 * without `onSave` (the staff preview) the pencil is shown but does nothing, so the preview matches.
 */
export function InlineField({
  field,
  label,
  deal,
  onSave,
  saving,
  error,
  children,
}: {
  field: EditableField;
  label: string;
  deal: PartnerDeal;
  onSave?: (patch: PortalDealPatch) => Promise<unknown>;
  saving?: boolean;
  error?: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const kind = EDITABLE_KINDS[field];
  const placed = fieldErrors(failed ?? error, [field]);
  const general = formError(failed ?? error, placed);

  if (!editing) {
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
        <div style={{ minWidth: 0, flex: 1 }}>{children}</div>
        <Tooltip label={t('portalPages.deal.editHint')}>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('portalPages.deal.edit', { field: label })}
            onClick={() => {
              if (!onSave) return;
              setDraft(initialDraft(field, deal));
              setFailed(null);
              setEditing(true);
            }}
            data-testid={`edit-${field}`}
          >
            <IconPencil size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
    );
  }

  const common = { 'aria-label': label, error: placed[field], 'data-autofocus': true, 'data-testid': `input-${field}` } as const;
  const save = () => {
    if (!onSave) return;
    onSave(toPatch(field, draft, deal)).then(
      () => setEditing(false),
      (e: unknown) => setFailed(e),
    );
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Stack gap={6}>
        {general && <ErrorAlert py={6}>{general}</ErrorAlert>}
        {kind === 'text' && <TextInput {...common} value={String(draft ?? '')} onChange={(e) => setDraft(e.currentTarget.value)} maxLength={2000} />}
        {kind === 'longText' && (
          <Textarea
            {...common}
            value={String(draft ?? '')}
            onChange={(e) => setDraft(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={20_000}
          />
        )}
        {kind === 'date' && <TextInput {...common} type="date" value={String(draft ?? '')} onChange={(e) => setDraft(e.currentTarget.value)} />}
        {kind === 'stage' && (
          <Select
            {...common}
            data={STAGES.map((value) => ({ value, label: t(`crm.opportunities.stages.${value}`) }))}
            value={draft === null ? null : String(draft)}
            onChange={(v) => setDraft(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {kind === 'money' && (
          <NumberInput
            {...common}
            value={draft === null ? '' : Number(draft)}
            onChange={(v) => setDraft(v === '' ? null : Number(v))}
            min={0}
            thousandSeparator=" "
            rightSection={deal.amount?.currency}
            rightSectionWidth={48}
          />
        )}
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={() => setEditing(false)}>
            {t('portalPages.deal.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={saving} data-testid={`save-${field}`}>
            {t('portalPages.deal.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
