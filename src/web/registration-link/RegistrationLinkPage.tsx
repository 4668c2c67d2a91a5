// /r/:token: a partner's no-login registration form, in the workspace's branding and language
// (with a switch): who submits, then the deal or lead with the live duplicate hint; afterwards the
// confirmation with the registration number. An expired, withdrawn or unknown link says so.
import { Anchor, Box, Button, Card, Container, EmptyState, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconClockOff, IconLinkOff, IconMail, IconMapSearch, IconPlus } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerRegistration } from '../../shared/registrations.ts';
import { useBrandColor } from '../components/brand.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ErrorState, PageLoader } from '../components/states.tsx';
import { useFormat } from '../lib/format.ts';
import { applyLocale, resolveLocale } from '../lib/i18n.ts';
import { PortalHeaderBar } from '../portal/PortalHeaderBar.tsx';
import { newIdempotencyKey } from '../portal/registrations/keyed-request.ts';
import { HowItWorks } from '../portal/registrations/PortalRegisterPage.tsx';
import { RegistrationForm } from '../portal/registrations/RegistrationForm.tsx';
import type { HintInput } from '../portal/registrations/registration-form.ts';
import { type GoneReason, goneReason, type LinkForm, linkDuplicateCheck, submitThroughLink, useLinkForm } from './link-queries.ts';

/** Points the browser tab's icon at the workspace's favicon while the page is open. */
function useFavicon(url: string | null | undefined) {
  useEffect(() => {
    if (!url) return;
    const link = document.createElement('link');
    link.rel = 'icon';
    link.href = url;
    document.head.appendChild(link);
    return () => link.remove();
  }, [url]);
}

function Frame({ form, children }: { form?: LinkForm; children: ReactNode }) {
  const { t } = useTranslation();
  const branding = form?.workspace.branding;
  const product = branding?.productName || (form ? t('portal.defaultProduct', { workspace: form.workspace.name }) : 'Tandem');
  return (
    <Box mih="100vh" bg="gray.0" style={{ display: 'flex', flexDirection: 'column' }}>
      <header>
        <PortalHeaderBar
          color={branding?.primaryColor}
          logoUrl={branding?.logoUrl}
          productName={product}
          workspaceName={form?.workspace.name ?? product}
          testId="reg-link-header"
          right={
            <Box bg="white" style={{ borderRadius: 999 }} p={2}>
              <LanguageSwitch />
            </Box>
          }
        />
      </header>
      <Container component="main" size="lg" w="100%" py="xl" px={{ base: 'md', sm: 'lg' }} style={{ flex: 1 }}>
        {children}
      </Container>
      <Box component="footer" py="lg" px="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} bg="white">
        <Container size="lg">
          <Stack gap={6} align="center" ta="center">
            {form && (
              <Text size="xs" c="dimmed">
                {t('portalRegistrations.link.footer', { workspace: form.workspace.name, partner: form.partner.name })}
              </Text>
            )}
            {branding?.supportEmail && (
              <Text size="xs" c="dimmed">
                {t('portalRegistrations.link.support')}{' '}
                <Anchor href={`mailto:${branding.supportEmail}`} size="xs" underline="always">
                  {branding.supportEmail}
                </Anchor>
              </Text>
            )}
          </Stack>
        </Container>
      </Box>
    </Box>
  );
}

const GONE_ICONS = { expired: IconClockOff, revoked: IconLinkOff, missing: IconMapSearch };

function LinkGone({ reason }: { reason: GoneReason }) {
  const { t } = useTranslation();
  const Icon = GONE_ICONS[reason];
  return (
    <Card py={56} maw={640} mx="auto">
      <EmptyState
        variant="light"
        color="gray"
        icon={<Icon size={30} />}
        title={
          <Title order={1} fz="xl">
            {t(`portalRegistrations.link.gone.${reason}Title`)}
          </Title>
        }
        description={t(`portalRegistrations.link.gone.${reason}Text`)}
        data-testid="reg-link-gone"
        data-reason={reason}
      />
    </Card>
  );
}

function Confirmation({ r, email, form, onAnother }: { r: PartnerRegistration; email: string; form: LinkForm; onAnother: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card p="xl" maw={640} mx="auto" data-testid="reg-link-done">
      <Stack align="center" ta="center" gap="md">
        <ThemeIcon size={64} radius="xl" variant="light" color="teal">
          <IconCircleCheck size={36} />
        </ThemeIcon>
        <Title order={1} fz={26}>
          {t('portalRegistrations.link.doneTitle')}
        </Title>
        <Stack gap={2} align="center">
          <Text size="sm" c="dimmed">
            {t('portalRegistrations.link.doneNumber')}
          </Text>
          <Text fz={28} fw={700} ff="monospace" data-testid="reg-link-number">
            {r.number}
          </Text>
        </Stack>
        <Group gap={6} justify="center" wrap="nowrap">
          <IconMail size={16} aria-hidden />
          <Text size="sm" data-testid="reg-link-email">
            {t('portalRegistrations.link.doneEmail', { email })}
          </Text>
        </Group>
        <Text size="sm" c="dimmed" maw={480}>
          {r.decisionDueAt
            ? t('portalRegistrations.link.doneNextBy', { workspace: form.workspace.name, date: format.dateTime(r.decisionDueAt) })
            : t('portalRegistrations.link.doneNext', { workspace: form.workspace.name })}
        </Text>
        {r.duplicateCheck.verdict === 'possible_conflict' && (
          <Text size="sm" c="dimmed" maw={480}>
            {t('portalRegistrations.created.conflict')}
          </Text>
        )}
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={onAnother} data-testid="reg-link-another">
          {t('portalRegistrations.link.another')}
        </Button>
      </Stack>
    </Card>
  );
}

/** The page. */
export function RegistrationLinkPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = useParams({ from: '/r/$token' });
  const meta = useLinkForm(token);
  const data = meta.data;
  const [gone, setGone] = useState<GoneReason | null>(null);
  const [done, setDone] = useState<{ r: PartnerRegistration; email: string } | null>(null);
  const [attempt, setAttempt] = useState(() => ({ n: 0, key: newIdempotencyKey() }));
  const [submitting, setSubmitting] = useState(false);
  // A call that finds the link expired or withdrawn ends the form: the page then says so.
  const check = useMemo(() => {
    const send = linkDuplicateCheck(token);
    return async (body: HintInput, signal?: AbortSignal) => {
      try {
        return await send(body, signal);
      } catch (error) {
        const why = goneReason(error);
        if (why) setGone(why);
        throw error;
      }
    };
  }, [token]);
  useBrandColor(data?.workspace.branding.primaryColor);
  useFavicon(data?.workspace.branding.faviconUrl);
  useDocumentTitle(data ? `${t('portalRegistrations.link.tabTitle')} · ${data.workspace.branding.productName || data.workspace.name}` : 'Tandem');
  // The workspace's language unless this browser chose one.
  const locale = data?.workspace.locale;
  useEffect(() => {
    if (locale) applyLocale(resolveLocale(null, locale));
  }, [locale]);

  const reason = gone ?? goneReason(meta.error);
  if (reason)
    return (
      <Frame form={data}>
        <LinkGone reason={reason} />
      </Frame>
    );
  if (meta.isPending) return <PageLoader minHeight="100vh" />;
  if (meta.isError || !data)
    return (
      <Frame>
        <ErrorState error={meta.error} onRetry={() => void meta.refetch()} />
      </Frame>
    );

  if (done)
    return (
      <Frame form={data}>
        <Confirmation
          r={done.r}
          email={done.email}
          form={data}
          onAnother={() => {
            setDone(null);
            setAttempt((a) => ({ n: a.n + 1, key: newIdempotencyKey() }));
          }}
        />
      </Frame>
    );

  return (
    <Frame form={data}>
      <Stack gap={4} mb="lg">
        <Title order={1} fz={26}>
          {t('portalRegistrations.link.title', { workspace: data.workspace.name })}
        </Title>
        <Text c="dimmed" size="sm" data-testid="reg-link-partner">
          {t('portalRegistrations.link.subtitle', { partner: data.partner.name, date: format.date(data.expiresAt) })}
        </Text>
      </Stack>
      <RegistrationForm
        key={attempt.n}
        withSubmitter
        required={{ deal: data.requiredFields, lead: data.leadRequiredFields }}
        hintScope={`link:${token}`}
        check={check}
        submitting={submitting}
        onSubmit={async (input, submitter) => {
          if (!submitter) return;
          setSubmitting(true);
          try {
            const r = await submitThroughLink(token, { ...input, submitter }, attempt.key);
            setDone({ r, email: submitter.email });
            window.scrollTo(0, 0);
          } catch (error) {
            const why = goneReason(error);
            if (why) setGone(why);
            throw error;
          } finally {
            setSubmitting(false);
          }
        }}
        aside={<HowItWorks />}
      />
    </Frame>
  );
}
