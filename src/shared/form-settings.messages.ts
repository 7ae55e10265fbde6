import type { StaffText } from '../domain/errors.js';

/** What the form settings' schema answers (Paramètres → Formulaires), in each staff language. */
export const FORM_SETTINGS_MESSAGES = {
  originTooLong: {
    fr: 'Origine trop longue (200 caractères au plus).',
    en: 'Origin too long (200 characters at most).',
  },
  badOrigin: {
    fr: 'Indiquez une origine comme https://www.mon-ecole.fr (sans chemin ni barre finale).',
    en: 'Enter an origin such as https://www.my-school.com (no path, no trailing slash).',
  },
  unknownPractice: { fr: 'Discipline inconnue.', en: 'Unknown discipline.' },
  noPractice: { fr: 'Proposez au moins une discipline.', en: 'Offer at least one discipline.' },
  unknownDuration: { fr: 'Durée inconnue.', en: 'Unknown duration.' },
  noDuration: { fr: 'Proposez au moins une durée.', en: 'Offer at least one duration.' },
  tooManyOrigins: { fr: '20 origines au plus.', en: '20 origins at most.' },
  nobodyNotified: {
    fr: 'Choisissez au moins une personne à prévenir, ou toute l’équipe.',
    en: 'Choose at least one person to notify, or the whole team.',
  },
} as const satisfies Record<string, StaffText>;
