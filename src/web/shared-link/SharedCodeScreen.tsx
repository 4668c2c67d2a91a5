// The code screen of a link that asks for one: send the code, enter its 6 digits, resend after 30 s.
import { Button, Card, Group, Input, PinInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMailCheck, IconShieldLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/forms.tsx';
import { ApiError, errorMessage, fieldErrors } from '../lib/api.ts';
import { type SharedMeta, useSendCode, useVerifyCode } from './shared-queries.ts';

const RESEND_SECONDS = 30;

/** Seconds until a new code may be asked for, counting down from `from`. */
function useWait(from: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const left = from === null ? 0 : Math.max(0, Math.ceil((from + RESEND_SECONDS * 1000 - now) / 1000));
  useEffect(() => {
    if (left === 0) return;
    const id = setTimeout(() => setNow(Date.now()), 500);
    return () => clearTimeout(id);
  }, [left]);
  return left;
}

/** The server's reason (English) for refusing a code, in the page's language. */
function useCodeError() {
  const { t } = useTranslation();
  return (e: unknown): string => {
    const field = fieldErrors(e, ['code']).code ?? '';
    const left = /(\d+) tries left/.exec(field);
    if (e instanceof ApiError && e.status === 423) return t('sharing.code.locked');
    if (/locked/.test(field)) return t('sharing.code.locked');
    if (left) return t('sharing.code.wrong', { count: Number(left[1]) });
    if (/too often/.test(field)) return t('sharing.code.burnt');
    if (/expired/.test(field)) return t('sharing.code.codeExpired');
    return field || errorMessage(e, t('errors.generic'));
  };
}

/** Asks for the emailed code before anything of the record shows. */
export function SharedCodeScreen({ token, meta }: { token: string; meta: SharedMeta }) {
  const { t } = useTranslation();
  const send = useSendCode(token);
  const verify = useVerifyCode(token);
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const wait = useWait(sentAt);
  const codeError = useCodeError();

  const ask = () =>
    send.mutate(undefined, {
      onSuccess: () => {
        setSentAt(Date.now());
        setError(null);
        setCode('');
      },
      // A code sent a moment ago (another tab, a reload) still works: let them enter it.
      onError: (e) => {
        if (e instanceof ApiError && e.status === 429) setSentAt(Date.now());
        setError(codeError(e));
      },
    });
  const check = (value: string) => {
    if (!/^\d{6}$/.test(value)) return setError(t('sharing.code.invalid'));
    verify.mutate(value, {
      onError: (e) => {
        setError(codeError(e));
        setCode('');
      },
    });
  };

  return (
    <Card maw={460} mx="auto" p="xl" data-testid="shared-code">
      <Stack gap="md" align="center" ta="center">
        <ThemeIcon size={52} radius="xl" variant="light">
          {sentAt ? <IconMailCheck size={28} /> : <IconShieldLock size={28} />}
        </ThemeIcon>
        <Title order={3}>{t('sharing.code.title')}</Title>
        <Text size="sm" c="dimmed">
          {sentAt ? t('sharing.code.sent', { hint: meta.recipientHint }) : t('sharing.code.text', { hint: meta.recipientHint })}
        </Text>
        {!sentAt ? (
          <>
            {error && <ErrorAlert w="100%">{error}</ErrorAlert>}
            <Button size="md" onClick={ask} loading={send.isPending} data-testid="shared-code-send">
              {t('sharing.code.send')}
            </Button>
          </>
        ) : (
          <form
            noValidate
            style={{ width: '100%' }}
            onSubmit={(e) => {
              e.preventDefault();
              check(code);
            }}
          >
            <Stack gap="sm" align="center">
              <Input.Label htmlFor="shared-code-input">{t('sharing.code.label')}</Input.Label>
              <PinInput
                id="shared-code-input"
                length={6}
                type="number"
                inputMode="numeric"
                oneTimeCode
                size="lg"
                autoFocus
                value={code}
                onChange={setCode}
                onComplete={check}
                error={Boolean(error)}
                disabled={verify.isPending}
                aria-label={t('sharing.code.label')}
                data-testid="shared-code-input"
              />
              {error && (
                <Input.Error ta="center" data-testid="shared-code-error">
                  {error}
                </Input.Error>
              )}
              <Button type="submit" fullWidth loading={verify.isPending} data-testid="shared-code-submit">
                {t('sharing.code.submit')}
              </Button>
              <Group justify="center">
                <Button variant="subtle" size="xs" onClick={ask} disabled={wait > 0} loading={send.isPending} data-testid="shared-code-resend">
                  {wait > 0 ? t('sharing.code.resendIn', { seconds: wait }) : t('sharing.code.resend')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
