// The people of a partner organisation as a table: name and email, role (a select for those who
// may change it), status, and deactivate (with a confirmation: sessions end at once) or reactivate.
// Staff use it on the partner page, partner admins on the portal's team page.
import { ActionIcon, Badge, Button, Group, Select, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_USER_ROLES } from '../../shared/workspace.ts';
import type { PartnerUserRole, Person } from '../lib/api-types.ts';
import { useFormat } from '../lib/format.ts';
import { ConfirmModal } from './ConfirmModal.tsx';
import { UserStatusBadge } from './UserStatusBadge.tsx';

type Row = Person<PartnerUserRole> & { createdAt?: string };

/** The table; `onChange` (absent: read-only) changes a role or a status, resolving true once saved (it reports its own errors). */
export function PartnerPeopleTable({
  people,
  selfId,
  onChange,
  saving,
  testId,
  compact = false,
}: {
  people: Row[];
  selfId?: string;
  onChange?: (person: Row, patch: { role?: PartnerUserRole; status?: 'active' | 'deactivated' }) => Promise<boolean>;
  saving?: boolean;
  testId: string;
  /** A narrow card: no "since" column, icon buttons for the actions. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [deactivating, setDeactivating] = useState<Row | null>(null);
  const withSince = !compact && people.some((p) => p.createdAt);
  return (
    <>
      <Table.ScrollContainer minWidth={compact ? 460 : 620}>
        <Table data-testid={testId} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('portalPages.team.name')}</Table.Th>
              <Table.Th w={compact ? 160 : 200}>{t('portalPages.team.role')}</Table.Th>
              <Table.Th w={110}>{t('portalPages.team.status')}</Table.Th>
              {withSince && <Table.Th>{t('portalPages.team.since')}</Table.Th>}
              {onChange && (
                <Table.Th ta="right" w={compact ? 48 : undefined}>
                  {compact ? <VisuallyHidden>{t('portalPages.people.actions')}</VisuallyHidden> : t('portalPages.people.actions')}
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((person) => {
              const self = person.id === selfId;
              const manage = onChange && !self;
              return (
                <Table.Tr key={person.id} data-testid="person-row" data-email={person.email}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {person.name}
                      </Text>
                      {self && (
                        <Badge size="xs" variant="light" tt="none">
                          {t('portalPages.team.you')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {person.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {manage && person.status !== 'deactivated' ? (
                      <Select
                        size="xs"
                        w={compact ? 150 : 180}
                        aria-label={t('portalPages.people.roleOf', { name: person.name })}
                        data={PARTNER_USER_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
                        value={person.role}
                        allowDeselect={false}
                        disabled={saving}
                        onChange={(v) => v && v !== person.role && void onChange(person, { role: v as PartnerUserRole })}
                        data-testid="person-role"
                      />
                    ) : (
                      <Text size="sm">{t(`roles.${person.role}`)}</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <UserStatusBadge status={person.status} />
                  </Table.Td>
                  {withSince && (
                    <Table.Td>
                      <Text size="sm">{format.date(person.createdAt)}</Text>
                    </Table.Td>
                  )}
                  {onChange && (
                    <Table.Td ta="right">
                      {manage && compact ? (
                        <Tooltip label={t(person.status === 'deactivated' ? 'portalPages.people.reactivate' : 'portalPages.people.deactivate')}>
                          <ActionIcon
                            variant="subtle"
                            color={person.status === 'deactivated' ? 'gray' : 'red'}
                            aria-label={`${t(person.status === 'deactivated' ? 'portalPages.people.reactivate' : 'portalPages.people.deactivate')}: ${person.name}`}
                            onClick={() => (person.status === 'deactivated' ? void onChange(person, { status: 'active' }) : setDeactivating(person))}
                            data-testid={person.status === 'deactivated' ? 'person-reactivate' : 'person-deactivate'}
                          >
                            {person.status === 'deactivated' ? <IconUserCheck size={16} /> : <IconUserOff size={16} />}
                          </ActionIcon>
                        </Tooltip>
                      ) : (
                        manage &&
                        (person.status === 'deactivated' ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            leftSection={<IconUserCheck size={14} />}
                            onClick={() => void onChange(person, { status: 'active' })}
                            data-testid="person-reactivate"
                          >
                            {t('portalPages.people.reactivate')}
                          </Button>
                        ) : (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconUserOff size={14} />}
                            onClick={() => setDeactivating(person)}
                            data-testid="person-deactivate"
                          >
                            {t('portalPages.people.deactivate')}
                          </Button>
                        ))
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={t('portalPages.people.deactivateTitle', { name: deactivating?.name ?? '' })}
        text={t('portalPages.people.deactivateText')}
        confirmLabel={t('portalPages.people.deactivate')}
        loading={saving}
        onConfirm={() => {
          if (deactivating && onChange) void onChange(deactivating, { status: 'deactivated' }).then((ok) => ok && setDeactivating(null));
        }}
      />
    </>
  );
}
