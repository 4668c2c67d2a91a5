// The link's remaining time, counting down (every second in its last hour, else every 30 s).
import { Text } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.ts';

/** Milliseconds until `at`, re-rendered as it runs down; calls `onEnd` once it reaches zero. */
export function useRemaining(at: string, onEnd?: () => void): number {
  const end = new Date(at).getTime();
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, end - now);
  useEffect(() => {
    if (left === 0) {
      onEnd?.();
      return;
    }
    const id = setTimeout(() => setNow(Date.now()), left < 3_600_000 ? 1000 : 30_000);
    return () => clearTimeout(id);
  }, [left, onEnd]);
  return left;
}

/** "6 days 23 hours" / "4 minutes 10 seconds": the two largest units of a duration. */
export function useDuration() {
  const { t } = useTranslation();
  return (ms: number) => {
    const s = Math.floor(ms / 1000);
    const parts: [number, 'days' | 'hours' | 'minutes' | 'seconds'][] = [
      [Math.floor(s / 86400), 'days'],
      [Math.floor((s % 86400) / 3600), 'hours'],
      [Math.floor((s % 3600) / 60), 'minutes'],
      [s % 60, 'seconds'],
    ];
    const first = parts.findIndex(([n]) => n > 0);
    if (first < 0) return t('sharing.time.seconds', { count: 0 });
    return parts
      .slice(first, first + 2)
      .filter(([n]) => n > 0)
      .map(([n, unit]) => t(`sharing.time.${unit}`, { count: n }))
      .join(' ');
  };
}

/** The countdown line of the page. */
export function Countdown({ expiresAt, onEnd }: { expiresAt: string; onEnd: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const left = useRemaining(expiresAt, onEnd);
  const soon = left < 24 * 3_600_000;
  return (
    <Text size="sm" c={soon ? 'orange.8' : 'dimmed'} data-testid="shared-countdown" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <IconHourglass size={16} aria-hidden />
      <span>
        {t(soon ? 'sharing.page.expiresSoon' : 'sharing.page.expiresIn', { time: duration(left) })} (
        {t('sharing.page.expiresAt', { date: format.dateTime(expiresAt) })})
      </span>
    </Text>
  );
}
