// Settings → API keys: list, create (the key is shown once), revoke.
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, MultiSelect, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/forms.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { fieldErrors, formError } from '../../lib/api.ts';
import type { ApiKey } from '../../lib/api-types.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './settings-queries.ts';

// Scope → label key (i18next reads `:` as a namespace separator, so scopes are not keys).
export const API_SCOPES = {
  '*': 'all',
  'partners:read': 'partnersRead',
  'partners:write': 'partnersWrite',
  'workspace:read': 'workspaceRead',
  'workspace:write': 'workspaceWrite',
  'users:read': 'usersRead',
  'users:write': 'usersWrite',
  'audit:read': 'auditRead',
  'mailbox:read': 'mailboxRead',
} as const;

const FIELDS = ['name', 'scopes'] as const;

export function ApiKeysTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const notifyError = useNotifyError();
  const [creating, create] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);

  const createButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="api-key-create">
      {t('settings.apiKeys.create')}
    </Button>
  );

  return (
    <Card p={0}>
      <CardHeader
        title={t('settings.apiKeys.title')}
        text={t('settings.apiKeys.text')}
        p="lg"
        action={keys.data && keys.data.data.length > 0 && createButton}
      />

      {keys.isPending ? (
        <Stack p="lg" pt={0}>
          <Skeleton h={18} />
          <Skeleton h={18} w="70%" />
        </Stack>
      ) : keys.isError ? (
        <Stack p="lg" pt={0}>
          <ErrorState compact error={keys.error} onRetry={() => void keys.refetch()} />
        </Stack>
      ) : keys.data.data.length === 0 ? (
        <Stack p="lg" pt={0}>
          <EmptyBlock
            icon={<IconKey size={28} />}
            title={t('settings.apiKeys.emptyTitle')}
            text={t('settings.apiKeys.emptyText')}
            action={createButton}
          />
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table data-testid="api-keys-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('settings.apiKeys.name')}</Table.Th>
                <Table.Th>{t('settings.apiKeys.scopes')}</Table.Th>
                <Table.Th>{t('settings.apiKeys.createdAt')}</Table.Th>
                <Table.Th>{t('settings.apiKeys.lastUsed')}</Table.Th>
                <Table.Th>{t('settings.apiKeys.status')}</Table.Th>
                <Table.Th pr="lg" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.data.map((key) => (
                <Table.Tr key={key.id} opacity={key.revokedAt ? 0.6 : 1}>
                  <Table.Td pl="lg">
                    <Text size="sm" fw={600}>
                      {key.name}
                    </Text>
                    <Code fz="xs">{key.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} maw={300}>
                      {key.scopes.map((scope) => (
                        <Badge key={scope} size="sm" variant="light" color={scope === '*' ? 'orange' : 'gray'} tt="none" radius="sm">
                          {scope}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.date(key.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={key.lastUsedAt ? undefined : 'dimmed'}>
                      {key.lastUsedAt ? format.relative(key.lastUsedAt) : t('settings.apiKeys.never')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={key.revokedAt ? 'gray' : 'green'} tt="none" radius="sm">
                      {key.revokedAt ? t('status.revoked') : t('status.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td pr="lg" ta="right">
                    {!key.revokedAt && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(key)}>
                        {t('settings.apiKeys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <CreateKeyModal
        opened={creating}
        onClose={create.close}
        onCreated={(key) => {
          create.close();
          setCreated(key);
        }}
      />

      <Modal opened={created !== null} onClose={() => setCreated(null)} title={t('settings.apiKeys.keyTitle')} size="lg" closeOnClickOutside={false}>
        {created && (
          <Stack gap="md">
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
              {t('settings.apiKeys.keyText')}
            </Alert>
            <Group gap="sm" wrap="nowrap" align="stretch">
              <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} fz="sm" data-testid="api-key-secret">
                {created.key}
              </Code>
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <Button
                    color={copied ? 'green' : undefined}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    onClick={copy}
                    h="auto"
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCreated(null)}>
                {t('settings.apiKeys.keyDone')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('settings.apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        text={t('settings.apiKeys.revokeText')}
        confirmLabel={t('settings.apiKeys.revoke')}
        loading={revoke.isPending}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('settings.apiKeys.revoked', { name: revoking.name }) });
              setRevoking(null);
            },
            onError: notifyError,
          })
        }
      />
    </Card>
  );
}

function CreateKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: ApiKey & { key: string }) => void;
}) {
  const { t } = useTranslation();
  const createKey = useCreateApiKey();
  const form = useForm({
    initialValues: { name: '', scopes: [] as string[] },
    validate: {
      name: isNotEmpty(t('common.required')),
      scopes: (v) => (v.length === 0 ? t('settings.apiKeys.scopesRequired') : null),
    },
  });
  const close = () => {
    onClose();
    createKey.reset();
    form.reset();
  };
  const generalError = formError(createKey.error, fieldErrors(createKey.error, FIELDS));
  const scopeOptions = Object.entries(API_SCOPES).map(([value, key]) => ({
    value,
    label: t(`settings.apiKeys.scopeLabels.${key}`),
  }));

  return (
    <Modal opened={opened} onClose={close} title={t('settings.apiKeys.createTitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          createKey.mutate(
            { name: values.name.trim(), scopes: values.scopes },
            {
              onSuccess: (key) => {
                createKey.reset();
                form.reset();
                onCreated(key);
              },
              onError: (error) => form.setErrors(fieldErrors(error, FIELDS)),
            },
          ),
        )}
      >
        <Stack gap="md">
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          <TextInput
            label={t('settings.apiKeys.name')}
            placeholder={t('settings.apiKeys.namePlaceholder')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <MultiSelect
            label={t('settings.apiKeys.scopes')}
            description={t('settings.apiKeys.scopesHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            data={scopeOptions}
            required
            searchable
            hidePickedOptions
            {...form.getInputProps('scopes')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={createKey.isPending} leftSection={<IconKey size={16} />}>
              {t('settings.apiKeys.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
