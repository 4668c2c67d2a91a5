// The CSV import wizard: upload → column mapping (with the server's suggestions) → preview with
// what is wrong per row → start → progress bar (polling GET /api/v1/imports/:id) → result with the
// rejected rows as a CSV download.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  Radio,
  ScrollArea,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateAction, Import, ImportEntity, ImportMapping, ImportPatch, ImportStart } from '../../../shared/imports.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, api, errorMessage, type Problem } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { crmKeys } from '../crm/crm-queries.ts';

const DONE = new Set(['completed', 'failed', 'cancelled']);

/** POST /api/v1/imports as multipart (the JSON client does not send files). */
async function upload(entity: ImportEntity, file: File, csrf: string): Promise<Import> {
  const body = new FormData();
  body.set('entity', entity);
  body.set('file', file);
  const res = await fetch(`/api/v1/imports?entity=${entity}`, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-CSRF-Token': csrf, 'Accept-Language': document.documentElement.lang || 'en' },
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError({ status: res.status, code: 'http_error', detail: res.statusText, ...(data as Partial<Problem>) });
  return data as Import;
}

export function ImportWizard({ entity, opened, onClose }: { entity: ImportEntity; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`${t('crm.imports.title')} · ${t(`crm.imports.entities.${entity}`)}`}
      size="xl"
      closeOnClickOutside={false}
    >
      {opened && <Wizard entity={entity} onClose={onClose} />}
    </Modal>
  );
}

function Wizard({ entity, onClose }: { entity: ImportEntity; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [imp, setImp] = useState<Import | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [onDuplicate, setOnDuplicate] = useState<DuplicateAction>('skip');

  const uploadFile = useMutation({
    mutationFn: () => upload(entity, file as File, me.csrfToken),
    onSuccess: (result) => {
      setImp(result);
      setMapping(result.mapping ?? result.suggestedMapping);
      setOnDuplicate(result.onDuplicate);
      setStep(1);
    },
  });
  const check = useMutation({
    mutationFn: (patch: ImportPatch) => api<Import>(`/api/v1/imports/${imp?.id}`, { method: 'PATCH', body: patch }),
    onSuccess: (result) => {
      setImp(result);
      setStep(2);
    },
  });
  const start = useMutation({
    mutationFn: (body: ImportStart) => api<Import>(`/api/v1/imports/${imp?.id}/start`, { method: 'POST', body }),
    onSuccess: (result) => {
      setImp(result);
      setStep(3);
    },
  });
  const progress = useQuery({
    queryKey: ['imports', imp?.id],
    queryFn: ({ signal }) => api<Import>(`/api/v1/imports/${imp?.id}`, { signal }),
    enabled: step === 3 && Boolean(imp),
    refetchInterval: (q) => (q.state.data && DONE.has(q.state.data.status) ? false : 1000),
  });
  const current = progress.data ?? imp;

  useEffect(() => {
    if (step === 3 && progress.data && DONE.has(progress.data.status)) {
      setStep(4);
      void queryClient.invalidateQueries({ queryKey: crmKeys.lists(entity) });
      if (progress.data.status === 'completed') notifications.show({ color: 'green', message: t('crm.imports.completed') });
    }
  }, [step, progress.data, queryClient, entity, t]);

  const fieldOptions = [
    { value: '', label: t('crm.imports.ignore') },
    ...(imp?.fields ?? []).map((f) => ({ value: f.key, label: `${f.label}${f.required ? ' *' : ''}` })),
  ];
  const sample = (header: string) => imp?.preview?.find((r) => r.cells[header])?.cells[header] ?? '';
  const missing = (imp?.fields ?? []).filter((f) => f.required && !Object.values(mapping).includes(f.key)).map((f) => f.label);

  return (
    <Stepper active={step} size="sm" allowNextStepsSelect={false} onStepClick={(s) => s < step && step < 3 && setStep(s)}>
      <Stepper.Step label={t('crm.imports.steps.upload')}>
        <Stack mt="md">
          {uploadFile.error && <ErrorAlert>{errorMessage(uploadFile.error, t('errors.generic'))}</ErrorAlert>}
          <FileInput
            label={t('crm.imports.fileLabel')}
            placeholder={t('crm.imports.filePlaceholder')}
            description={t('crm.imports.fileHint')}
            accept=".csv,text/csv"
            leftSection={<IconFileTypeCsv size={18} />}
            value={file}
            onChange={setFile}
            clearable
            data-testid="import-file"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!file} loading={uploadFile.isPending} onClick={() => uploadFile.mutate()} data-testid="import-upload">
              {t('crm.imports.upload')}
            </Button>
          </Group>
        </Stack>
      </Stepper.Step>

      <Stepper.Step label={t('crm.imports.steps.mapping')}>
        {imp && (
          <Stack mt="md">
            <Text size="sm" c="dimmed">
              {imp.fileName} ·{' '}
              {t('crm.imports.detected', {
                rows: imp.progress.total,
                encoding: imp.encoding,
                delimiter: imp.delimiter === '\t' ? 'Tab' : imp.delimiter,
              })}
            </Text>
            {check.error && <ErrorAlert>{errorMessage(check.error, t('errors.generic'))}</ErrorAlert>}
            <ScrollArea.Autosize mah="45vh">
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('crm.imports.column')}</Table.Th>
                    <Table.Th>{t('crm.imports.sample')}</Table.Th>
                    <Table.Th w={240}>{t('crm.imports.field')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {imp.headers.map((h) => (
                    <Table.Tr key={h}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {h}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed" truncate="end" maw={220}>
                          {sample(h) || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          data={fieldOptions}
                          value={mapping[h] ?? ''}
                          onChange={(v) => setMapping({ ...mapping, [h]: v || null })}
                          allowDeselect={false}
                          aria-label={h}
                          comboboxProps={{ withinPortal: true }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            {missing.length > 0 && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
                {t('crm.imports.missing', { fields: missing.join(', ') })}
              </Alert>
            )}
            <Radio.Group label={t('crm.imports.onDuplicate')} value={onDuplicate} onChange={(v) => setOnDuplicate(v as DuplicateAction)}>
              <Group mt={6}>
                <Radio value="skip" label={t('crm.imports.duplicateSkip')} />
                <Radio value="update" label={t('crm.imports.duplicateUpdate')} />
              </Group>
            </Radio.Group>
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(0)}>
                {t('crm.imports.back')}
              </Button>
              <Button
                loading={check.isPending}
                disabled={missing.length > 0}
                onClick={() => check.mutate({ mapping, onDuplicate })}
                data-testid="import-check"
              >
                {t('crm.imports.checkRows')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stepper.Step>

      <Stepper.Step label={t('crm.imports.steps.preview')}>
        {imp && (
          <Stack mt="md">
            {imp.validation && (
              <Text size="sm" fw={600}>
                {t('crm.imports.validationSummary', {
                  checked: imp.validation.checkedRows,
                  create: imp.validation.create,
                  update: imp.validation.update,
                  skip: imp.validation.skip,
                  reject: imp.validation.reject,
                })}
              </Text>
            )}
            {start.error && <ErrorAlert>{errorMessage(start.error, t('errors.generic'))}</ErrorAlert>}
            {imp.validation && imp.validation.rejected.length > 0 ? (
              <ScrollArea.Autosize mah="40vh" data-testid="import-rejected">
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={70}>{t('crm.imports.row')}</Table.Th>
                      <Table.Th>{t('crm.imports.problems')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {imp.validation.rejected.map((r) => (
                      <Table.Tr key={r.row}>
                        <Table.Td>{r.row}</Table.Td>
                        <Table.Td>
                          <Stack gap={2}>
                            {r.issues.map((issue, i) => (
                              // biome-ignore lint/suspicious/noArrayIndexKey: issues of one row have no id
                              <Text key={i} size="xs">
                                {issue.column && <b>{issue.column}: </b>}
                                {issue.value && <code>{issue.value}</code>} {issue.message}
                              </Text>
                            ))}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            ) : (
              <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
                {t('crm.imports.noProblems')}
              </Alert>
            )}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(1)}>
                {t('crm.imports.back')}
              </Button>
              <Button loading={start.isPending} onClick={() => start.mutate({ mapping, onDuplicate })} data-testid="import-start">
                {t('crm.imports.start')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stepper.Step>

      <Stepper.Step label={t('crm.imports.steps.progress')}>
        {current && (
          <Stack mt="md">
            <Text size="sm">{t('crm.imports.running', { processed: current.progress.processed, total: current.progress.total })}</Text>
            <Progress
              value={current.progress.total ? (100 * current.progress.processed) / current.progress.total : 0}
              animated
              striped
              size="lg"
              data-testid="import-progress"
            />
            {progress.error && <ErrorAlert>{errorMessage(progress.error, t('errors.generic'))}</ErrorAlert>}
          </Stack>
        )}
      </Stepper.Step>

      <Stepper.Completed>{current && <Result imp={current} onClose={onClose} />}</Stepper.Completed>
    </Stepper>
  );
}

function Result({ imp, onClose }: { imp: Import; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ok = imp.status === 'completed';
  const p = imp.progress;
  return (
    <Stack mt="md" data-testid="import-result">
      <Alert
        color={ok ? 'teal' : 'red'}
        variant="light"
        icon={ok ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        title={t(`crm.imports.${imp.status === 'cancelled' ? 'cancelled' : ok ? 'completed' : 'failed'}`)}
      >
        <Text size="sm">
          {t('crm.imports.resultSummary', {
            imported: format.number(p.imported),
            updated: format.number(p.updated),
            skipped: format.number(p.skipped),
            rejected: format.number(p.rejected),
          })}
        </Text>
        {imp.error && <Text size="sm">{imp.error}</Text>}
        {imp.report && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('crm.imports.landed', { rows: imp.report.landedRows || '—' })}
          </Text>
        )}
      </Alert>
      {imp.report && imp.report.notLanded.length > 0 && (
        <ScrollArea.Autosize mah="30vh">
          <Table>
            <Table.Tbody>
              {imp.report.notLanded.map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td w={70}>{r.row}</Table.Td>
                  <Table.Td w={90}>
                    <Badge size="xs" color={r.action === 'reject' ? 'red' : 'gray'} variant="light">
                      {r.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{r.reason}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <Group justify="space-between">
        {p.rejected > 0 || p.skipped > 0 ? (
          <Anchor href={imp.report?.rejectedCsv ?? `/api/v1/imports/${imp.id}/rejected.csv`} download size="sm">
            <Group gap={4}>
              <IconDownload size={14} />
              {t('crm.imports.downloadRejected')}
            </Group>
          </Anchor>
        ) : (
          <span />
        )}
        <Button onClick={onClose}>{t('crm.imports.close')}</Button>
      </Group>
    </Stack>
  );
}
