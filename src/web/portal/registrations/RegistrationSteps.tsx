// Where a registration stands: submitted → in review → decided (approved, rejected, withdrawn;
// for an approved one, later also its protection's end), as steps.
import { Card, Stepper } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp, IconCheck, IconShieldOff, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PartnerRegistration } from '../../../shared/registrations.ts';
import { useFormat } from '../../lib/format.ts';
import { noonOf } from './registration-status.tsx';

export function RegistrationSteps({ r }: { r: PartnerRegistration }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Side by side the steps need room; on a phone they stack.
  const narrow = useMediaQuery('(max-width: 48em)');
  const status = r.status ?? 'submitted';
  const open = status === 'submitted' || status === 'in_review';
  const active = open ? 1 : 3;
  const final =
    status === 'rejected'
      ? { color: 'red', icon: <IconX size={18} /> }
      : status === 'withdrawn'
        ? { color: 'gray', icon: <IconArrowBackUp size={18} /> }
        : status === 'expired' || status === 'released'
          ? { color: 'orange', icon: <IconShieldOff size={18} /> }
          : { color: 'teal', icon: <IconCheck size={18} /> };
  const decisionDescription = open
    ? r.decisionDueAt
      ? t('portalRegistrations.steps.decisionBy', { date: format.dateTime(r.decisionDueAt) })
      : t('portalRegistrations.steps.decisionPending')
    : status === 'approved' && r.protection
      ? t('portalRegistrations.steps.protectedUntil', { date: format.date(noonOf(r.protection.lastProtectedDay)) })
      : t(`portalRegistrations.steps.final.${status}Text`);
  return (
    <Card p="lg" data-testid="reg-steps" data-status={status}>
      <Stepper active={active} size="sm" allowNextStepsSelect={false} iconSize={34} orientation={narrow ? 'vertical' : 'horizontal'}>
        <Stepper.Step
          label={t('portalRegistrations.steps.submitted')}
          description={r.submittedAt ? format.dateTime(r.submittedAt) : undefined}
          allowStepSelect={false}
        />
        <Stepper.Step
          label={t('portalRegistrations.steps.review')}
          description={open ? t(`portalRegistrations.steps.${status}Text`) : t('portalRegistrations.steps.reviewDone')}
          loading={status === 'in_review'}
          allowStepSelect={false}
        />
        <Stepper.Step
          label={open ? t('portalRegistrations.steps.decision') : t(`portalRegistrations.steps.final.${status}`)}
          description={decisionDescription}
          color={open ? undefined : final.color}
          completedIcon={final.icon}
          allowStepSelect={false}
        />
      </Stepper>
    </Card>
  );
}
