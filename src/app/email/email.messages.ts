import type { StaffText } from '../../domain/errors.js';

/** What the e-mail pages (Boîte d'envoi, e-mail notifications) say to staff. */
export const EMAIL_MESSAGES = {
  mailNotFound: { fr: 'E-mail introuvable.', en: 'E-mail not found.' },
  unknownEvent: { fr: 'Événement inconnu.', en: 'Unknown event.' },
} as const satisfies Record<string, StaffText>;
