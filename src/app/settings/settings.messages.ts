import type { StaffText } from '../../domain/errors.js';

/** What Paramètres → Formulaires answers, in each staff language. */
export const SETTINGS_MESSAGES = {
  invalid: { fr: 'Certains réglages sont invalides.', en: 'Some settings are invalid.' },
  unknownInstructor: { fr: 'Moniteur inconnu pour cette école.', en: 'No such instructor at this school.' },
  unknownStaff: {
    fr: 'Membre du personnel inconnu pour cette école.',
    en: 'No such staff member at this school.',
  },
} as const satisfies Record<string, StaffText>;
