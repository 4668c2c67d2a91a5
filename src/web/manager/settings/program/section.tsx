// What every card of Settings → Program shares: a form over one section of the program settings,
// its own save (PATCH replaces the section whole), and the server's field errors shown at the field.
import { Badge, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { type FormErrors, type UseFormReturnType, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { ComponentType, ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SaveBar } from '../../../components/forms.tsx';
import { ApiError, errorMessage } from '../../../lib/api.ts';
import { type ProgramAnswer, type ProgramPatch, useUpdateProgram } from './program-queries.ts';

/** The props every section gets: the settings as loaded and whether the reader may change them. */
export type SectionProps = { answer: ProgramAnswer; canEdit: boolean };

/** One server error that found no input to show under: the path in the section and the message. */
type Unplaced = { path: string; message: string };

/**
 * A form over one section. `toPatch` turns the values into the PATCH body; `place` maps a server
 * error path inside the section (`overrides.0`) to the input that shows it (`overrides.0.motion`),
 * or null to list it above the save bar.
 */
export function useSectionForm<V extends Record<string, unknown>>({
  card,
  section,
  answer,
  fromAnswer,
  toPatch,
  validate,
  place = (p) => p,
}: {
  /** The card's id (anchor, test ids, the name in the saved notice). */
  card: string;
  /** The settings section it edits (`protection`): its errors arrive as `body.<section>.…`. */
  section: string;
  answer: ProgramAnswer;
  fromAnswer: (answer: ProgramAnswer) => V;
  toPatch: (values: V) => ProgramPatch;
  validate?: (values: V) => FormErrors;
  place?: (path: string) => string | null;
}) {
  const { t } = useTranslation();
  const update = useUpdateProgram();
  const [unplaced, setUnplaced] = useState<Unplaced[]>([]);
  const values = fromAnswer(answer);
  const form = useForm<V>({ initialValues: values, validate: validate ? (v) => validate(v) : undefined });
  const loaded = JSON.stringify(values);

  // New settings from the server (this save or another card's): start from them unless mid-edit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the serialised values only
  useEffect(() => {
    if (!form.isDirty()) {
      form.setInitialValues(values);
      form.setValues(values);
    }
  }, [loaded]);

  const submit = form.onSubmit((v) => {
    setUnplaced([]);
    // Every stored section goes along unchanged: the server fills sections a PATCH leaves out with their defaults.
    update.mutate(
      { ...answer.settings, ...toPatch(v) },
      {
        onSuccess: (saved) => {
          const next = fromAnswer(saved);
          form.setInitialValues(next);
          form.setValues(next);
          form.resetDirty(next);
          notifications.show({ color: 'green', message: t('program.settings.saved', { section: t(`program.settings.nav.${card}` as never) }) });
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          const errors: Record<string, string> = {};
          const rest: Unplaced[] = [];
          const prefix = `body.${section}`;
          for (const { field, message } of error.errors) {
            if (field !== prefix && !field.startsWith(`${prefix}.`)) {
              rest.push({ path: field.replace(/^body\./, ''), message });
              continue;
            }
            const path = field.slice(prefix.length + 1);
            const at = path ? place(path) : null;
            if (at) errors[at] = errors[at] ? `${errors[at]}; ${message}` : message;
            else rest.push({ path, message });
          }
          form.setErrors(errors);
          setUnplaced(rest);
        },
      },
    );
  });

  const failed = update.error;
  const generalError = failed && (!(failed instanceof ApiError) || failed.errors.length === 0) ? errorMessage(failed, t('errors.generic')) : null;
  const reset = () => {
    form.reset();
    setUnplaced([]);
    update.reset();
  };
  return { card, form, submit, saving: update.isPending, unplaced, generalError, reset };
}

/** A card of the Program tab: icon, title, explanation, the inputs and its own save bar. */
export function SectionCard<V extends Record<string, unknown>>({
  icon: Icon,
  title,
  text,
  badge,
  action,
  section,
  canEdit,
  children,
}: {
  icon: ComponentType<{ size?: number }>;
  title: string;
  text: ReactNode;
  badge?: ReactNode;
  action?: ReactNode;
  section: ReturnType<typeof useSectionForm<V>>;
  canEdit: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { card: id, form, submit, saving, unplaced, generalError } = section;
  return (
    <Card id={id} data-testid={`program-${id}`} style={{ scrollMarginTop: 80 }}>
      <form noValidate onSubmit={submit}>
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
            <Group align="flex-start" wrap="nowrap" gap="md">
              <ThemeIcon variant="light" size={40} radius="md">
                <Icon size={22} />
              </ThemeIcon>
              <div>
                <Group gap="xs">
                  <Title order={4}>{title}</Title>
                  {badge}
                  {form.isDirty() && (
                    <Badge size="sm" variant="light" color="orange" radius="sm" tt="none">
                      {t('program.settings.unsaved')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed" maw={680}>
                  {text}
                </Text>
              </div>
            </Group>
            {action && <div style={{ flexShrink: 0 }}>{action}</div>}
          </Group>
          {children}
          {generalError && <ErrorAlert>{generalError}</ErrorAlert>}
          {unplaced.length > 0 && (
            <ErrorAlert title={t('program.settings.fixThese')} data-testid={`program-${id}-errors`}>
              <List size="sm" spacing={2}>
                {unplaced.map((u) => (
                  <List.Item key={`${u.path}:${u.message}`}>
                    {u.path && <Text span fw={600} size="sm">{`${u.path}: `}</Text>}
                    {u.message}
                  </List.Item>
                ))}
              </List>
            </ErrorAlert>
          )}
          {canEdit && <SaveBar form={{ isDirty: () => form.isDirty(), reset: section.reset }} saving={saving} testId={`program-${id}-save`} />}
        </Stack>
      </form>
    </Card>
  );
}

/** A form type shorthand for the section components. */
export type SectionForm<V> = UseFormReturnType<V>;

/** A sub-heading inside a section card, with an optional line of explanation. */
export function SubHeading({ title, text }: { title: string; text?: ReactNode }) {
  return (
    <div>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {text && (
        <Text size="xs" c="dimmed">
          {text}
        </Text>
      )}
    </div>
  );
}
