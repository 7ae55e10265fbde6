import type { StaffText } from '../domain/errors.js';

/** What an e-mail address field of the staff app answers, in each staff language. */
export const EMAIL_MESSAGES = {
  invalid: { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  tooLong: {
    fr: 'Adresse e-mail trop longue (254 caractères au plus).',
    en: 'E-mail address too long (254 characters at most).',
  },
  control: {
    fr: 'Adresse e-mail invalide : caractères de contrôle interdits.',
    en: 'Invalid e-mail address: control characters are not allowed.',
  },
  broken: {
    fr: 'Adresse e-mail invalide : caractères illisibles (texte mal encodé).',
    en: 'Invalid e-mail address: unreadable characters (badly encoded text).',
  },
} as const satisfies Record<string, StaffText>;

/** What a labelled text field of the staff app answers ("Prénom : 80 caractères au plus."). */
export const TEXT_MESSAGES = {
  tooLong: (label: StaffText, max: number): StaffText => ({
    fr: `${label.fr} : ${max} caractères au plus.`,
    en: `${label.en}: ${max} characters at most.`,
  }),
  control: (label: StaffText): StaffText => ({
    fr: `${label.fr} : caractères de contrôle interdits.`,
    en: `${label.en}: control characters are not allowed.`,
  }),
  broken: (label: StaffText): StaffText => ({
    fr: `${label.fr} : caractères illisibles (texte mal encodé), retapez-le.`,
    en: `${label.en}: unreadable characters (badly encoded text), type it again.`,
  }),
};
