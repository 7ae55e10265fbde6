import type { StaffText } from '../../domain/errors.js';

/** What Paramètres → Catégories answers, in each staff language. */
export const CATEGORY_MESSAGES = {
  nameTaken: { fr: 'Une catégorie porte déjà ce nom.', en: 'A category already has this name.' },
  nameRequired: { fr: 'Indiquez le nom de la catégorie.', en: 'Enter the category name.' },
} as const satisfies Record<string, StaffText>;

/** The name of a category's name field, as its messages quote it. */
export const CATEGORY_NAME_LABEL: StaffText = { fr: 'Nom de la catégorie', en: 'Category name' };
