import type { StaffText } from '../../domain/errors.js';

/** What signing in and role checks answer, in each staff language. */
export const AUTH_MESSAGES = {
  /** The one answer to every failed login: it never says whether the address has an account. */
  loginFailed: { fr: 'E-mail ou mot de passe incorrect.', en: 'Incorrect e-mail or password.' },
  adminOnly: {
    fr: 'Seul un administrateur de l’école peut faire cela.',
    en: 'Only an administrator of the school can do this.',
  },
  /** Said only after the right password: the operator disabled the school (`schuss school disable`). */
  schoolDisabled: {
    fr: 'L’accès de votre école à Schuss est suspendu. Contactez l’exploitant de Schuss.',
    en: 'Your school’s access to Schuss is suspended. Contact the operator of Schuss.',
  },
  emailRequired: { fr: 'Indiquez votre e-mail.', en: 'Enter your e-mail.' },
  passwordRequired: { fr: 'Indiquez votre mot de passe.', en: 'Enter your password.' },
} as const satisfies Record<string, StaffText>;

/** "Too many attempts", with the whole minutes to wait (at least one). */
export function tooManyLoginAttempts(minutes: number): StaffText {
  return {
    fr: `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    en: `Too many login attempts. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
  };
}
