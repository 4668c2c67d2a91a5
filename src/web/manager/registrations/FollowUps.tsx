// What a partner asks after a decision: appeals of a rejection (uphold: the registration is approved;
// deny) and extension requests of a protection (approve with days; refuse), each with its evidence
// files, its SLA and, for those who may decide, the decision.
import { Anchor, Badge, Button, Card, Divider, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconGavel, IconHourglassHigh, IconPaperclip, IconX } from '@tabler/icons-react';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registration } from '../../../shared/registrations.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { fieldErrors } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { useProgramSettings } from '../settings/program/program-queries.ts';
import { ActionModal } from './ActionModal.tsx';
import { type RegistrationActions, useRegistrationActions } from './registration-queries.ts';

type Appeal = Registration['appeals'][number];
type Extension = Registration['extensionRequests'][number];
type File = Appeal['attachments'][number];

const APPEAL_COLORS = { open: 'orange', upheld: 'green', denied: 'red' } as const;
const EXTENSION_COLORS = { pending: 'orange', approved: 'green', refused: 'red' } as const;

/** Evidence files as download links (GET /api/v1/attachments/:id), with their size. */
function Files({ files }: { files: File[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (files.length === 0) return null;
  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? `${format.number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`
      : `${format.number(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return (
    <Stack gap={4} mt={6}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('registrations.followups.evidence')}
      </Text>
      {files.map((f) => (
        <Group key={f.id} gap={6} wrap="nowrap">
          <IconPaperclip size={14} />
          <Anchor href={`/api/v1/attachments/${f.id}`} download={f.fileName} size="sm" data-testid="evidence-file">
            {f.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {size(f.sizeBytes)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The SLA of a follow-up: when it is due, red once overdue. */
function Due({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const overdue = Date.parse(dueAt) < Date.now();
  return (
    <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
      {overdue
        ? t('registrations.followups.overdue', { date: format.dateTime(dueAt) })
        : t('registrations.followups.due', { date: format.dateTime(dueAt) })}
    </Text>
  );
}

/** The head line of an appeal or extension request: its kind, status, when it came and, while open, its deadline. */
function FollowUpHeader({
  icon,
  color,
  status,
  createdAt,
  dueAt,
}: {
  icon: ReactNode;
  color: string;
  status: string;
  createdAt: string;
  dueAt: string | null;
}) {
  const format = useFormat();
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Group gap="xs">
        {icon}
        <Badge variant="light" color={color} radius="sm">
          {status}
        </Badge>
        <Text size="xs" c="dimmed">
          {format.dateTime(createdAt)}
        </Text>
      </Group>
      {dueAt && <Due dueAt={dueAt} />}
    </Group>
  );
}

function Decision({ decidedAt, note }: { decidedAt: string | null; note: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!decidedAt) return null;
  return (
    <Text size="sm" mt={6}>
      <Text span c="dimmed" size="sm">
        {t('registrations.followups.decidedOn', { date: format.dateTime(decidedAt) })}
      </Text>
      {note ? ` — ${note}` : ''}
    </Text>
  );
}

/** A card of follow-ups (appeals, extension requests), newest first, with its dialog as children. */
function FollowUpCard<T extends { id: string }>({
  testId,
  title,
  text,
  items,
  item,
  children,
}: {
  testId: string;
  title: string;
  text: string;
  items: T[];
  item: (x: T) => ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card data-testid={testId}>
      <CardHeader title={title} text={text} mb="sm" />
      <Stack gap="sm">
        {items
          .slice()
          .reverse()
          .map((x, i) => (
            <Fragment key={x.id}>
              {i > 0 && <Divider />}
              {item(x)}
            </Fragment>
          ))}
      </Stack>
      {children}
    </Card>
  );
}

type DecideButton = { label: string; testId: string; onClick: () => void };

/** Granting and refusing an open follow-up. */
function DecideButtons({ accept, refuse }: { accept: DecideButton; refuse: DecideButton }) {
  return (
    <Group gap="sm" mt="sm">
      <Button size="xs" color="teal.9" leftSection={<IconCheck size={14} />} onClick={accept.onClick} data-testid={accept.testId}>
        {accept.label}
      </Button>
      <Button size="xs" variant="light" color="red" leftSection={<IconX size={14} />} onClick={refuse.onClick} data-testid={refuse.testId}>
        {refuse.label}
      </Button>
    </Group>
  );
}

export function AppealsCard({ r }: { r: Registration }) {
  const { t } = useTranslation();
  const actions = useRegistrationActions(r.id);
  const [deciding, setDeciding] = useState<{ appeal: Appeal; decision: 'upheld' | 'denied' } | null>(null);
  if (r.appeals.length === 0) return null;
  return (
    <FollowUpCard
      testId="registration-appeals"
      title={t('registrations.followups.appealsTitle')}
      text={t('registrations.followups.appealsText')}
      items={r.appeals}
      item={(a) => (
        <div data-testid={`appeal-${a.status}`}>
          <FollowUpHeader
            icon={<IconGavel size={16} />}
            color={APPEAL_COLORS[a.status]}
            status={t(`registrations.followups.appealStatuses.${a.status}`)}
            createdAt={a.createdAt}
            dueAt={a.status === 'open' ? a.dueAt : null}
          />
          <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
            {a.reason}
          </Text>
          <Files files={a.attachments} />
          <Decision decidedAt={a.decidedAt} note={a.decisionNote} />
          {a.status === 'open' && r.permissions.decide && (
            <DecideButtons
              accept={{
                label: t('registrations.followups.uphold'),
                testId: 'appeal-uphold',
                onClick: () => setDeciding({ appeal: a, decision: 'upheld' }),
              }}
              refuse={{
                label: t('registrations.followups.deny'),
                testId: 'appeal-deny',
                onClick: () => setDeciding({ appeal: a, decision: 'denied' }),
              }}
            />
          )}
        </div>
      )}
    >
      {deciding && <AppealModal r={r} {...deciding} actions={actions} onClose={() => setDeciding(null)} />}
    </FollowUpCard>
  );
}

function AppealModal({
  r,
  appeal,
  decision,
  actions,
  onClose,
}: {
  r: Registration;
  appeal: Appeal;
  decision: 'upheld' | 'denied';
  actions: RegistrationActions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const program = useProgramSettings();
  const [note, setNote] = useState('');
  const [days, setDays] = useState<number | string>('');
  const uphold = decision === 'upheld';
  const errors = fieldErrors(actions.decideAppeal.error, ['note', 'protectionDays']);
  return (
    <ActionModal
      title={uphold ? t('registrations.followups.upholdTitle', { number: r.number }) : t('registrations.followups.denyTitle', { number: r.number })}
      text={uphold ? t('registrations.followups.upholdText') : t('registrations.followups.denyText')}
      mutation={actions.decideAppeal}
      onClose={onClose}
      confirm={uphold ? t('registrations.followups.uphold') : t('registrations.followups.deny')}
      color={uphold ? 'teal.9' : 'red.9'}
      testId="appeal-confirm"
      submit={() => ({
        appealId: appeal.id,
        decision,
        note: note.trim() || undefined,
        protectionDays: uphold && typeof days === 'number' ? days : undefined,
      })}
    >
      {uphold && (
        <NumberInput
          label={t('registrations.approve.protectionDays')}
          placeholder={String(program.data?.settings.protection.defaultDays ?? 90)}
          description={t('registrations.followups.protectionDefault')}
          min={30}
          max={365}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          error={errors.protectionDays}
        />
      )}
      <Textarea
        label={t('registrations.followups.note')}
        description={t('registrations.followups.noteHint')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
        autosize
        minRows={3}
        maxLength={5000}
        data-testid="appeal-note"
      />
    </ActionModal>
  );
}

export function ExtensionsCard({ r }: { r: Registration }) {
  const { t } = useTranslation();
  const actions = useRegistrationActions(r.id);
  const [deciding, setDeciding] = useState<{ request: Extension; decision: 'approved' | 'refused' } | null>(null);
  if (r.extensionRequests.length === 0) return null;
  return (
    <FollowUpCard
      testId="registration-extensions"
      title={t('registrations.followups.extensionsTitle')}
      text={t('registrations.followups.extensionsText')}
      items={r.extensionRequests}
      item={(e) => (
        <div data-testid={`extension-${e.status}`}>
          <FollowUpHeader
            icon={<IconHourglassHigh size={16} />}
            color={EXTENSION_COLORS[e.status]}
            status={t(`registrations.followups.extensionStatuses.${e.status}`)}
            createdAt={e.createdAt}
            dueAt={e.status === 'pending' ? e.dueAt : null}
          />
          <Text size="sm" fw={500} mt={6}>
            {t(`registrations.evidence.${e.evidenceKind}`)}
            {e.requestedDays ? ` · ${t('registrations.followups.requestedDays', { count: e.requestedDays })}` : ''}
            {e.grantedDays ? ` · ${t('registrations.followups.grantedDays', { count: e.grantedDays })}` : ''}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {e.evidenceText}
          </Text>
          <Files files={e.attachments} />
          <Decision decidedAt={e.decidedAt} note={e.decisionNote} />
          {e.status === 'pending' && r.permissions.decide && (
            <DecideButtons
              accept={{
                label: t('registrations.followups.approveExtension'),
                testId: 'extension-approve',
                onClick: () => setDeciding({ request: e, decision: 'approved' }),
              }}
              refuse={{
                label: t('registrations.followups.refuseExtension'),
                testId: 'extension-refuse',
                onClick: () => setDeciding({ request: e, decision: 'refused' }),
              }}
            />
          )}
        </div>
      )}
    >
      {deciding && <ExtensionModal r={r} {...deciding} actions={actions} onClose={() => setDeciding(null)} />}
    </FollowUpCard>
  );
}

function ExtensionModal({
  r,
  request,
  decision,
  actions,
  onClose,
}: {
  r: Registration;
  request: Extension;
  decision: 'approved' | 'refused';
  actions: RegistrationActions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const program = useProgramSettings();
  const fallback = request.requestedDays ?? program.data?.settings.protection.extension.days ?? 30;
  const [days, setDays] = useState<number | string>(fallback);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const approve = decision === 'approved';
  const errors = fieldErrors(actions.decideExtension.error, ['days', 'note']);
  return (
    <ActionModal
      title={
        approve
          ? t('registrations.followups.approveExtensionTitle', { number: r.number })
          : t('registrations.followups.refuseExtensionTitle', { number: r.number })
      }
      text={approve ? t('registrations.followups.approveExtensionText') : t('registrations.followups.refuseExtensionText')}
      mutation={actions.decideExtension}
      onClose={onClose}
      confirm={approve ? t('registrations.followups.approveExtension') : t('registrations.followups.refuseExtension')}
      color={approve ? 'teal.9' : 'red.9'}
      testId="extension-confirm"
      submit={() => {
        if (approve && typeof days !== 'number') {
          setProblem(t('registrations.followups.daysRequired'));
          return null;
        }
        return { requestId: request.id, decision, days: approve ? (days as number) : undefined, note: note.trim() || undefined };
      }}
    >
      {approve && (
        <NumberInput
          label={t('registrations.followups.extendBy')}
          min={1}
          max={365}
          allowDecimal={false}
          value={days}
          onChange={(v) => {
            setDays(v);
            setProblem(null);
          }}
          error={problem ?? errors.days}
          withAsterisk
          data-testid="extension-days"
        />
      )}
      <Textarea
        label={t('registrations.followups.note')}
        description={t('registrations.followups.noteHint')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
        autosize
        minRows={3}
        maxLength={5000}
        data-testid="extension-note"
      />
    </ActionModal>
  );
}
