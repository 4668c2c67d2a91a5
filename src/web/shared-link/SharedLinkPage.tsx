// /s/:token: the page a share link's recipient opens, outside the staff app and the portal login,
// in the workspace's branding and language: the code screen when one is needed, then the record.
import { Anchor, Box, Container, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrandColor } from '../components/brand.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ErrorState, PageLoader } from '../components/states.tsx';
import { applyLocale, resolveLocale } from '../lib/i18n.ts';
import { PortalHeaderBar } from '../portal/PortalHeaderBar.tsx';
import { Countdown } from './Countdown.tsx';
import { LinkGone } from './LinkGone.tsx';
import { SharedCodeScreen } from './SharedCodeScreen.tsx';
import { SharedRecordView } from './SharedRecordView.tsx';
import { type GoneReason, goneReason, onLinkGone, type SharedMeta, useSharedMeta } from './shared-queries.ts';

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

function Frame({ meta, children, footer }: { meta?: SharedMeta; children: React.ReactNode; footer?: React.ReactNode }) {
  const { t } = useTranslation();
  const branding = meta?.workspace.branding;
  const product = branding?.productName || (meta ? t('portal.defaultProduct', { workspace: meta.workspace.name }) : 'Tandem');
  return (
    <Box mih="100vh" bg="gray.0" style={{ display: 'flex', flexDirection: 'column' }}>
      <PortalHeaderBar
        color={branding?.primaryColor}
        logoUrl={branding?.logoUrl}
        productName={product}
        workspaceName={meta?.workspace.name ?? product}
        testId="shared-header"
        right={
          <Box bg="white" style={{ borderRadius: 999 }} p={2}>
            <LanguageSwitch />
          </Box>
        }
      />
      <Container size="lg" w="100%" py="xl" px={{ base: 'md', sm: 'lg' }} style={{ flex: 1 }}>
        {children}
      </Container>
      <Box py="lg" px="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} bg="white">
        <Container size="lg">
          <Stack gap={6} align="center" ta="center">
            {footer}
            {branding?.supportEmail && (
              <Text size="xs" c="dimmed">
                {t('sharing.page.support')}{' '}
                <Anchor href={`mailto:${branding.supportEmail}`} size="xs">
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

/** The page. */
export function SharedLinkPage() {
  const { t } = useTranslation();
  const { token } = useParams({ from: '/s/$token' });
  const queryClient = useQueryClient();
  const meta = useSharedMeta(token);
  const [gone, setGone] = useState<GoneReason | null>(null);
  const data = meta.data;
  useBrandColor(data?.workspace.branding.primaryColor);
  useFavicon(data?.workspace.branding.faviconUrl);
  useDocumentTitle(data ? `${t(`sharing.page.kinds.${data.entityType}`)} · ${data.workspace.branding.productName || data.workspace.name}` : 'Tandem');

  // The workspace's language unless this browser chose one.
  const locale = data?.locale;
  useEffect(() => {
    if (locale) applyLocale(resolveLocale(null, locale));
  }, [locale]);
  // A call that finds the link expired or withdrawn ends the page; nothing cached of the record stays.
  useEffect(
    () =>
      onLinkGone((reason) => {
        // The browser's code session ended: the meta then says so, and the code screen returns.
        if (reason === 'code') return void queryClient.invalidateQueries({ queryKey: ['shared', token, 'meta'] });
        setGone(reason);
        queryClient.removeQueries({ queryKey: ['shared', token], predicate: (q) => q.queryKey[2] !== 'meta' });
      }),
    [queryClient, token],
  );
  const expire = useCallback(() => setGone('expired'), []);

  const reason = gone ?? goneReason(meta.error);
  if (reason)
    return (
      <Frame meta={data}>
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

  const sharedBy = data.recipientName
    ? t('sharing.page.sharedBy', { workspace: data.workspace.name, name: data.recipientName })
    : t('sharing.page.sharedByAnonymous', { workspace: data.workspace.name });
  return (
    <Frame
      meta={data}
      footer={
        <>
          <Group gap="xs" justify="center">
            <Text size="sm" c="dimmed" data-testid="shared-by">
              {sharedBy}
            </Text>
          </Group>
          <Countdown expiresAt={data.expiresAt} onEnd={expire} />
        </>
      }
    >
      {data.requiresCode && !data.verified ? <SharedCodeScreen token={token} meta={data} /> : <SharedRecordView token={token} meta={data} />}
    </Frame>
  );
}
