import type { StaffText } from '../../domain/errors.js';

/** What Paramètres → Personnel answers, in each staff language. */
export const STAFF_MESSAGES = {
  addressTaken: {
    fr: 'Cette adresse e-mail ne peut pas servir à un nouveau compte : choisissez-en une autre.',
    en: 'This e-mail address cannot be used for a new account: choose another one.',
  },
  lastAdmin: {
    fr: 'L’école doit garder au moins un administrateur actif.',
    en: 'The school must keep at least one active administrator.',
  },
} as const satisfies Record<string, StaffText>;
