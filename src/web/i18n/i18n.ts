import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
// A pure function shared with the server's journal sentences: one elision rule for every sentence.
import { deName } from '../../shared/french-elision';
import { STAFF_LANGUAGES, type StaffLanguage } from '../../shared/vocabulary';
import en from './en.json';
import fr from './fr.json';

/** Every catalogue must have the French keys: a missing English key fails the type check. */
const english: typeof fr = en;

/** The languages of the screens: the staff languages of the server's messages and journal. */
export type Language = StaffLanguage;
export const DEFAULT_LANGUAGE: Language = 'fr';

const LAST_LANGUAGE_KEY = 'schuss.language';
const userLanguageKey = (userId: string) => `schuss.language.${userId}`;

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof fr };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (STAFF_LANGUAGES as readonly string[]).includes(value);
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private browsing or storage disabled: the choice simply lasts for this page only.
  }
}

/** The language of the last person who used this browser, so the login page speaks it. */
function initialLanguage(): Language {
  const last = readStorage(LAST_LANGUAGE_KEY);
  return isLanguage(last) ? last : DEFAULT_LANGUAGE;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: english } },
  lng: initialLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...STAFF_LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
/**
 * French "… de {{name}}" is written "… {{name, de}}" in fr.json: the formatter writes "de Marie"
 * or "d’Élodie" (elision before a vowel or a mute h). Only French sentences use it.
 */
i18n.services.formatter?.add('de', (value) => deName(String(value ?? '')));
document.documentElement.lang = i18n.language;

export function applyLanguage(language: Language): void {
  writeStorage(LAST_LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

/**
 * The language a signed-in person sees: the one kept on their account (chosen in the user
 * menu, saved with PATCH /api/auth/me), else the last one picked on this browser.
 */
export function languageFor(user: { id: string; language: string }): Language {
  if (isLanguage(user.language)) return user.language;
  const chosen = readStorage(userLanguageKey(user.id));
  return isLanguage(chosen) ? chosen : DEFAULT_LANGUAGE;
}

export function rememberLanguageChoice(userId: string, language: Language): void {
  writeStorage(userLanguageKey(userId), language);
}
