import type { StaffText } from '../../domain/errors.js';

/** What the operator's actions on schools answer (the command prints the English). */
export const SCHOOLS_MESSAGES = {
  invalid: { fr: 'Paramètres invalides.', en: 'Invalid arguments.' },
  slugFormat: {
    fr: '2 à 50 caractères : lettres minuscules, chiffres et tirets (ni au début ni à la fin).',
    en: '2 to 50 characters: lower-case letters, digits and dashes (not first or last).',
  },
  slugTaken: { fr: 'Une école porte déjà cette adresse.', en: 'A school already has this slug.' },
  nameRequired: {
    fr: 'Indiquez un nom (100 caractères au plus).',
    en: 'Give a name (100 characters at most).',
  },
  timeZoneUnknown: {
    fr: 'Fuseau horaire inconnu (exemple : Europe/Paris).',
    en: 'Unknown time zone (for example Europe/Paris).',
  },
  languageUnknown: {
    fr: 'Langue inconnue : fr, en, de, it, es ou nl.',
    en: 'Unknown language: fr, en, de, it, es or nl.',
  },
  emailTaken: {
    fr: 'Cette adresse est déjà l’identifiant d’un compte.',
    en: 'This address is already the login of an account.',
  },
  schoolNotFound: { fr: 'Aucune école ne porte cette adresse.', en: 'No school has this slug.' },
  staffNotFound: { fr: 'Aucun compte n’a cet e-mail.', en: 'No account has this e-mail.' },
} as const satisfies Record<string, StaffText>;
