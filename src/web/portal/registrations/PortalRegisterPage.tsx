// /p/:slug/registrations/new: register a deal or lead. The form with the live duplicate hint, and
// beside it how a registration goes on and a link to the published conflict policy. Submitting
// answers at once with the registration number (REG-4) on the registration's page.
import { Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconScale, IconShieldCheck } from '@tabler/icons-react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { currentLocale } from '../../lib/i18n.ts';
import { useRulesOfEngagement } from '../portal-queries.ts';
import { newIdempotencyKey } from './keyed-request.ts';
import { RegistrationForm } from './RegistrationForm.tsx';
import { portalDuplicateCheck, useRegistrationFormRules, useSubmitRegistration } from './registration-queries.ts';

/** How a registration goes on, and where the conflict policy is published. */
export function HowItWorks({ slug, protectionDays }: { slug?: string; protectionDays?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" style={{ position: 'sticky', top: 80 }}>
      <Card p="lg" data-testid="reg-how-it-works">
        <Title order={2} fz="md" mb="sm">
          {t('portalRegistrations.how.title')}
        </Title>
        <List type="ordered" spacing="sm" size="sm">
          <List.Item>{t('portalRegistrations.how.step1')}</List.Item>
          <List.Item>{t('portalRegistrations.how.step2')}</List.Item>
          <List.Item>
            {protectionDays ? t('portalRegistrations.how.step3Days', { count: protectionDays }) : t('portalRegistrations.how.step3')}
          </List.Item>
        </List>
      </Card>
      {slug && (
        <Card p="lg" bg="brand.0" withBorder={false}>
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="white" size={36} radius="md">
              <IconScale size={20} />
            </ThemeIcon>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('portalRegistrations.how.policyTitle')}
              </Text>
              <Text size="sm">{t('portalRegistrations.how.policyText')}</Text>
              <ButtonLink
                to="/p/$slug/rules"
                params={{ slug }}
                variant="white"
                size="xs"
                leftSection={<IconShieldCheck size={14} />}
                data-testid="reg-policy-link"
                style={{ alignSelf: 'flex-start' }}
              >
                {t('portalRegistrations.how.policyLink')}
              </ButtonLink>
            </Stack>
          </Group>
        </Card>
      )}
    </Stack>
  );
}

export function PortalRegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug } = useParams({ strict: false }) as { slug: string };
  const [key] = useState(newIdempotencyKey);
  const submit = useSubmitRegistration(key);
  const rules = useRulesOfEngagement(currentLocale());
  const form = useRegistrationFormRules();

  return (
    <>
      <PageHeader
        above={
          <AnchorLink to="/p/$slug/registrations" params={{ slug }} size="sm" c="dimmed" mb={4}>
            <Group gap={4}>
              <IconArrowLeft size={14} />
              {t('portalRegistrations.list.title')}
            </Group>
          </AnchorLink>
        }
        title={t('portalRegistrations.form.title')}
        subtitle={t('portalRegistrations.form.subtitle')}
      />
      <RegistrationForm
        hintScope="portal"
        required={form.data && { deal: form.data.requiredFields, lead: form.data.leadRequiredFields }}
        check={portalDuplicateCheck}
        submitting={submit.isPending}
        onSubmit={async (input) => {
          const r = await submit.mutateAsync(input);
          await navigate({ to: '/p/$slug/registrations/$registrationId', params: { slug, registrationId: r.id }, search: { created: true } });
        }}
        aside={<HowItWorks slug={slug} protectionDays={rules.data?.protectionDays} />}
      />
    </>
  );
}
