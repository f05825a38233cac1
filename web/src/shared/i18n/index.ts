// vue-i18n set-up shared by both apps: zh-CN first, English on request,
// the choice kept in localStorage and sent to the server as Accept-Language.
import { createI18n, useI18n } from 'vue-i18n';
import en from '../locales/en';
import zhCN, { type MessageSchema } from '../locales/zh-CN';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'luodi.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The saved UI language, or zh-CN. */
export function loadLocale(storage: Pick<Storage, 'getItem'>): Locale {
  const saved = storage.getItem(LOCALE_STORAGE_KEY);
  return isLocale(saved) ? saved : DEFAULT_LOCALE;
}

export const messages: Record<Locale, MessageSchema> = { 'zh-CN': zhCN, en };

export function createLuodiI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    // Loud in dev so a missing key is seen; quiet in production.
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  });
}

export type LuodiI18n = ReturnType<typeof createLuodiI18n>;

/** Switches the UI language of a running app and remembers it. */
export function useLocaleSwitch() {
  const { locale } = useI18n();
  function choose(value: unknown): void {
    if (!isLocale(value)) return;
    locale.value = value;
    localStorage.setItem(LOCALE_STORAGE_KEY, value);
    document.documentElement.lang = value;
  }
  return { locale, choose };
}
