import type { StaffText } from '../../domain/errors.js';

/** What Paramètres → Catégories answers, in each staff language. */
export const CATEGORY_MESSAGES = {
  nameTaken: { fr: 'Une catégorie porte déjà ce nom.', en: 'A category already has this name.' },
} as const satisfies Record<string, StaffText>;
