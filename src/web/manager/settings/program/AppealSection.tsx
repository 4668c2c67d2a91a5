// Settings → Program → Appeals (REG-6): how long a partner may appeal a rejection; the appeal's
// own decision SLA is with the other SLAs.
import { Alert, SimpleGrid, Text } from '@mantine/core';
import { IconGavel, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DurationInput, draftOf, placeSlaError, policyOf, type SlaDraft, useSlaChecks } from './SlaSection.tsx';
import { SectionCard, type SectionForm, type SectionProps, useSectionForm } from './section.tsx';

type Values = { appeal_window: SlaDraft };

export function AppealSection({ answer, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const check = useSlaChecks();
  const section = useSectionForm<Values>({
    card: 'appeals',
    section: 'sla',
    answer,
    fromAnswer: (a) => ({ appeal_window: draftOf(a.slaPolicies.appeal_window) }),
    toPatch: (v) => {
      // The partner's own deadline: nobody to remind or escalate, whatever the draft says.
      const policy = policyOf(v.appeal_window);
      return { sla: { ...answer.settings.sla, appeal_window: { duration: policy.duration, reminder: null, escalation: null } } };
    },
    validate: (v) => check(v.appeal_window, 'appeal_window', false),
    place: (p) => {
      if (!p.startsWith('appeal_window')) return null;
      const at = placeSlaError(p.slice('appeal_window.'.length));
      return at === 'amount' || at === 'unit' ? `appeal_window.${at}` : null;
    },
  });
  const decision = answer.slaPolicies.appeal_decision.duration;

  return (
    <SectionCard icon={IconGavel} title={t('program.appeals.title')} text={t('program.appeals.text')} section={section} canEdit={canEdit}>
      <SimpleGrid type="container" cols={{ base: 1, '520px': 2 }} spacing="md">
        <DurationInput
          form={section.form as unknown as SectionForm<Record<string, unknown>>}
          path="appeal_window.amount"
          label={t('program.appeals.window')}
          description={t('program.appeals.windowHint')}
          units={['days', 'business_days']}
          disabled={!canEdit}
          testId="appeal-window-amount"
        />
      </SimpleGrid>
      <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
        <Text size="sm">{t('program.appeals.decisionNote', { amount: decision.amount, unit: t(`program.sla.units.${decision.unit}`) })}</Text>
      </Alert>
    </SectionCard>
  );
}
