// "View as partner": a partner, one of its deals, and the deal rendered by the portal's own deal
// component with the draft safelist (debounced), inside the portal's branded header.
import { Alert, Badge, Box, Card, Group, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEye, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../../shared/opportunities.ts';
import type { SafelistObject } from '../../../../shared/safelists.ts';
import { CardHeader } from '../../../components/CardHeader.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/api-types.ts';
import { useMe } from '../../../lib/session.ts';
import { DealHeadline, PartnerDealView } from '../../../portal/deals/PartnerDealView.tsx';
import { PortalHeaderBar } from '../../../portal/PortalHeaderBar.tsx';
import { RecordPicker } from '../../crm/RecordPicker.tsx';
import type { Draft } from './SafelistGrid.tsx';
import { type PreviewInput, useSafelistPreview } from './safelist-queries.ts';

function usePartnerDeals(partnerId: string | null) {
  return useQuery({
    queryKey: ['opportunities', 'list', { partnerId }, 'preview'],
    queryFn: ({ signal }) =>
      api<Page<Opportunity>>('/api/v1/opportunities', { query: { partnerId, limit: 50, sort: 'updatedAt', order: 'desc' }, signal }),
    enabled: Boolean(partnerId),
  });
}

/** A real deal to start from: the last updated one that has a partner. */
function useStartingDeal(enabled: boolean) {
  return useQuery({
    queryKey: ['opportunities', 'list', { sort: 'updatedAt' }, 'preview-start'],
    queryFn: async ({ signal }) => {
      const page = await api<Page<Opportunity>>('/api/v1/opportunities', { query: { sort: 'updatedAt', order: 'desc', limit: 50 }, signal });
      const deal = page.data.find((o) => o.partners.length > 0);
      return deal ? { dealId: deal.id, partner: { id: deal.partners[0].partnerId, name: deal.partners[0].partnerName } } : null;
    },
    enabled,
    staleTime: 60_000,
  });
}

/** The preview card; `draft` is the unsaved draft of `object` (null: the saved rules). */
export function SafelistPreview({
  object,
  draft,
  partner,
}: {
  object: SafelistObject;
  draft: Draft | null;
  partner?: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [partnerId, setPartnerId] = useState<string | null>(partner?.id ?? null);
  const [dealId, setDealId] = useState<string | null>(null);
  const [shownPartner, setShownPartner] = useState(partner ?? null);
  const start = useStartingDeal(!partner && !partnerId);
  useEffect(() => {
    if (start.data && !partnerId) {
      setPartnerId(start.data.partner.id);
      setShownPartner(start.data.partner);
      setDealId(start.data.dealId);
    }
  }, [start.data, partnerId]);
  // A partner chosen as the rule's scope becomes the preview's partner.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the chosen partner's id, not every new object
  useEffect(() => {
    if (partner?.id) {
      setPartnerId(partner.id);
      setShownPartner(partner);
      setDealId(null);
    }
  }, [partner?.id]);
  const deals = usePartnerDeals(partnerId);
  const dealOptions = (deals.data?.data ?? []).map((o) => ({ value: o.id, label: o.name }));
  const chosenDeal = (dealId && dealOptions.some((d) => d.value === dealId) ? dealId : null) ?? dealOptions[0]?.value ?? null;

  const draftKey = draft && object === 'opportunity' ? JSON.stringify({ v: [...draft.visible].sort(), e: [...draft.editable].sort() }) : null;
  const [debouncedDraft] = useDebouncedValue(draftKey, 400);
  const input = useMemo<PreviewInput | null>(() => {
    if (!partnerId || !chosenDeal) return null;
    const d = debouncedDraft ? (JSON.parse(debouncedDraft) as { v: string[]; e: string[] }) : null;
    return { partnerId, recordId: chosenDeal, object, ...(d ? { visible: d.v, editable: d.e } : {}) };
  }, [partnerId, chosenDeal, debouncedDraft, object]);
  const preview = useSafelistPreview(input);
  const branding = me.workspace.branding;

  return (
    <Card data-testid="safelist-preview">
      <CardHeader
        title={
          <Group gap={8}>
            <IconEye size={18} aria-hidden />
            {t('staffPortal.visibility.previewTitle')}
          </Group>
        }
        text={t('staffPortal.visibility.previewText')}
        mb="md"
      />
      <Stack gap="sm">
        <Group grow align="flex-end" wrap="wrap">
          <RecordPicker
            path="/api/v1/partners"
            label={t('staffPortal.visibility.previewPartner')}
            placeholder={t('staffPortal.visibility.previewPickPartner')}
            value={partnerId}
            initial={shownPartner}
            key={shownPartner?.id ?? 'any'}
            onChange={(id) => {
              setPartnerId(id);
              setDealId(null);
            }}
            data-testid="preview-partner"
          />
          <Select
            label={t('staffPortal.visibility.previewDeal')}
            placeholder={t('staffPortal.visibility.previewPickDeal')}
            data={dealOptions}
            value={chosenDeal}
            onChange={setDealId}
            disabled={!partnerId || dealOptions.length === 0}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="preview-deal"
          />
        </Group>
        {object !== 'opportunity' && (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} />} py={8}>
            {t('staffPortal.visibility.previewOtherObject', { object: t(`staffPortal.visibility.objects.${object}`) })}
          </Alert>
        )}
        {!partnerId ? (
          <Text size="sm" c="dimmed">
            {t('staffPortal.visibility.previewEmpty')}
          </Text>
        ) : deals.isSuccess && dealOptions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('staffPortal.visibility.previewNoDeals')}
          </Text>
        ) : preview.isError ? (
          <ErrorState compact error={preview.error} onRetry={() => void preview.refetch()} />
        ) : !preview.data ? (
          <Skeleton h={320} />
        ) : (
          <Paper withBorder radius="md" style={{ overflow: 'hidden', opacity: preview.isFetching ? 0.7 : 1 }}>
            <PortalHeaderBar
              color={branding.primaryColor}
              logoUrl={branding.logoUrl}
              productName={branding.productName || t('portal.defaultProduct', { workspace: me.workspace.name })}
              workspaceName={me.workspace.name}
              height={44}
              right={
                <Badge variant="white" color="dark" tt="none" size="sm">
                  {draftKey ? t('staffPortal.visibility.previewDraft') : t('staffPortal.visibility.previewSaved')}
                </Badge>
              }
            />
            <Box p="md" bg="gray.0" data-testid="preview-deal-view">
              <Stack gap="md">
                <DealHeadline deal={preview.data} />
                <PartnerDealView deal={preview.data} />
              </Stack>
            </Box>
          </Paper>
        )}
      </Stack>
    </Card>
  );
}
