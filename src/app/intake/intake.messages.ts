import type { StaffText } from '../../domain/errors.js';

/**
 * What the intake says to staff and to a school's web developer (not to visitors, whose messages
 * are in intake.i18n.ts, in the visitor's language): rendered in the reader's language.
 */
export const INTAKE_MESSAGES = {
  /** The `x-intake-key` header does not match this school's current key. */
  invalidIntakeKey: {
    fr: 'Clé d’intégration invalide pour cette école.',
    en: 'Invalid integration key for this school.',
  },
} as const satisfies Record<string, StaffText>;
