// Settings → Program: the partner program's registration rules — conflict policy, protection,
// SLAs, appeals, the business calendar, routing, required fields and rejection reasons — each
// section a card with its own save (GET/PATCH /api/v1/program/settings).
import { Box, Card, Grid, Group, NavLink, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlarm, IconCalendarTime, IconGavel, IconListCheck, IconMessageX, IconRoute, IconScale, IconShieldLock } from '@tabler/icons-react';
import { type ComponentType, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InfoAlert } from '../../../components/forms.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { useMe } from '../../../lib/session.ts';
import { AppealSection } from './AppealSection.tsx';
import { CalendarSection } from './CalendarSection.tsx';
import { ConflictPolicySection } from './ConflictPolicySection.tsx';
import { ProtectionSection } from './ProtectionSection.tsx';
import { useProgramSettings } from './program-queries.ts';
import { RejectionReasonsSection } from './RejectionReasonsSection.tsx';
import { RequiredFieldsSection } from './RequiredFieldsSection.tsx';
import { RoutingSection } from './RoutingSection.tsx';
import { SlaSection } from './SlaSection.tsx';

const SECTIONS: { id: string; icon: ComponentType<{ size?: number }> }[] = [
  { id: 'conflict', icon: IconScale },
  { id: 'protection', icon: IconShieldLock },
  { id: 'sla', icon: IconAlarm },
  { id: 'appeals', icon: IconGavel },
  { id: 'calendar', icon: IconCalendarTime },
  { id: 'routing', icon: IconRoute },
  { id: 'required', icon: IconListCheck },
  { id: 'reasons', icon: IconMessageX },
];

/** The section nearest the top of the window, for the table of contents. */
function useActiveSection(ready: boolean) {
  const [active, setActive] = useState(SECTIONS[0].id);
  useEffect(() => {
    if (!ready) return;
    const onScroll = () => {
      let current = SECTIONS[0].id;
      for (const s of SECTIONS) {
        const el = document.getElementById(s.id);
        if (el && el.getBoundingClientRect().top < 140) current = s.id;
      }
      setActive(current);
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [ready]);
  return [active, setActive] as const;
}

export function ProgramTab() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = me.permissions.manageWorkspace;
  const program = useProgramSettings();
  const [active, setActive] = useActiveSection(program.isSuccess);

  if (program.isError) return <ErrorState error={program.error} onRetry={() => void program.refetch()} />;

  const nav = (
    <Card p="xs" style={{ position: 'sticky', top: 80 }} data-testid="program-nav">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={4} pb={6} style={{ letterSpacing: '0.04em' }}>
        {t('program.settings.onThisPage')}
      </Text>
      {SECTIONS.map(({ id, icon: Icon }) => (
        <NavLink
          key={id}
          href={`#${id}`}
          label={t(`program.settings.nav.${id}` as never)}
          leftSection={<Icon size={16} />}
          active={active === id}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          onClick={(e) => {
            e.preventDefault();
            setActive(id);
            document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }}
        />
      ))}
    </Card>
  );

  return (
    <Grid gap="lg" data-testid="program-tab">
      <Grid.Col span={{ base: 12, md: 3 }} visibleFrom="md">
        {nav}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9 }}>
        <Stack gap="lg">
          <Box>
            <Group gap="xs">
              <Text fw={700} fz="lg">
                {t('program.settings.title')}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('program.settings.text')}
            </Text>
          </Box>
          {!canEdit && <InfoAlert>{t('program.settings.readOnly')}</InfoAlert>}
          {program.isPending ? (
            <Stack gap="lg">
              {[320, 260, 420].map((h) => (
                <Skeleton key={h} h={h} radius="md" />
              ))}
            </Stack>
          ) : (
            <>
              <ConflictPolicySection answer={program.data} canEdit={canEdit} />
              <ProtectionSection answer={program.data} canEdit={canEdit} />
              <SlaSection answer={program.data} canEdit={canEdit} />
              <AppealSection answer={program.data} canEdit={canEdit} />
              <CalendarSection answer={program.data} canEdit={canEdit} />
              <RoutingSection answer={program.data} canEdit={canEdit} />
              <RequiredFieldsSection answer={program.data} canEdit={canEdit} />
              <RejectionReasonsSection answer={program.data} canEdit={canEdit} />
            </>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
