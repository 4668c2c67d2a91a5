// The side-by-side duplicate comparison: the registration as submitted on the left, one candidate
// of its duplicate check (an account, an open opportunity or another registration) on the right,
// field by field, with equal fields marked; above, every candidate with its score and why it matched.
import {
  Alert,
  Badge,
  Box,
  Card,
  Group,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconBriefcase,
  IconBuildingSkyscraper,
  IconCircleCheck,
  IconClipboardCheck,
  IconEqual,
  IconEqualNot,
  IconExternalLink,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../shared/duplicates.ts';
import type { Registration } from '../../../shared/registrations.ts';
import { CardHeader } from '../../components/CardHeader.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useDay, useMoney } from '../crm/list.tsx';
import { StageBadge } from '../opportunities/StageBadge.tsx';
import { StatusBadge, useMatchReasonText, VerdictBadge } from './parts.tsx';
import { type CandidateRecord, useCandidate, useRelatedRegistrations } from './registration-queries.ts';

const KIND_ICONS = { account: IconBuildingSkyscraper, opportunity: IconBriefcase, registration: IconClipboardCheck } as const;

/** How a field of the submission compares with the candidate's. */
type Match = 'same' | 'similar' | 'different' | 'none';

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
const emailDomain = (email: string | null | undefined) => (email?.includes('@') ? email.split('@')[1]?.toLowerCase() : null);

function compare(a: string | null | undefined, b: string | null | undefined | string[], similar = false): Match {
  const left = norm(a);
  const rights = (Array.isArray(b) ? b : [b]).map(norm).filter(Boolean);
  if (!left || rights.length === 0) return 'none';
  if (rights.includes(left)) return 'same';
  return similar ? 'similar' : 'different';
}

export function DuplicateComparison({ r }: { r: Registration }) {
  const { t } = useTranslation();
  const candidates = r.duplicateCheck.candidates;
  const [selected, setSelected] = useState(0);
  const current = candidates[Math.min(selected, candidates.length - 1)];
  // Registrations by number and partner, so two claims on one company can be told apart.
  const related = useRelatedRegistrations(candidates.filter((c) => c.kind === 'registration').map((c) => c.id));
  return (
    <Card data-testid="duplicate-comparison">
      <CardHeader
        title={t('registrations.compare.title')}
        text={t('registrations.compare.text')}
        action={<VerdictBadge verdict={r.duplicateCheck.verdict} size="lg" />}
        mb="md"
      />
      {candidates.length === 0 ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="duplicate-none">
          {t('registrations.compare.none')}
        </Alert>
      ) : (
        <Stack gap="md">
          <Group gap="sm" wrap="wrap" align="stretch" role="tablist" aria-label={t('registrations.compare.candidates')}>
            {candidates.map((c, i) => (
              <CandidateChip
                key={`${c.kind}-${c.id}`}
                c={c}
                number={related.numbers.get(c.id) ?? null}
                partners={related.partners}
                active={c === current}
                onClick={() => setSelected(i)}
              />
            ))}
          </Group>
          {current && <CandidateComparison key={`${current.kind}-${current.id}`} r={r} c={current} />}
        </Stack>
      )}
    </Card>
  );
}

function ScoreBar({ score }: { score: number }) {
  const format = useFormat();
  const pct = Math.round(score * 100);
  return (
    <Group gap={6} wrap="nowrap">
      <Progress value={pct} color={pct >= 90 ? 'red' : pct >= 75 ? 'orange' : 'yellow'} size="sm" w={64} aria-hidden />
      <Text size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {format.number(pct)} %
      </Text>
    </Group>
  );
}

function CandidateChip({
  c,
  number,
  partners,
  active,
  onClick,
}: {
  c: DuplicateCandidate;
  number: string | null;
  partners: ReadonlyMap<string, string>;
  active: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  const Icon = KIND_ICONS[c.kind];
  return (
    <UnstyledButton
      onClick={onClick}
      role="tab"
      aria-selected={active}
      data-testid={`duplicate-candidate-${c.kind}`}
      style={{ flex: '1 1 220px', maxWidth: 320 }}
    >
      <Paper
        withBorder
        p="sm"
        radius="md"
        h="100%"
        style={{
          borderColor: active ? 'var(--mantine-primary-color-filled)' : undefined,
          boxShadow: active ? '0 0 0 1px var(--mantine-primary-color-filled)' : undefined,
          background: active ? 'var(--mantine-primary-color-light)' : undefined,
        }}
      >
        <Group gap="xs" wrap="nowrap" mb={6}>
          <ThemeIcon size={24} variant="light" radius="sm">
            <Icon size={15} />
          </ThemeIcon>
          <Text size="xs" c={active ? 'brand.9' : 'dimmed'} tt="uppercase" fw={600}>
            {t(`registrations.compare.kinds.${c.kind}`)}
          </Text>
        </Group>
        <Text size="sm" fw={600} lineClamp={2}>
          {c.name}
        </Text>
        {number && (
          <Text size="xs" c={active ? 'brand.9' : 'dimmed'} truncate="end">
            {number} · {partners.get(number)}
          </Text>
        )}
        <Box mt={6}>
          <ScoreBar score={c.score} />
        </Box>
      </Paper>
    </UnstyledButton>
  );
}

const MATCH_STYLE: Record<Match, { bg?: string; icon: ReactNode }> = {
  same: { bg: 'var(--mantine-color-green-light)', icon: <IconEqual size={16} color="var(--mantine-color-green-7)" /> },
  similar: { bg: 'var(--mantine-color-yellow-light)', icon: <IconEqual size={16} color="var(--mantine-color-yellow-8)" /> },
  different: { icon: <IconEqualNot size={16} color="var(--mantine-color-gray-5)" /> },
  none: { icon: null },
};

type Row = { key: string; label: string; left: ReactNode; right: ReactNode; match: Match };

function CandidateComparison({ r, c }: { r: Registration; c: DuplicateCandidate }) {
  const { t } = useTranslation();
  const reasonText = useMatchReasonText();
  const candidate = useCandidate(c.kind, c.id);
  // An opportunity's domains are its account's.
  const oppAccountId = candidate.data?.kind === 'opportunity' ? candidate.data.record.accountId : null;
  const oppAccount = useCandidate('account', oppAccountId ?? '', Boolean(oppAccountId));
  const rows = useRows(r, c, candidate.data, oppAccountId ? oppAccount.data : undefined);

  return (
    <Stack gap="sm">
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {t('registrations.compare.why')}
        </Text>
        {c.reasons.map((reason) => (
          <Badge key={`${reason.code}-${reason.text}`} variant="light" color="gray" radius="sm" tt="none" fw={500} data-testid="duplicate-reason">
            {reasonText(reason)}
          </Badge>
        ))}
      </Group>
      {candidate.isError ? (
        <ErrorState compact error={candidate.error} onRetry={() => void candidate.refetch()} />
      ) : candidate.isPending ? (
        <Skeleton h={260} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder withColumnBorders verticalSpacing={8} layout="fixed">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th w={170}>{t('registrations.compare.field')}</Table.Th>
                <Table.Th>{t('registrations.compare.submission', { number: r.number })}</Table.Th>
                <Table.Th w={36}>
                  <VisuallyHidden>{t('registrations.compare.match')}</VisuallyHidden>
                </Table.Th>
                <Table.Th>
                  <CandidateTitle c={c} />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key} data-match={row.match}>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {row.label}
                    </Text>
                  </Table.Td>
                  <Table.Td bg={MATCH_STYLE[row.match].bg}>{row.left}</Table.Td>
                  <Table.Td ta="center" px={4}>
                    {MATCH_STYLE[row.match].icon && (
                      <Tooltip label={t(`registrations.compare.matches.${row.match}`)}>
                        <Center>{MATCH_STYLE[row.match].icon}</Center>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td bg={MATCH_STYLE[row.match].bg}>{row.right}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Center({ children }: { children: ReactNode }) {
  return <span style={{ display: 'inline-flex', verticalAlign: 'middle' }}>{children}</span>;
}

function CandidateTitle({ c }: { c: DuplicateCandidate }) {
  const { t } = useTranslation();
  const label = t(`registrations.compare.kinds.${c.kind}`);
  const link =
    c.kind === 'account'
      ? ({ to: '/app/accounts/$accountId', params: { accountId: c.id } } as const)
      : c.kind === 'opportunity'
        ? ({ to: '/app/opportunities/$opportunityId', params: { opportunityId: c.id } } as const)
        : ({ to: '/app/registrations/$registrationId', params: { registrationId: c.id } } as const);
  return (
    <Group gap={6} wrap="nowrap" justify="space-between">
      <Text size="sm" fw={600} truncate="end">
        {label}
      </Text>
      <AnchorLink {...link} size="xs" c="brand.8" data-testid="duplicate-candidate-open">
        <Group gap={2} wrap="nowrap">
          {t('registrations.compare.open')}
          <IconExternalLink size={12} />
        </Group>
      </AnchorLink>
    </Group>
  );
}

const plain = (v: ReactNode, none: string) => (
  <Text size="sm" c={v === null || v === undefined || v === '' ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
    {v === null || v === undefined || v === '' ? none : v}
  </Text>
);

/** The compared fields of the submission and the candidate. */
function useRows(r: Registration, c: DuplicateCandidate, data: CandidateRecord | undefined, oppAccount: CandidateRecord | undefined): Row[] {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useDay();
  const format = useFormat();
  if (!data) return [];
  const none = t('common.none');
  const nameSimilar = c.reasons.some(
    (x) => x.code.startsWith('name') || x.code.startsWith('token') || ['acronym', 'abbreviation', 'word_order', 'words_joined'].includes(x.code),
  );
  const mail = emailDomain(r.contact.email);
  const motion = (m: string | null | undefined) => (m ? t(`crm.opportunities.motions.${m}` as never) : null);
  const rows: Row[] = [];
  const add = (key: string, label: string, left: ReactNode, right: ReactNode, match: Match) => rows.push({ key, label, left, right, match });

  if (data.kind === 'account') {
    const a = data.record;
    add('company', t('registrations.fields.company'), plain(r.company.name, none), plain(a.name, none), compare(r.company.name, a.name, nameSimilar));
    add(
      'domain',
      t('registrations.fields.domain'),
      plain(r.company.domain, none),
      plain(a.domains.join(', '), none),
      compare(r.company.domain, a.domains),
    );
    add('emailDomain', t('registrations.compare.emailDomain'), plain(mail, none), plain(a.domains.join(', '), none), compare(mail, a.domains));
    add(
      'status',
      t('registrations.compare.customerStatus'),
      plain(null, none),
      plain(t(`crm.accounts.statuses.${a.customerStatus}` as never), none),
      'none',
    );
    add('country', t('registrations.compare.country'), plain(null, none), plain(a.country, none), 'none');
    add('since', t('registrations.compare.since'), plain(format.date(r.createdAt), none), plain(format.date(a.createdAt), none), 'none');
  } else if (data.kind === 'opportunity') {
    const o = data.record;
    const domains = oppAccount?.kind === 'account' ? oppAccount.record.domains : [];
    add(
      'company',
      t('registrations.fields.company'),
      plain(r.company.name, none),
      plain(o.account.name, none),
      compare(r.company.name, o.account.name, nameSimilar),
    );
    add(
      'domain',
      t('registrations.fields.domain'),
      plain(r.company.domain, none),
      plain(domains.join(', '), none),
      compare(r.company.domain, domains),
    );
    add('emailDomain', t('registrations.compare.emailDomain'), plain(mail, none), plain(domains.join(', '), none), compare(mail, domains));
    add(
      'partner',
      t('registrations.fields.partner'),
      plain(r.partner.name, none),
      plain(o.partners.map((p) => p.partnerName).join(', ') || t('registrations.compare.direct'), none),
      compare(
        r.partner.name,
        o.partners.map((p) => p.partnerName),
      ),
    );
    add('motion', t('registrations.fields.motion'), plain(motion(r.motion), none), plain(motion(o.motion), none), compare(r.motion, o.motion));
    add('amount', t('registrations.fields.amount'), plain(money.format(r.amount), none), plain(money.format(o.amount), none), 'none');
    add(
      'close',
      t('registrations.fields.expectedCloseDate'),
      plain(r.expectedCloseDate ? day(r.expectedCloseDate) : null, none),
      plain(day(o.closeDate), none),
      'none',
    );
    add('stage', t('registrations.compare.statusOrStage'), <StatusBadge status={r.status} />, <StageBadge stage={o.stage} />, 'none');
  } else {
    const o = data.record;
    add(
      'company',
      t('registrations.fields.company'),
      plain(r.company.name, none),
      plain(o.company.name, none),
      compare(r.company.name, o.company.name, nameSimilar),
    );
    add(
      'domain',
      t('registrations.fields.domain'),
      plain(r.company.domain, none),
      plain(o.company.domain, none),
      compare(r.company.domain, o.company.domain),
    );
    add(
      'contact',
      t('registrations.fields.contactEmail'),
      plain(r.contact.email, none),
      plain(o.contact.email, none),
      compare(mail, emailDomain(o.contact.email)),
    );
    add('partner', t('registrations.fields.partner'), plain(r.partner.name, none), plain(o.partner.name, none), compare(r.partner.id, o.partner.id));
    add('motion', t('registrations.fields.motion'), plain(motion(r.motion), none), plain(motion(o.motion), none), compare(r.motion, o.motion));
    add('amount', t('registrations.fields.amount'), plain(money.format(r.amount), none), plain(money.format(o.amount), none), 'none');
    add(
      'close',
      t('registrations.fields.expectedCloseDate'),
      plain(r.expectedCloseDate ? day(r.expectedCloseDate) : null, none),
      plain(o.expectedCloseDate ? day(o.expectedCloseDate) : null, none),
      'none',
    );
    add('status', t('registrations.compare.statusOrStage'), <StatusBadge status={r.status} />, <StatusBadge status={o.status} />, 'none');
    add(
      'submitted',
      t('registrations.fields.submittedAt'),
      plain(format.dateTime(r.createdAt), none),
      plain(format.dateTime(o.createdAt), none),
      'none',
    );
    add('number', t('registrations.fields.number'), plain(r.number, none), plain(o.number, none), 'none');
  }
  return rows;
}
