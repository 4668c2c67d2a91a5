// A partner's no-login registration links (REG-1 b): the list with use and expiry, create one (its
// URL is shown once, with a copy button), revoke one after a confirmation.
import {
  Alert,
  Badge,
  Button,
  Card,
  Chip,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconExternalLink, IconLink, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardHeader } from '../../components/CardHeader.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/forms.tsx';
import { EmptyBlock, ErrorState } from '../../components/states.tsx';
import { api, fieldErrors, formError } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useNotifyError } from '../../lib/notify.ts';

export type RegistrationLink = {
  id: string;
  partnerId: string;
  url?: string;
  label: string | null;
  expiresAt: string;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
  useCount: number;
  lastUsedAt: string | null;
  createdAt: string;
};

const linksKey = (partnerId: string) => ['partners', 'one', partnerId, 'registration-links'] as const;
const FIELDS = ['label', 'expiresInDays'] as const;
const STATUS_COLOR = { active: 'green', expired: 'orange', revoked: 'gray' } as const;
const PRESET_DAYS = [7, 30, 90] as const;

function useRegistrationLinks(partnerId: string) {
  return useQuery({
    queryKey: linksKey(partnerId),
    queryFn: ({ signal }) => api<{ data: RegistrationLink[] }>(`/api/v1/partners/${partnerId}/registration-links`, { signal }),
  });
}

function useCreateLink(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { label?: string; expiresInDays: number }) =>
      api<RegistrationLink>(`/api/v1/partners/${partnerId}/registration-links`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(partnerId) }),
  });
}

function useRevokeLink(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/registration-links/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(partnerId) }),
  });
}

/** The registration links card of a partner's page; `canManage` shows create and revoke. */
export function RegistrationLinksCard({ partnerId, canManage }: { partnerId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const links = useRegistrationLinks(partnerId);
  const revoke = useRevokeLink(partnerId);
  const notifyError = useNotifyError();
  const [creating, create] = useDisclosure(false);
  const [created, setCreated] = useState<RegistrationLink | null>(null);
  const [revoking, setRevoking] = useState<RegistrationLink | null>(null);

  const createButton = canManage ? (
    <Button variant="light" leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="registration-link-create">
      {t('program.links.create')}
    </Button>
  ) : null;
  const list = links.data?.data ?? [];
  const nameOf = (link: RegistrationLink) => link.label || t('program.links.unnamed');

  return (
    <Card p={0} mt="lg" data-testid="registration-links-card">
      <CardHeader title={t('program.links.title')} text={t('program.links.text')} p="lg" action={list.length > 0 && createButton} />

      {links.isPending ? (
        <Stack p="lg" pt={0} gap="sm">
          <Skeleton h={18} />
          <Skeleton h={18} w="60%" />
        </Stack>
      ) : links.isError ? (
        <Stack p="lg" pt={0}>
          <ErrorState compact error={links.error} onRetry={() => void links.refetch()} />
        </Stack>
      ) : list.length === 0 ? (
        <Stack p="lg" pt={0}>
          <EmptyBlock icon={<IconLink size={26} />} title={t('program.links.emptyTitle')} text={t('program.links.emptyText')} action={createButton} />
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="registration-links-table" verticalSpacing="sm">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th pl="lg">{t('program.links.label')}</Table.Th>
                <Table.Th>{t('program.links.status')}</Table.Th>
                <Table.Th>{t('program.links.expires')}</Table.Th>
                <Table.Th ta="right">{t('program.links.uses')}</Table.Th>
                <Table.Th>{t('program.links.lastUsed')}</Table.Th>
                <Table.Th pr="lg" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((link) => (
                <Table.Tr key={link.id} opacity={link.status === 'active' ? 1 : 0.6} data-testid="registration-link-row">
                  <Table.Td pl="lg">
                    <Text size="sm" fw={600} c={link.label ? undefined : 'dimmed'}>
                      {nameOf(link)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('program.links.createdOn', { date: format.date(link.createdAt) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[link.status]} tt="none" radius="sm">
                      {t(`program.links.statuses.${link.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={format.dateTime(link.revokedAt ?? link.expiresAt)} withArrow>
                      <Text size="sm" span>
                        {link.status === 'revoked'
                          ? t('program.links.revokedOn', { date: format.date(link.revokedAt) })
                          : link.status === 'expired'
                            ? t('program.links.expiredOn', { date: format.date(link.expiresAt) })
                            : format.date(link.expiresAt)}
                      </Text>
                    </Tooltip>
                    {link.status === 'active' && (
                      <Text size="xs" c="dimmed">
                        {t('program.links.daysLeft', { count: Math.max(1, Math.ceil((Date.parse(link.expiresAt) - Date.now()) / 86_400_000)) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600}>
                      {format.number(link.useCount)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={link.lastUsedAt ? undefined : 'dimmed'}>
                      {link.lastUsedAt ? format.relative(link.lastUsedAt) : t('program.links.never')}
                    </Text>
                  </Table.Td>
                  <Table.Td pr="lg" ta="right">
                    {canManage && link.status === 'active' && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(link)} data-testid="registration-link-revoke">
                        {t('program.links.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <CreateLinkModal
        partnerId={partnerId}
        opened={creating}
        onClose={create.close}
        onCreated={(link) => {
          create.close();
          setCreated(link);
        }}
      />

      <Modal opened={created !== null} onClose={() => setCreated(null)} title={t('program.links.createdTitle')} size="lg" closeOnClickOutside={false}>
        {created?.url && (
          <Stack gap="md">
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
              {t('program.links.createdText')}
            </Alert>
            <Group gap="sm" wrap="nowrap" align="stretch">
              <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} fz="sm" data-testid="registration-link-url">
                {created.url}
              </Code>
              <CopyButton value={created.url}>
                {({ copied, copy }) => (
                  <Button
                    color={copied ? 'green' : undefined}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    onClick={copy}
                    h="auto"
                    data-testid="registration-link-copy"
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm" c="dimmed" data-testid="registration-link-expiry">
              {t('program.links.expiresOn', { date: format.dateTime(created.expiresAt) })}
            </Text>
            <Group justify="space-between">
              <Button
                component="a"
                href={created.url}
                target="_blank"
                rel="noopener noreferrer"
                variant="subtle"
                leftSection={<IconExternalLink size={16} />}
              >
                {t('program.links.open')}
              </Button>
              <Button variant="default" onClick={() => setCreated(null)}>
                {t('program.links.done')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('program.links.revokeTitle', { name: revoking ? nameOf(revoking) : '' })}
        text={t('program.links.revokeText')}
        confirmLabel={t('program.links.revoke')}
        loading={revoke.isPending}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('program.links.revoked', { name: nameOf(revoking) }) });
              setRevoking(null);
            },
            onError: notifyError,
          })
        }
      />
    </Card>
  );
}

function CreateLinkModal({
  partnerId,
  opened,
  onClose,
  onCreated,
}: {
  partnerId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (link: RegistrationLink) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const createLink = useCreateLink(partnerId);
  const form = useForm({
    initialValues: { label: '', expiresInDays: 30 as number | string },
    validate: {
      expiresInDays: (v) => (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 365 ? t('program.links.daysInvalid') : null),
    },
  });
  const close = () => {
    onClose();
    createLink.reset();
    form.reset();
  };
  const generalError = formError(createLink.error, fieldErrors(createLink.error, FIELDS));
  const days = typeof form.values.expiresInDays === 'number' ? form.values.expiresInDays : null;
  const until = days && days >= 1 && days <= 365 ? new Date(Date.now() + days * 86_400_000) : null;

  return (
    <Modal opened={opened} onClose={close} title={t('program.links.createTitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          createLink.mutate(
            { label: values.label.trim() || undefined, expiresInDays: Number(values.expiresInDays) },
            {
              onSuccess: (link) => {
                createLink.reset();
                form.reset();
                onCreated(link);
              },
              onError: (error) => form.setErrors(fieldErrors(error, FIELDS)),
            },
          ),
        )}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('program.links.createText')}
          </Text>
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          <TextInput
            label={t('program.links.label')}
            description={t('program.links.labelHint')}
            placeholder={t('program.links.labelPlaceholder')}
            maxLength={200}
            data-autofocus
            data-testid="registration-link-label"
            {...form.getInputProps('label')}
          />
          <div>
            <NumberInput
              label={t('program.links.validFor')}
              description={until ? t('program.links.validUntil', { date: format.date(until) }) : t('program.links.validForHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              min={1}
              max={365}
              allowDecimal={false}
              suffix={` ${t('program.links.daysSuffix')}`}
              data-testid="registration-link-days"
              {...form.getInputProps('expiresInDays')}
            />
            <Group gap={6} mt="xs">
              {PRESET_DAYS.map((d) => (
                <Chip key={d} size="xs" checked={days === d} onChange={() => form.setFieldValue('expiresInDays', d)} variant="light">
                  {t('program.links.days', { count: d })}
                </Chip>
              ))}
            </Group>
          </div>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={createLink.isPending} data-testid="registration-link-submit">
              {t('program.links.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
