// EN | DE switch for pages without a session (login, magic link).
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../lib/api-types.ts';
import { chooseLocale, currentLocale } from '../lib/i18n.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      radius="xl"
      aria-label={t('language.label')}
      value={currentLocale()}
      onChange={(value) => chooseLocale(value as Locale)}
      data={[
        { value: 'en', label: 'EN' },
        { value: 'de', label: 'DE' },
      ]}
      data-testid="language-switch"
    />
  );
}
