// Settings → Branding: logo, colour, product name, support email and favicon, with a live preview.
import { Box, Card, ColorInput, Grid, Group, Image, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardTitle } from '../../components/CardHeader.tsx';
import { ErrorAlert, InfoAlert, SaveBar } from '../../components/forms.tsx';
import { ApiError, fieldErrors, formError } from '../../lib/api.ts';
import type { Workspace } from '../../lib/api-types.ts';
import { DEFAULT_PRIMARY, isHexColor, readableTextOn } from '../../lib/theme.ts';
import { PortalHeaderBar } from '../../portal/PortalHeaderBar.tsx';
import { useWorkspaceForm, WorkspaceLoader } from './workspace-form.tsx';

const SWATCHES = ['#3b5bdb', '#1c7ed6', '#0c8599', '#2f9e44', '#e8590c', '#e03131', '#c2255c', '#7048e8', '#212529', '#f59f00'];
const FIELDS = ['logoUrl', 'primaryColor', 'productName', 'supportEmail', 'faviconUrl'] as const;

type Values = { logoUrl: string; primaryColor: string; productName: string; supportEmail: string; faviconUrl: string };

function valuesOf({ branding }: Workspace): Values {
  return {
    logoUrl: branding.logoUrl ?? '',
    primaryColor: branding.primaryColor ?? '',
    productName: branding.productName ?? '',
    supportEmail: branding.supportEmail ?? '',
    faviconUrl: branding.faviconUrl ?? '',
  };
}

/** Maps `body.branding.primaryColor` style errors onto the branding form. */
function brandingErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const unwrapped = new ApiError({
    status: error.status,
    code: error.code,
    detail: error.detail,
    errors: error.errors.map((e) => ({ ...e, field: e.field.replace(/^body\.branding\./, 'body.') })),
  });
  return fieldErrors(unwrapped, FIELDS);
}

export function BrandingTab() {
  return <WorkspaceLoader height={420}>{(workspace) => <BrandingForm workspace={workspace} />}</WorkspaceLoader>;
}

function BrandingForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const { form, update, canEdit } = useWorkspaceForm(workspace, valuesOf, {
    logoUrl: (v) => (v.trim() && !/^https?:\/\/\S+$/i.test(v.trim()) ? t('settings.branding.invalidUrl') : null),
    primaryColor: (v) => (v.trim() && !isHexColor(v.trim()) ? t('settings.branding.invalidColor') : null),
    supportEmail: (v) => (v.trim() && !/^\S+@\S+\.\S+$/.test(v.trim()) ? t('settings.branding.invalidEmail') : null),
    faviconUrl: (v) => (v.trim() && !/^https?:\/\/\S+$/i.test(v.trim()) ? t('sharing.settings.invalidFavicon') : null),
  });

  const values = form.getValues();
  const previewColor = isHexColor(values.primaryColor) ? values.primaryColor : DEFAULT_PRIMARY;
  const productName = values.productName.trim() || t('portal.defaultProduct', { workspace: workspace.name });
  const errors = brandingErrors(update.error);
  const generalError = formError(update.error, errors);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card>
          <form
            noValidate
            onSubmit={form.onSubmit((v) =>
              update.mutate(
                {
                  branding: {
                    logoUrl: v.logoUrl.trim() || null,
                    primaryColor: v.primaryColor.trim().toLowerCase() || null,
                    productName: v.productName.trim() || null,
                    supportEmail: v.supportEmail.trim() || null,
                    faviconUrl: v.faviconUrl.trim() || null,
                  },
                },
                {
                  onSuccess: () => notifications.show({ color: 'green', message: t('settings.branding.saved') }),
                  onError: (error) => form.setErrors(brandingErrors(error)),
                },
              ),
            )}
          >
            <Stack gap="lg">
              <CardTitle title={t('settings.branding.title')} text={t('settings.branding.text')} />
              {!canEdit && <InfoAlert>{t('settings.readOnly')}</InfoAlert>}
              {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
              <TextInput
                label={t('settings.branding.logoUrl')}
                description={t('settings.branding.logoUrlHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                placeholder="https://example.com/logo.svg"
                disabled={!canEdit}
                {...form.getInputProps('logoUrl')}
              />
              <ColorInput
                label={t('settings.branding.primaryColor')}
                description={t('settings.branding.primaryColorHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                placeholder={DEFAULT_PRIMARY}
                format="hex"
                swatches={SWATCHES}
                swatchesPerRow={10}
                disabled={!canEdit}
                data-testid="branding-color"
                {...form.getInputProps('primaryColor')}
              />
              <TextInput
                label={t('settings.branding.productName')}
                description={t('settings.branding.productNameHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                placeholder={t('settings.branding.productNamePlaceholder', { workspace: workspace.name })}
                disabled={!canEdit}
                maxLength={60}
                {...form.getInputProps('productName')}
              />
              <TextInput
                label={t('settings.branding.supportEmail')}
                description={t('settings.branding.supportEmailHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                placeholder="partners@example.com"
                type="email"
                disabled={!canEdit}
                {...form.getInputProps('supportEmail')}
              />
              <TextInput
                label={t('sharing.settings.faviconUrl')}
                description={t('sharing.settings.faviconUrlHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                placeholder="https://example.com/favicon.png"
                disabled={!canEdit}
                data-testid="branding-favicon"
                {...form.getInputProps('faviconUrl')}
              />
              {canEdit && <SaveBar form={form} saving={update.isPending} testId="branding-save" />}
            </Stack>
          </form>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card>
          <CardTitle title={t('settings.branding.preview')} text={t('settings.branding.previewText')} mb="md" />
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }} data-testid="branding-preview">
            <Group gap={6} px="sm" pt={8} bg="gray.1" title={t('sharing.settings.faviconPreview')}>
              <Group
                gap={6}
                px="sm"
                py={6}
                bg="white"
                wrap="nowrap"
                maw={220}
                style={{ borderRadius: '8px 8px 0 0' }}
                data-testid="branding-preview-tab"
              >
                <FaviconPreview url={values.faviconUrl.trim()} color={previewColor} />
                <Text size="xs" truncate="end">
                  {productName}
                </Text>
              </Group>
            </Group>
            <Group gap={6} px="sm" py={8} bg="gray.1">
              {['#ff6b6b', '#fcc419', '#51cf66'].map((c) => (
                <Box key={c} w={10} h={10} style={{ borderRadius: 99, background: c }} />
              ))}
              <Box ml="xs" px="sm" py={2} bg="white" style={{ borderRadius: 6, flex: 1 }}>
                <Text size="xs" c="dimmed" truncate="end">
                  {window.location.host}/p/{workspace.slug}
                </Text>
              </Box>
            </Group>
            <PortalHeaderBar
              color={previewColor}
              logoUrl={values.logoUrl.trim() || null}
              productName={productName}
              workspaceName={workspace.name}
              height={56}
              testId="branding-preview-header"
              right={
                <Group gap="md" visibleFrom="xs" wrap="nowrap">
                  {[t('portal.deals'), t('portal.registrations'), t('portal.resources')].map((label) => (
                    <Text key={label} size="sm" fw={500} c="inherit" opacity={0.9}>
                      {label}
                    </Text>
                  ))}
                </Group>
              }
            />
            <Stack p="lg" gap="sm" bg="gray.0">
              <Text fw={700} size="lg">
                {t('settings.branding.previewWelcome')}
              </Text>
              <Group gap="sm">
                <Box
                  px="md"
                  py={8}
                  style={{ background: previewColor, color: readableTextOn(previewColor), borderRadius: 8, fontWeight: 600, fontSize: 14 }}
                >
                  {t('settings.branding.previewButton')}
                </Box>
                <Text size="sm" style={{ color: previewColor }} fw={600}>
                  {t('portal.rules')} →
                </Text>
              </Group>
              {values.supportEmail.trim() && (
                <Text size="xs" c="dimmed">
                  {t('portal.support', { email: values.supportEmail.trim() })}
                </Text>
              )}
            </Stack>
          </Paper>
        </Card>
      </Grid.Col>
    </Grid>
  );
}

/** The favicon as a browser tab shows it (16 px), or a dot in the brand colour while there is none or it does not load. */
function FaviconPreview({ url, color }: { url: string; color: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (url && failed !== url && /^https?:\/\//i.test(url)) {
    return <Image src={url} w={16} h={16} fit="contain" alt="" onError={() => setFailed(url)} data-testid="branding-favicon-preview" />;
  }
  return <Box w={12} h={12} style={{ borderRadius: 3, background: color, flexShrink: 0 }} />;
}
