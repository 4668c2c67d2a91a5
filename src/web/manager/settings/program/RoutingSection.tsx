// Settings → Program → Routing (REG-5): the ordered rules that pick a registration's approver
// (territory, deal size, tier, partner type, motion → a person, the partner's manager or a
// round-robin queue), the queues with their members, and who receives escalations by default.
import { Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconRoute, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useStaffOptions } from './program-queries.ts';
import { QueueRow, RuleCard } from './RoutingRule.tsx';
import {
  emptyRule,
  FALLBACK_QUEUE_ID,
  KEY_PATTERN,
  knownCurrency,
  placeRoutingError,
  type RoutingDraft,
  routingConfig,
  routingDraft,
} from './routing-draft.ts';
import { SectionCard, type SectionProps, SubHeading, useSectionForm } from './section.tsx';

export function RoutingSection({ answer, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const staff = useStaffOptions();
  const section = useSectionForm<RoutingDraft>({
    card: 'routing',
    section: 'routing',
    answer,
    fromAnswer: (a) => routingDraft(a.settings.routing),
    toPatch: (v) => ({ routing: routingConfig(v) }),
    validate: (v) => {
      const e: Record<string, string> = {};
      v.rules.forEach((r, i) => {
        if (r.target === 'user' && !r.userId) e[`rules.${i}.userId`] = t('program.routing.pickApprover');
        if (r.target === 'queue' && !r.queueId) e[`rules.${i}.queueId`] = t('program.routing.pickQueue');
        const min = r.amountMin === '' ? null : Number(r.amountMin);
        const max = r.amountMax === '' ? null : Number(r.amountMax);
        if ((min !== null || max !== null) && !r.amountCurrency) e[`rules.${i}.amountCurrency`] = t('program.routing.currencyRequired');
        if (r.amountCurrency && !knownCurrency(r.amountCurrency)) e[`rules.${i}.amountCurrency`] = t('program.routing.currencyRequired');
        if (min !== null && max !== null && max <= min) e[`rules.${i}.amountMax`] = t('program.routing.maxAboveMin');
      });
      const seen = new Set<string>();
      v.queues.forEach((q, i) => {
        if (!KEY_PATTERN.test(q.id) || q.id === FALLBACK_QUEUE_ID) e[`queues.${i}.id`] = t('program.routing.queueIdInvalid');
        else if (seen.has(q.id)) e[`queues.${i}.id`] = t('program.routing.queueIdTaken');
        seen.add(q.id);
        if (q.userIds.length === 0) e[`queues.${i}.userIds`] = t('program.routing.queueNeedsMembers');
      });
      return e;
    },
    place: placeRoutingError,
  });
  const { form } = section;
  const v = form.values;
  const users = staff.data ?? [];
  const usedQueues = new Set(v.rules.filter((r) => r.target === 'queue').map((r) => r.queueId));

  const renameQueue = (index: number, id: string) => {
    const old = v.queues[index].id;
    form.setFieldValue(`queues.${index}.id`, id);
    v.rules.forEach((r, i) => {
      if (r.queueId === old) form.setFieldValue(`rules.${i}.queueId`, id);
    });
  };

  return (
    <SectionCard
      icon={IconRoute}
      title={t('program.routing.title')}
      text={t('program.routing.text')}
      section={section}
      canEdit={canEdit}
      badge={
        <Badge variant="light" radius="sm" tt="none">
          {t('program.routing.ruleCount', { count: v.rules.length })}
        </Badge>
      }
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <SubHeading title={t('program.routing.rules')} text={t('program.routing.rulesText')} />
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('rules', emptyRule(v.rules))}
              data-testid="routing-add-rule"
            >
              {t('program.routing.addRule')}
            </Button>
          )}
        </Group>
        {v.rules.map((rule, i) => (
          <RuleCard key={rule.id} form={form} index={i} count={v.rules.length} users={users} canEdit={canEdit} />
        ))}
        <Paper radius="md" p="sm" bg="gray.0" data-testid="routing-fallback">
          <Group gap="sm" wrap="nowrap">
            <Badge variant="default" radius="sm" tt="none">
              {t('program.routing.otherwise')}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('program.routing.fallback')}
            </Text>
          </Group>
        </Paper>
      </Stack>

      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <SubHeading title={t('program.routing.queues')} text={t('program.routing.queuesText')} />
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconUsersGroup size={14} />}
              onClick={() => form.insertListItem('queues', { id: `queue-${v.queues.length + 1}`, userIds: [] })}
              data-testid="routing-add-queue"
            >
              {t('program.routing.addQueue')}
            </Button>
          )}
        </Group>
        {v.queues.length === 0 ? (
          <Paper withBorder radius="md" p="md" style={{ borderStyle: 'dashed' }}>
            <Text size="sm" c="dimmed" ta="center">
              {t('program.routing.noQueues')}
            </Text>
          </Paper>
        ) : (
          v.queues.map((q, i) => (
            <QueueRow
              // biome-ignore lint/suspicious/noArrayIndexKey: a queue's id is edited in place; the index is its identity here
              key={i}
              form={form}
              index={i}
              users={users}
              canEdit={canEdit}
              inUse={usedQueues.has(q.id)}
              onRename={(id) => renameQueue(i, id)}
            />
          ))
        )}
        {v.queues.some((q) => !usedQueues.has(q.id)) && (
          <Text size="xs" c="dimmed">
            {t('program.routing.unusedQueue')}
          </Text>
        )}
      </Stack>

      <Select
        label={t('program.routing.escalateTo')}
        description={t('program.routing.escalateToHint')}
        inputWrapperOrder={['label', 'description', 'input', 'error']}
        placeholder={t('program.routing.escalateToNone')}
        data={users}
        searchable
        clearable
        maw={420}
        disabled={!canEdit}
        {...form.getInputProps('escalateTo')}
      />
    </SectionCard>
  );
}
