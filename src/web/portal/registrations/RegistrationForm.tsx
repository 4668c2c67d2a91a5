// The register form (deal or lead), shared by the portal and the no-login registration link:
// type and motion, company with the live duplicate hint, contact, amount and expected close, notes;
// a link's form also asks who submits. Required fields show when the workspace's settings are known
// (a link says); otherwise the server's 400 names each missing field, and the form remembers it.
import {
  Box,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSend } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CURRENCIES, CURRENCY_DIGITS } from '../../../shared/money.ts';
import { MOTIONS } from '../../../shared/opportunities.ts';
import type { RegistrationInput } from '../../../shared/registrations.ts';
import { ErrorAlert } from '../../components/forms.tsx';
import { ApiError, errorMessage } from '../../lib/api.ts';
import { type DuplicateCheckFn, DuplicateHint, useDuplicateHint } from './DuplicateHint.tsx';
import {
  EMPTY_VALUES,
  type FormField,
  type FormValues,
  hintInput,
  isKnownOptional,
  placeErrors,
  READABLE_ERRORS,
  type RequiredFields,
  requiredInputs,
  toRegistrationInput,
} from './registration-form.ts';

export type Submitter = { name: string; email: string };

const isEmail = (v: string) => z.email().safeParse(v.trim()).success;

function Section({ title, text, children }: { title: string; text?: string; children: ReactNode }) {
  return (
    <Card p="lg">
      <Title order={2} fz="md" mb={text ? 2 : 'sm'}>
        {title}
      </Title>
      {text && (
        <Text size="sm" c="dimmed" mb="md">
          {text}
        </Text>
      )}
      <Stack gap="md">{children}</Stack>
    </Card>
  );
}

/** The form; `onSubmit` throws the server's error, which the form shows under its inputs. */
export function RegistrationForm({
  required,
  withSubmitter = false,
  hintScope,
  check,
  onSubmit,
  submitting,
  aside,
  footer,
}: {
  required?: RequiredFields;
  withSubmitter?: boolean;
  hintScope: string;
  check: DuplicateCheckFn;
  onSubmit: (input: RegistrationInput, submitter: Submitter | null) => Promise<unknown>;
  submitting: boolean;
  aside?: ReactNode;
  footer?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const de = i18n.language === 'de';
  // Fields the server said the program requires (when the form could not know before), per type and motion.
  const [learned, setLearned] = useState<Record<string, FormField[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<FormValues>({ mode: 'controlled', initialValues: EMPTY_VALUES });
  const v = form.values;
  const needs = requiredInputs(required, v.type, v.motion);
  for (const f of learned[`${v.type}:${v.motion}`] ?? []) needs.add(f);
  const hint = useDuplicateHint(hintScope, hintInput(v.companyName, v.companyDomain, v.contactEmail), check);
  const digits = CURRENCY_DIGITS.get(v.currency) ?? 2;

  const validate = (): boolean => {
    const errors: Partial<Record<FormField, string>> = {};
    for (const f of needs) {
      const value = v[f];
      if (f === 'amount' ? value === '' || value === undefined : String(value).trim() === '') errors[f] = t('portalRegistrations.form.required');
    }
    if (v.contactEmail.trim() && !isEmail(v.contactEmail)) errors.contactEmail = t('portalRegistrations.form.invalidEmail');
    if (withSubmitter) {
      if (!v.submitterName.trim()) errors.submitterName = t('portalRegistrations.form.required');
      if (!isEmail(v.submitterEmail))
        errors.submitterEmail = v.submitterEmail.trim() ? t('portalRegistrations.form.invalidEmail') : t('portalRegistrations.form.required');
    }
    form.setErrors(errors);
    return Object.keys(errors).length === 0;
  };

  // After errors show, the first marked input gets the focus (and scrolls into view).
  const focusFirstError = () => window.setTimeout(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus(), 50);

  const submit = async () => {
    setProblem(null);
    if (!validate()) return void focusFirstError();
    try {
      await onSubmit(toRegistrationInput(v), withSubmitter ? { name: v.submitterName.trim(), email: v.submitterEmail.trim() } : null);
    } catch (error) {
      const placed = placeErrors(error);
      if (placed.length) {
        form.setErrors(Object.fromEntries(placed.map((p) => [p.field, p.required ? t('portalRegistrations.form.requiredByProgram') : p.message])));
        const requiredNow = placed.filter((p) => p.required).map((p) => p.field);
        if (requiredNow.length)
          setLearned((l) => ({ ...l, [`${v.type}:${v.motion}`]: [...new Set([...(l[`${v.type}:${v.motion}`] ?? []), ...requiredNow])] }));
        setProblem(t('portalRegistrations.form.fixFields'));
        focusFirstError();
      } else if (error instanceof ApiError && error.status === 409 && typeof error.extras.registrationNumber === 'string') {
        setProblem(t('portalRegistrations.form.alreadyRegistered', { number: error.extras.registrationNumber }));
      } else setProblem(errorMessage(error, t('errors.generic')));
    }
  };

  const field = (name: FormField) => ({ ...form.getInputProps(name), required: needs.has(name), 'data-testid': `reg-${name}` });
  // "Optional" only where the workspace's settings are known to say so.
  const optional = (name: FormField) =>
    !needs.has(name) && isKnownOptional(required, v.type, v.motion, name) ? t('portalRegistrations.form.optional') : undefined;

  const body = (
    <Stack gap="lg">
      {withSubmitter && (
        <Section title={t('portalRegistrations.form.aboutYou')} text={t('portalRegistrations.form.aboutYouText')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('portalRegistrations.form.submitterName')} autoComplete="name" {...field('submitterName')} required />
            <TextInput label={t('portalRegistrations.form.submitterEmail')} type="email" autoComplete="email" {...field('submitterEmail')} required />
          </SimpleGrid>
        </Section>
      )}
      <Section title={t('portalRegistrations.form.whatTitle')} text={t('portalRegistrations.form.whatText')}>
        <Box>
          <Text component="label" size="sm" fw={500} id="reg-type-label" display="block" mb={4}>
            {t('portalRegistrations.form.type')}
          </Text>
          <SegmentedControl
            aria-labelledby="reg-type-label"
            data={[
              { value: 'deal', label: t('portalRegistrations.types.deal') },
              { value: 'lead', label: t('portalRegistrations.types.lead') },
            ]}
            {...form.getInputProps('type')}
            data-testid="reg-type"
          />
          <Text size="xs" c="dimmed" mt={6}>
            {v.type === 'deal' ? t('portalRegistrations.form.dealHint') : t('portalRegistrations.form.leadHint')}
          </Text>
        </Box>
        <Select
          label={t('portalRegistrations.fields.motion')}
          placeholder={t('portalRegistrations.form.motionPlaceholder')}
          data={MOTIONS.map((m) => ({ value: m, label: t(`crm.opportunities.motions.${m}`) }))}
          allowDeselect={false}
          {...field('motion')}
          value={v.motion || null}
          onChange={(m) => form.setFieldValue('motion', m ?? '')}
        />
      </Section>
      <Section title={t('portalRegistrations.form.companyTitle')} text={t('portalRegistrations.form.companyText')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('portalRegistrations.fields.companyName')}
            placeholder="Müller Maschinenbau GmbH"
            autoComplete="off"
            {...field('companyName')}
          />
          <TextInput
            label={t('portalRegistrations.fields.companyDomain')}
            description={optional('companyDomain')}
            placeholder="mueller-maschinenbau.de"
            autoComplete="off"
            {...field('companyDomain')}
          />
        </SimpleGrid>
        <DuplicateHint result={hint.result} checking={hint.checking} />
      </Section>
      <Section title={t('portalRegistrations.form.contactTitle')} text={t('portalRegistrations.form.contactText')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('portalRegistrations.fields.contactName')}
            description={optional('contactName')}
            autoComplete="off"
            {...field('contactName')}
          />
          <TextInput
            label={t('portalRegistrations.fields.contactEmail')}
            description={optional('contactEmail')}
            type="email"
            autoComplete="off"
            {...field('contactEmail')}
          />
        </SimpleGrid>
      </Section>
      <Section title={t('portalRegistrations.form.opportunityTitle')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <NumberInput
            label={t('portalRegistrations.fields.amount')}
            description={optional('amount')}
            min={0}
            decimalScale={digits}
            decimalSeparator={de ? ',' : '.'}
            thousandSeparator={de ? '.' : ','}
            allowNegative={false}
            {...field('amount')}
          />
          <Select
            label={t('portalRegistrations.fields.currency')}
            description={optional('amount')}
            data={CURRENCIES as string[]}
            searchable
            allowDeselect={false}
            {...form.getInputProps('currency')}
            data-testid="reg-currency"
          />
          <TextInput
            type="date"
            label={t('portalRegistrations.fields.expectedCloseDate')}
            description={optional('expectedCloseDate')}
            {...field('expectedCloseDate')}
          />
        </SimpleGrid>
        <Textarea
          label={t('portalRegistrations.fields.notes')}
          description={
            needs.has('notes')
              ? t('portalRegistrations.form.notesHint')
              : `${t('portalRegistrations.form.notesHint')} (${t('portalRegistrations.form.optional')})`
          }
          autosize
          minRows={3}
          maxRows={10}
          {...field('notes')}
        />
      </Section>
      {problem && (
        <ErrorAlert title={t('portalRegistrations.form.notSent')} data-testid="reg-error">
          {problem}
        </ErrorAlert>
      )}
      <Group justify="space-between" align="center" wrap="wrap" gap="md">
        <Box style={{ flex: 1, minWidth: 240 }}>{footer}</Box>
        <Button type="submit" size="md" loading={submitting} leftSection={<IconSend size={18} />} data-testid="reg-submit">
          {t('portalRegistrations.form.submit')}
        </Button>
      </Group>
    </Stack>
  );

  return (
    <form
      noValidate
      style={READABLE_ERRORS}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {aside ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>{body}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>{aside}</Grid.Col>
        </Grid>
      ) : (
        body
      )}
    </form>
  );
}
