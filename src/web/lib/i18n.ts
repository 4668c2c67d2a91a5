// i18next setup: English and German, the language of the user, the workspace or the browser.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from '../i18n/de.ts';
import { en, type Messages } from '../i18n/en.ts';
import type { Locale } from './api-types.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const LOCALES: readonly Locale[] = ['en', 'de'];
const STORAGE_KEY = 'tandem.locale';

function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'de';
}

/** The language this browser's user picked on a page before (login pages, the user menu). */
function chosenLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  for (const lang of navigator.languages ?? [navigator.language]) {
    const short = lang.slice(0, 2).toLowerCase();
    if (isLocale(short)) return short;
  }
  return 'en';
}

/**
 * Picks the UI language: the user's own setting, else what was chosen in this browser,
 * else the workspace default, else the browser's language.
 */
export function resolveLocale(userLocale?: Locale | null, workspaceLocale?: Locale | null): Locale {
  return userLocale ?? chosenLocale() ?? workspaceLocale ?? browserLocale();
}

/** Switches the UI language (no-op when it is already active). */
export function applyLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

/** Switches the language and remembers it as this browser's explicit choice. */
export function chooseLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  applyLocale(locale);
}

/** The active UI language as a Locale. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: resolveLocale(),
  fallbackLng: 'en',
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export { i18n };
