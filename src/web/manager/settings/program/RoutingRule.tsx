// One routing rule (its conditions and whom it assigns) and one round-robin queue, for RoutingSection.
import {
  ActionIcon,
  Badge,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES } from '../../../../shared/money.ts';
import { MOTIONS } from '../../../../shared/opportunities.ts';
import { PARTNER_TYPES } from '../../../../shared/partners.ts';
import { usePartnerTiers } from './program-queries.ts';
import type { RoutingDraft, TargetKind } from './routing-draft.ts';
import type { SectionForm } from './section.tsx';

type UserOption = { value: string; label: string };
const TARGETS: TargetKind[] = ['partner_manager', 'user', 'queue'];
const COMMON_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];

/** A rule: order, name, on/off, its conditions and its approver. */
export function RuleCard({
  form,
  index: i,
  count,
  users,
  canEdit,
}: {
  form: SectionForm<RoutingDraft>;
  index: number;
  count: number;
  users: UserOption[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const tiers = usePartnerTiers();
  const rule = form.values.rules[i];
  const p = (field: string) => `rules.${i}.${field}`;
  const queues = form.values.queues.map((q) => ({ value: q.id, label: q.id }));
  const amountError = (field: string) => form.errors[p(field)] as string | undefined;
  const currencies = [...COMMON_CURRENCIES, ...CURRENCIES.filter((c) => !COMMON_CURRENCIES.includes(c))];

  return (
    <Paper withBorder radius="md" p="md" data-testid="routing-rule" opacity={rule.enabled ? 1 : 0.75}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
            <Badge variant="filled" radius="xl" size="lg" circle>
              {i + 1}
            </Badge>
            <TextInput
              aria-label={t('program.routing.ruleName')}
              placeholder={t('program.routing.ruleNamePlaceholder', { n: i + 1 })}
              variant="filled"
              style={{ flex: 1, maxWidth: 420 }}
              disabled={!canEdit}
              data-testid="routing-rule-name"
              {...form.getInputProps(p('name'))}
            />
            <Switch label={t('program.routing.enabled')} disabled={!canEdit} {...form.getInputProps(p('enabled'), { type: 'checkbox' })} />
          </Group>
          {canEdit && (
            <Group gap={4} wrap="nowrap">
              <Tooltip label={t('program.common.moveUp')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('program.common.moveUp')}
                  disabled={i === 0}
                  onClick={() => form.reorderListItem('rules', { from: i, to: i - 1 })}
                  data-testid="routing-rule-up"
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('program.common.moveDown')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('program.common.moveDown')}
                  disabled={i === count - 1}
                  onClick={() => form.reorderListItem('rules', { from: i, to: i + 1 })}
                  data-testid="routing-rule-down"
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('program.common.remove')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('program.common.remove')}
                  onClick={() => form.removeListItem('rules', i)}
                  data-testid="routing-rule-remove"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
        </Group>

        <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
          {t('program.routing.when')}
        </Text>
        <SimpleGrid type="container" cols={{ base: 1, '520px': 2 }} spacing="sm">
          <TagsInput
            label={t('program.routing.territories')}
            description={t('program.routing.territoriesHint')}
            inputWrapperOrder={['label', 'input', 'error', 'description']}
            placeholder={rule.territories.length ? undefined : t('program.routing.any')}
            disabled={!canEdit}
            {...form.getInputProps(p('territories'))}
          />
          <TagsInput
            label={t('program.common.tiers')}
            placeholder={rule.tiers.length ? undefined : t('program.routing.any')}
            data={(tiers.data ?? []).filter((x) => !rule.tiers.includes(x))}
            disabled={!canEdit}
            {...form.getInputProps(p('tiers'))}
          />
          <MultiSelect
            label={t('program.common.motions')}
            placeholder={rule.motions.length ? undefined : t('program.routing.any')}
            data={MOTIONS.map((m) => ({ value: m, label: t(`crm.opportunities.motions.${m}`) }))}
            disabled={!canEdit}
            {...form.getInputProps(p('motions'))}
          />
          <MultiSelect
            label={t('program.routing.partnerTypes')}
            placeholder={rule.partnerTypes.length ? undefined : t('program.routing.any')}
            data={PARTNER_TYPES.map((x) => ({ value: x, label: t(`partners.types.${x}`) }))}
            disabled={!canEdit}
            {...form.getInputProps(p('partnerTypes'))}
          />
          <MultiSelect
            label={t('program.routing.registrationTypes')}
            placeholder={rule.registrationTypes.length ? undefined : t('program.routing.any')}
            data={(['deal', 'lead'] as const).map((x) => ({ value: x, label: t(`program.routing.types.${x}`) }))}
            disabled={!canEdit}
            {...form.getInputProps(p('registrationTypes'))}
          />
          <Input.Wrapper
            label={t('program.routing.dealSize')}
            error={[amountError('amountCurrency'), amountError('amountMin'), amountError('amountMax')].filter(Boolean).join('; ') || undefined}
          >
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Select
                aria-label={t('program.routing.currency')}
                placeholder={t('program.routing.currency')}
                data={currencies}
                searchable
                clearable
                w={118}
                disabled={!canEdit}
                {...form.getInputProps(p('amountCurrency'))}
                error={Boolean(amountError('amountCurrency'))}
              />
              <NumberInput
                aria-label={t('program.routing.from')}
                placeholder={t('program.routing.from')}
                min={0}
                thousandSeparator={t('program.common.thousands')}
                decimalSeparator={t('program.common.decimal')}
                hideControls
                disabled={!canEdit}
                style={{ flex: 1 }}
                {...form.getInputProps(p('amountMin'))}
                error={Boolean(amountError('amountMin'))}
              />
              <NumberInput
                aria-label={t('program.routing.below')}
                placeholder={t('program.routing.below')}
                min={0}
                thousandSeparator={t('program.common.thousands')}
                decimalSeparator={t('program.common.decimal')}
                hideControls
                disabled={!canEdit}
                style={{ flex: 1 }}
                {...form.getInputProps(p('amountMax'))}
                error={Boolean(amountError('amountMax'))}
              />
            </Group>
          </Input.Wrapper>
        </SimpleGrid>

        <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }} mt={4}>
          {t('program.routing.assignTo')}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <SegmentedControl
            data={TARGETS.map((x) => ({ value: x, label: t(`program.routing.targets.${x}`) }))}
            value={rule.target}
            onChange={(x) => form.setFieldValue(p('target'), x as TargetKind)}
            disabled={!canEdit}
            data-testid="routing-rule-target"
          />
          {rule.target === 'user' && (
            <Select
              aria-label={t('program.routing.approver')}
              placeholder={t('program.routing.approver')}
              data={users}
              searchable
              w={260}
              disabled={!canEdit}
              data-testid="routing-rule-user"
              {...form.getInputProps(p('userId'))}
            />
          )}
          {rule.target === 'queue' && (
            <Select
              aria-label={t('program.routing.queue')}
              placeholder={queues.length ? t('program.routing.queue') : t('program.routing.addQueueFirst')}
              data={queues}
              w={260}
              disabled={!canEdit}
              data-testid="routing-rule-queue"
              {...form.getInputProps(p('queueId'))}
            />
          )}
          <Select
            label={t('program.routing.ruleEscalateTo')}
            placeholder={t('program.routing.ruleEscalateDefault')}
            data={users}
            searchable
            clearable
            w={260}
            disabled={!canEdit}
            {...form.getInputProps(p('escalateTo'))}
          />
        </Group>
      </Stack>
    </Paper>
  );
}

/** A round-robin queue: its id and members; removable while no rule uses it. */
export function QueueRow({
  form,
  index: i,
  users,
  canEdit,
  inUse,
  onRename,
}: {
  form: SectionForm<RoutingDraft>;
  index: number;
  users: UserOption[];
  canEdit: boolean;
  inUse: boolean;
  onRename: (id: string) => void;
}) {
  const { t } = useTranslation();
  const queue = form.values.queues[i];
  return (
    <Paper withBorder radius="md" p="sm" data-testid="routing-queue">
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <TextInput
          label={t('program.routing.queueId')}
          value={queue.id}
          onChange={(e) => onRename(e.currentTarget.value)}
          error={form.errors[`queues.${i}.id`]}
          w={200}
          disabled={!canEdit}
        />
        <MultiSelect
          label={t('program.routing.members')}
          description={t('program.routing.membersHint', { count: queue.userIds.length })}
          inputWrapperOrder={['label', 'input', 'error', 'description']}
          data={users}
          searchable
          style={{ flex: 1 }}
          disabled={!canEdit}
          data-testid="routing-queue-members"
          {...form.getInputProps(`queues.${i}.userIds`)}
        />
        {canEdit && (
          <Tooltip label={inUse ? t('program.routing.queueInUse') : t('program.common.remove')}>
            <ActionIcon
              variant="subtle"
              color="red"
              mt={28}
              aria-label={t('program.common.remove')}
              disabled={inUse}
              onClick={() => form.removeListItem('queues', i)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}
