import type { StaffText } from '../../domain/errors.js';

/** Staff-facing texts of the customer's data rights (export, erasure on request). */
export const GDPR_MESSAGES = {
  confirmEmail: {
    fr: 'Saisissez l’e-mail du client pour confirmer l’effacement.',
    en: 'Type the customer’s e-mail to confirm the erasure.',
  },
} as const satisfies Record<string, StaffText>;
