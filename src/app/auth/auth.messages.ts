import type { StaffText } from '../../domain/errors.js';

/** What signing in and role checks answer, in each staff language. */
export const AUTH_MESSAGES = {
  /** The one answer to every failed login: it never says whether the address has an account. */
  loginFailed: { fr: 'E-mail ou mot de passe incorrect.', en: 'Incorrect e-mail or password.' },
  adminOnly: {
    fr: 'Seul un administrateur de l’école peut faire cela.',
    en: 'Only an administrator of the school can do this.',
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
