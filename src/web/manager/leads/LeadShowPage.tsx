// /app/leads/:id: one lead's details, edit, delete/restore, conversion into account, contact and
// (optionally) opportunity, and the timeline.
import { Anchor, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead, LeadConversion, LeadConvertInput, LeadPatch } from '../../../shared/leads.ts';
import { CURRENCIES, CURRENCY_DIGITS } from '../../../shared/money.ts';
import { STAGES } from '../../../shared/opportunities.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { api, errorMessage } from '../../lib/api.ts';
import type { Partner } from '../../lib/api-types.ts';
import { useFormat } from '../../lib/format.ts';
import { crmKeys } from '../crm/crm-queries.ts';
import { useEditModal } from '../crm/modal.ts';
import { useStaffNames } from '../crm/OwnerSelect.tsx';
import { CrmRecordPage, Detail, DetailsCard, RecordLayout } from '../crm/RecordLayout.tsx';
import { ShareLinksCard } from '../sharing/ShareLinksCard.tsx';
import { LeadFormModal } from './LeadFormModal.tsx';
import { LeadStatusBadge } from './LeadStatusBadge.tsx';

// The workspace has no default currency setting; until it has one, a new deal starts in euros like the opportunity form.
const DEFAULT_CURRENCY = 'EUR';

export function LeadShowPage() {
  const { leadId } = useParams({ from: '/app/leads/$leadId' });
  return (
    <CrmRecordPage<Lead> entity="leads" id={leadId}>
      {(l) => <LeadView l={l} />}
    </CrmRecordPage>
  );
}

function LeadView({ l }: { l: Lead }) {
  const { t } = useTranslation();
  const format = useFormat();
  const owners = useStaffNames();
  const [converting, convert] = useDisclosure(false);
  const editing = useEditModal<Lead, LeadPatch>('leads', l.id);
  const partner = useQuery({
    queryKey: ['partners', 'one', l.partnerId],
    queryFn: ({ signal }) => api<Partner>(`/api/v1/partners/${l.partnerId}`, { signal }),
    enabled: Boolean(l.partnerId),
  });

  return (
    <>
      <RecordLayout
        entity="leads"
        testId="lead"
        record={l}
        subtitle={
          <Group gap={8} component="span" mt={4}>
            <LeadStatusBadge status={l.status} />
            <Text size="sm" c="dimmed">
              {l.company}
            </Text>
          </Group>
        }
        onEdit={editing.open}
        actions={
          l.status !== 'converted' && (
            <Button leftSection={<IconArrowsRightLeft size={16} />} onClick={convert.open} data-testid="lead-convert">
              {t('crm.leads.convert')}
            </Button>
          )
        }
        main={<ShareLinksCard entityType="lead" entityId={l.id} partners={{ kind: 'any', initialId: l.partnerId }} disabled={Boolean(l.deletedAt)} />}
        side={
          <DetailsCard
            extra={
              l.status === 'converted' && (
                <Stack gap={4} mt="md">
                  <Text size="sm" fw={600}>
                    {t('crm.leads.convertedTo', { date: format.dateTime(l.convertedAt) })}
                  </Text>
                  <Group gap="md">
                    {l.convertedAccountId && (
                      <AnchorLink to="/app/accounts/$accountId" params={{ accountId: l.convertedAccountId }} size="sm">
                        {t('crm.leads.openAccount')}
                      </AnchorLink>
                    )}
                    {l.convertedContactId && (
                      <AnchorLink to="/app/contacts/$contactId" params={{ contactId: l.convertedContactId }} size="sm">
                        {t('crm.leads.openContact')}
                      </AnchorLink>
                    )}
                    {l.convertedOpportunityId && (
                      <AnchorLink to="/app/opportunities/$opportunityId" params={{ opportunityId: l.convertedOpportunityId }} size="sm">
                        {t('crm.leads.openOpportunity')}
                      </AnchorLink>
                    )}
                  </Group>
                </Stack>
              )
            }
          >
            <Detail label={t('crm.leads.email')}>
              {l.email ? (
                <Anchor href={`mailto:${l.email}`} size="sm">
                  {l.email}
                </Anchor>
              ) : null}
            </Detail>
            <Detail label={t('crm.leads.phone')}>{l.phone}</Detail>
            <Detail label={t('crm.leads.jobTitle')}>{l.title}</Detail>
            <Detail label={t('crm.leads.company')}>{l.company}</Detail>
            <Detail label={t('crm.leads.companyDomain')}>{l.companyDomain}</Detail>
            <Detail label={t('crm.leads.partner')}>
              {l.partnerId ? (
                <AnchorLink to="/app/partners/$partnerId" params={{ partnerId: l.partnerId }} size="sm">
                  {partner.data?.name ?? '…'}
                </AnchorLink>
              ) : null}
            </Detail>
            <Detail label={t('crm.common.owner')}>{l.ownerUserId ? (owners.get(l.ownerUserId) ?? null) : null}</Detail>
            <Detail label={t('crm.common.createdAt')}>{format.dateTime(l.createdAt)}</Detail>
          </DetailsCard>
        }
      />
      <LeadFormModal lead={l} partnerName={partner.data?.name} {...editing.props} />
      <ConvertModal lead={l} opened={converting} onClose={convert.close} />
    </>
  );
}

function ConvertModal({ lead, opened, onClose }: { lead: Lead; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [withOpp, setWithOpp] = useState(false);
  const [name, setName] = useState(lead.company);
  const [amount, setAmount] = useState<number | string>('');
  const [currency, setCurrency] = useState(DEFAULT_CURRENCY);
  const [stage, setStage] = useState<string>('qualification');
  const [closeDate, setCloseDate] = useState(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));
  const convert = useMutation({
    mutationFn: (input: LeadConvertInput) => api<LeadConversion>(`/api/v1/leads/${lead.id}/convert`, { method: 'POST', body: input }),
    onSuccess: (result) => {
      queryClient.setQueryData(crmKeys.one('leads', lead.id), result.lead);
      for (const e of ['leads', 'accounts', 'contacts', 'opportunities'] as const) void queryClient.invalidateQueries({ queryKey: crmKeys.lists(e) });
      notifications.show({ color: 'green', message: t('crm.leads.converted') });
      onClose();
      if (result.opportunityId) void navigate({ to: '/app/opportunities/$opportunityId', params: { opportunityId: result.opportunityId } });
      else void navigate({ to: '/app/accounts/$accountId', params: { accountId: result.accountId } });
    },
  });
  const de = i18n.language === 'de';
  return (
    <Modal opened={opened} onClose={onClose} title={t('crm.leads.convertTitle', { name: lead.name })} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('crm.leads.convertText')}
        </Text>
        {convert.error && <ErrorAlert>{errorMessage(convert.error, t('errors.generic'))}</ErrorAlert>}
        <Checkbox label={t('crm.leads.createOpportunity')} checked={withOpp} onChange={(e) => setWithOpp(e.currentTarget.checked)} />
        {withOpp && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('crm.opportunities.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <NumberInput
                label={t('crm.opportunities.amount')}
                value={amount}
                onChange={setAmount}
                min={0}
                allowNegative={false}
                decimalScale={CURRENCY_DIGITS.get(currency) ?? 2}
                decimalSeparator={de ? ',' : '.'}
                thousandSeparator={de ? '.' : ','}
                required
                style={{ flex: 1 }}
                data-testid="lead-convert-amount"
              />
              <Select
                label={t('crm.opportunities.currency')}
                data={CURRENCIES as string[]}
                value={currency}
                onChange={(v) => v && setCurrency(v)}
                searchable
                allowDeselect={false}
                w={110}
                data-testid="lead-convert-currency"
              />
            </Group>
            <Select
              label={t('crm.opportunities.stage')}
              data={STAGES.map((value) => ({ value, label: t(`crm.opportunities.stages.${value}`) }))}
              value={stage}
              onChange={(v) => v && setStage(v)}
              allowDeselect={false}
            />
            <TextInput
              type="date"
              label={t('crm.opportunities.closeDate')}
              value={closeDate}
              onChange={(e) => setCloseDate(e.currentTarget.value)}
              required
            />
          </SimpleGrid>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={convert.isPending}
            onClick={() =>
              convert.mutate(
                withOpp
                  ? {
                      createOpportunity: {
                        name: name.trim(),
                        amount: { value: Number(amount || 0), currency },
                        stage: stage as (typeof STAGES)[number],
                        closeDate,
                      },
                    }
                  : {},
              )
            }
          >
            {t('crm.leads.convert')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
