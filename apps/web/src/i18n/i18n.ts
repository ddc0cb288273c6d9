import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import { ar } from './ar';
import { en } from './en';

const STORAGE_KEY = 'inbox.locale';

/** Before sign-in the last language used on this device; after it, the user's own setting wins. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'ar' ? stored : 'ar';
}

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

void i18next.use(initReactI18next).init({
  resources: { ar: { translation: ar }, en: { translation: en } },
  lng: initialLocale(),
  fallbackLng: 'ar',
  // React escapes; i18next must not escape again.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the language and the direction of the whole document. */
export function applyLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  void i18next.changeLanguage(locale);
}

export { i18next };
