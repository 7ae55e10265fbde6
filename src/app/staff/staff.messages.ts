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
  nameRequired: { fr: 'Indiquez le nom.', en: 'Enter the name.' },
  passwordTooLong: {
    fr: 'Le mot de passe ne doit pas dépasser 200 caractères.',
    en: 'The password must not exceed 200 characters.',
  },
} as const satisfies Record<string, StaffText>;

/** The name of a staff member's display-name field, as its messages quote it. */
export const STAFF_NAME_LABEL: StaffText = { fr: 'Nom', en: 'Name' };

export function nameTooLong(max: number): StaffText {
  return {
    fr: `Le nom ne doit pas dépasser ${max} caractères.`,
    en: `The name must not exceed ${max} characters.`,
  };
}

export function passwordTooShort(min: number): StaffText {
  return {
    fr: `Le mot de passe doit faire au moins ${min} caractères.`,
    en: `The password must be at least ${min} characters long.`,
  };
}
