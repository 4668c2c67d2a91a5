// The frame of every CRM record page: loading the record (with its loading, not-found and error
// states), the header with the way back, edit, delete and the page's own actions, the banner of a
// deleted record, and two columns: the record's cards on the left, its timeline on the right.
import { Button, Card, DataList, Grid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type CrmEntity, useCrmRecord } from './crm-queries.ts';
import type { ListPath } from './list.tsx';
import { BackLink, DeleteButton, DeletedBanner, RecordState } from './record.tsx';
import { TimelineCard } from './Timeline.tsx';

const listOf = (entity: CrmEntity) => `/app/${entity}` as ListPath;

function Back({ entity }: { entity: CrmEntity }) {
  const { t } = useTranslation();
  return <BackLink to={listOf(entity)} label={t(`crm.${entity}.title`)} />;
}

/** Loads the record and renders it with `children`, or shows why it cannot. */
export function CrmRecordPage<T>({ entity, id, children }: { entity: CrmEntity; id: string; children: (record: T) => ReactNode }) {
  const query = useCrmRecord<T>(entity, id);
  const state = RecordState({ query, back: <Back entity={entity} />, list: listOf(entity) });
  if (state || !query.data) return state;
  return children(query.data);
}

type Record = { id: string; name: string; deletedAt: string | null };

/**
 * A record page: header (title with test id `<testId>-title`, subtitle, edit as `<testId>-edit`,
 * delete, then `actions`; none of them on a deleted record), the deleted banner, `side` cards on
 * the left and `main` cards above the timeline on the right.
 */
export function RecordLayout({
  entity,
  testId,
  record,
  subtitle,
  onEdit,
  actions,
  side,
  main,
}: {
  entity: CrmEntity;
  testId: string;
  record: Record;
  subtitle?: ReactNode;
  onEdit: () => void;
  actions?: ReactNode;
  side: ReactNode;
  main?: ReactNode;
}) {
  const { t } = useTranslation();
  const deleted = Boolean(record.deletedAt);
  return (
    <>
      <PageHeader
        above={<Back entity={entity} />}
        title={<span data-testid={`${testId}-title`}>{record.name}</span>}
        subtitle={subtitle}
        actions={
          !deleted && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid={`${testId}-edit`}>
                {t('common.edit')}
              </Button>
              <DeleteButton entity={entity} id={record.id} name={record.name} list={listOf(entity)} />
              {actions}
            </>
          )
        }
      />
      {record.deletedAt && <DeletedBanner entity={entity} id={record.id} name={record.name} deletedAt={record.deletedAt} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">{side}</Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {main}
            <TimelineCard entity={entity} id={record.id} canWrite={!deleted} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The details card: a list of `Detail` rows, then `extra` (a description, say). */
export function DetailsCard({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Title order={4} mb="md">
        {t('crm.common.details')}
      </Title>
      <DataList withDivider labelWidth={150} gap="sm">
        {children}
      </DataList>
      {extra}
    </Card>
  );
}

/** One row of the details card; an empty value shows as "—". */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children ?? <Text c="dimmed">{t('common.none')}</Text>}</DataList.ItemValue>
    </DataList.Item>
  );
}
