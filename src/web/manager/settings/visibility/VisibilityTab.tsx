// Settings → Partner visibility (GOV-1): pick a record type and a scope, switch each field's
// "visible" and "editable", save the rule or fall back to the less specific one; beside it the
// live "view as partner" preview of a real deal with the draft.
import { Button, Card, Grid, Group, SegmentedControl, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_TYPES } from '../../../../shared/partners.ts';
import { SAFELIST_OBJECTS, type SafelistObject, type SafelistRule, type ScopeKind } from '../../../../shared/safelists.ts';
import { CardHeader } from '../../../components/CardHeader.tsx';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';
import { ErrorAlert, InfoAlert } from '../../../components/forms.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import type { Partner } from '../../../lib/api-types.ts';
import { useFormat } from '../../../lib/format.ts';
import { useNotifyError } from '../../../lib/notify.ts';
import { useMe } from '../../../lib/session.ts';
import { RecordPicker } from '../../crm/RecordPicker.tsx';
import { type Draft, SafelistGrid } from './SafelistGrid.tsx';
import { SafelistPreview } from './SafelistPreview.tsx';
import { useDeleteRule, useSafelistCatalog, useSaveRule } from './safelist-queries.ts';
import { type Applying, applyingRule, type EditorScope } from './safelist-scope.ts';

const SCOPES: ScopeKind[] = ['workspace', 'partner_type', 'tier', 'partner'];
const same = (a: Set<string>, b: readonly string[]) => a.size === b.length && b.every((k) => a.has(k));

function useSourceLabel() {
  const { t } = useTranslation();
  return (source: SafelistRule | null) =>
    source
      ? t('staffPortal.visibility.inheritsRule', {
          scope: source.scope.value
            ? `${t(`staffPortal.visibility.scopes.${source.scope.kind}`)} “${source.scope.value}”`
            : t(`staffPortal.visibility.scopes.${source.scope.kind}`),
        })
      : t('staffPortal.visibility.inheritsBuiltin');
}

/** The line that says which rule applies to the scope now. */
function ApplyingLine({ applying }: { applying: Applying }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sourceLabel = useSourceLabel();
  const own = applying.own;
  return (
    <Text size="sm" c="dimmed" data-testid="safelist-applying">
      {own
        ? own.updatedBy
          ? t('staffPortal.visibility.ownRule', { who: own.updatedBy, when: format.relative(own.updatedAt) })
          : t('staffPortal.visibility.ownRuleNoAuthor', { when: format.relative(own.updatedAt) })
        : t('staffPortal.visibility.inherits', { source: sourceLabel(applying.fallback.source) })}
    </Text>
  );
}

export function VisibilityTab() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = me.permissions.manageWorkspace;
  const catalog = useSafelistCatalog();
  const save = useSaveRule();
  const remove = useDeleteRule();
  const notifyError = useNotifyError();
  const sourceLabel = useSourceLabel();
  const [object, setObject] = useState<SafelistObject>('opportunity');
  const [scope, setScope] = useState<EditorScope>({ kind: 'workspace' });
  const [partner, setPartner] = useState<Partner | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [confirming, confirm] = useDisclosure(false);

  const rules = catalog.data?.rules ?? [];
  const fields = catalog.data?.objects.find((o) => o.object === object)?.fields ?? [];
  const scopeChosen = scope.kind === 'workspace' || Boolean(scope.value);
  const applying = useMemo(() => applyingRule(object, scope, rules, partner), [object, scope, rules, partner]);
  // The draft starts from what applies, and starts again when the record type or the scope changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new object, scope or saved rule only
  useEffect(() => setDraft(null), [object, scope.kind, scope.value, applying.own?.updatedAt]);
  const shown: Draft = draft ?? { visible: new Set(applying.visible), editable: new Set(applying.editable) };
  const dirty = Boolean(draft) && !(same(shown.visible, applying.visible) && same(shown.editable, applying.editable));

  if (catalog.isError) return <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} />;

  const submit = () => {
    if (!scopeChosen) return;
    const ruleScope = scope.kind === 'workspace' ? { kind: 'workspace' as const } : { kind: scope.kind, value: scope.value as string };
    save.mutate(
      { object, scope: ruleScope as never, visible: [...shown.visible], editable: [...shown.editable] },
      { onSuccess: () => notifications.show({ color: 'green', message: t('staffPortal.visibility.saved') }) },
    );
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card>
          <CardHeader title={t('staffPortal.visibility.title')} text={t('staffPortal.visibility.text')} mb="md" />
          {!canEdit && <InfoAlert mb="md">{t('staffPortal.visibility.readOnly')}</InfoAlert>}
          <Stack gap="md">
            <Select
              label={t('staffPortal.visibility.object')}
              data={SAFELIST_OBJECTS.map((o) => ({ value: o, label: t(`staffPortal.visibility.objects.${o}`) }))}
              value={object}
              onChange={(v) => v && setObject(v as SafelistObject)}
              allowDeselect={false}
              w={{ base: '100%', sm: 260 }}
              data-testid="safelist-object"
            />
            <div>
              <Text size="sm" fw={500} mb={4} id="safelist-scope-label">
                {t('staffPortal.visibility.scope')}
              </Text>
              <SegmentedControl
                aria-labelledby="safelist-scope-label"
                data={SCOPES.map((k) => ({ value: k, label: t(`staffPortal.visibility.scopes.${k}`) }))}
                value={scope.kind}
                onChange={(k) => {
                  setScope({ kind: k as ScopeKind });
                  setPartner(null);
                }}
                data-testid="safelist-scope"
              />
            </div>
            {scope.kind === 'partner_type' && (
              <Select
                label={t('staffPortal.visibility.scopeValue')}
                placeholder={t('staffPortal.visibility.pickType')}
                data={PARTNER_TYPES.map((p) => ({ value: p, label: t(`partners.types.${p}`) }))}
                value={scope.value ?? null}
                onChange={(v) => setScope({ kind: 'partner_type', value: v ?? undefined })}
                w={{ base: '100%', sm: 260 }}
              />
            )}
            {scope.kind === 'tier' && (
              <TextInput
                label={t('staffPortal.visibility.scopeValue')}
                placeholder={t('staffPortal.visibility.tierPlaceholder')}
                description={t('staffPortal.visibility.pickTier')}
                defaultValue={scope.value}
                onBlur={(e) => setScope({ kind: 'tier', value: e.currentTarget.value.trim().toLowerCase() || undefined })}
                onKeyDown={(e) => e.key === 'Enter' && setScope({ kind: 'tier', value: e.currentTarget.value.trim().toLowerCase() || undefined })}
                w={{ base: '100%', sm: 260 }}
              />
            )}
            {scope.kind === 'partner' && (
              <RecordPicker
                path="/api/v1/partners"
                label={t('staffPortal.visibility.scopeValue')}
                placeholder={t('staffPortal.visibility.pickPartner')}
                value={scope.value ?? null}
                onChange={(id, record) => {
                  setScope({ kind: 'partner', value: id ?? undefined });
                  setPartner((record as Partner | undefined) ?? null);
                }}
                w={{ base: '100%', sm: 360 }}
                data-testid="safelist-partner"
              />
            )}
            {catalog.isPending ? (
              <Skeleton h={320} />
            ) : !scopeChosen ? (
              <Text size="sm" c="dimmed">
                {t('staffPortal.visibility.chooseScope', { kind: t(`staffPortal.visibility.scopes.${scope.kind}`) })}
              </Text>
            ) : (
              <>
                <ApplyingLine applying={applying} />
                <SafelistGrid object={object} fields={fields} draft={shown} onChange={canEdit ? setDraft : undefined} />
                {save.isError && <ErrorAlert>{errorMessage(save.error, t('errors.generic'))}</ErrorAlert>}
                {canEdit && (
                  <Group justify="space-between" wrap="wrap">
                    {applying.own ? (
                      <Button
                        variant="subtle"
                        color="red"
                        leftSection={<IconArrowBackUp size={16} />}
                        onClick={confirm.open}
                        data-testid="safelist-reset"
                      >
                        {t('staffPortal.visibility.reset')}
                      </Button>
                    ) : (
                      <span />
                    )}
                    <Group gap="sm">
                      {dirty && (
                        <Text size="xs" c="orange.8" fw={600}>
                          {t('staffPortal.visibility.unsaved')}
                        </Text>
                      )}
                      <Button variant="default" disabled={!dirty} onClick={() => setDraft(null)}>
                        {t('staffPortal.visibility.discard')}
                      </Button>
                      <Button
                        leftSection={<IconDeviceFloppy size={16} />}
                        onClick={submit}
                        loading={save.isPending}
                        disabled={!dirty && Boolean(applying.own)}
                        data-testid="safelist-save"
                      >
                        {t('staffPortal.visibility.save')}
                      </Button>
                    </Group>
                  </Group>
                )}
              </>
            )}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }} style={{ position: 'sticky', top: 80, alignSelf: 'flex-start' }}>
        <SafelistPreview object={object} draft={dirty ? shown : null} partner={partner} />
      </Grid.Col>
      <ConfirmModal
        opened={confirming}
        onClose={confirm.close}
        title={t('staffPortal.visibility.resetTitle')}
        text={t('staffPortal.visibility.resetText', { source: sourceLabel(applying.fallback.source) })}
        confirmLabel={t('staffPortal.visibility.resetConfirm')}
        loading={remove.isPending}
        onConfirm={() =>
          applying.own &&
          remove.mutate(applying.own.id, {
            onSuccess: () => {
              confirm.close();
              notifications.show({ color: 'green', message: t('staffPortal.visibility.resetDone') });
            },
            onError: notifyError,
          })
        }
      />
    </Grid>
  );
}
