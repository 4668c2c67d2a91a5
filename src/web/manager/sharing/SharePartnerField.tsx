// The "show as" field of the share dialog: which partner's safelist the recipient sees through —
// one of the deal's partners, or any partner (or none) for accounts, leads and lists.
import { Alert, Select, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import type { Partner } from '../../lib/api-types.ts';
import { RecordPicker } from '../crm/RecordPicker.tsx';

export type DealPartner = { partnerId: string; partnerName: string; attribution: 'sourced' | 'influenced' };

/** Where the partner comes from: the deal's roles, or a free choice (required for a list). */
export type PartnerSource = { kind: 'deal'; partners: readonly DealPartner[] } | { kind: 'any'; initialId?: string | null; required?: boolean };

/** The partner the server would pick for a deal: its only partner, else its only sourced one, else none. */
export function defaultDealPartner(partners: readonly DealPartner[]): string | null {
  if (partners.length === 1) return partners[0].partnerId;
  const sourced = partners.filter((p) => p.attribution === 'sourced');
  return sourced.length === 1 ? sourced[0].partnerId : null;
}

/** The select of the partner, with a plain sentence saying whose safelist applies. */
export function SharePartnerField({
  source,
  value,
  onChange,
  error,
}: {
  source: PartnerSource;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const initialId = source.kind === 'any' ? (source.initialId ?? null) : null;
  const initial = useQuery({
    queryKey: ['partners', 'one', initialId],
    queryFn: ({ signal }) => api<Partner>(`/api/v1/partners/${initialId}`, { signal }),
    enabled: Boolean(initialId),
  });
  const hint = value ? t('sharing.dialog.partnerHint') : t('sharing.dialog.partnerNone');

  if (source.kind === 'deal') {
    if (source.partners.length === 0) {
      return (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} data-testid="share-partner-none">
          {t('sharing.dialog.noDealPartner')}
        </Alert>
      );
    }
    return (
      <Select
        label={t('sharing.dialog.partner')}
        description={hint}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data={source.partners.map((p) => ({
          value: p.partnerId,
          label: `${p.partnerName} (${t(`crm.opportunities.attributions.${p.attribution}`)})`,
        }))}
        value={value}
        onChange={onChange}
        allowDeselect={false}
        placeholder={t('sharing.dialog.partnerNone')}
        error={error}
        comboboxProps={{ withinPortal: true }}
        data-testid="share-partner"
      />
    );
  }
  if (initialId && initial.isPending) return <Text size="sm">{t('common.loading')}</Text>;
  return (
    <RecordPicker
      path="/api/v1/partners"
      label={t('sharing.dialog.partner')}
      description={source.required && !value ? t('sharing.dialog.partnerRequired') : hint}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      placeholder={t('sharing.dialog.partnerSearch')}
      value={value}
      onChange={(id) => onChange(id)}
      initial={initial.data ? { id: initial.data.id, name: initial.data.name } : null}
      clearable={!source.required}
      required={source.required}
      error={error ?? (initial.isError ? t('sharing.dialog.partnerLoadFailed') : undefined)}
      data-testid="share-partner"
    />
  );
}
