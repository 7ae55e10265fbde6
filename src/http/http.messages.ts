import type { StaffText } from '../domain/errors.js';

/** What the HTTP layer itself answers API callers, in each staff language. */
export const HTTP_MESSAGES = {
  internal: { fr: 'Erreur interne. Réessayez plus tard.', en: 'Internal error. Try again later.' },
  bodyTooLarge: { fr: 'La requête est trop volumineuse.', en: 'The request is too large.' },
  unsupportedMediaType: { fr: 'Type de contenu non pris en charge.', en: 'Unsupported content type.' },
  badJson: {
    fr: 'Le corps de la requête n’est pas du JSON valide.',
    en: 'The request body is not valid JSON.',
  },
  urlTooLong: { fr: 'L’adresse demandée est trop longue.', en: 'The requested address is too long.' },
  urlMalformed: { fr: 'L’adresse demandée est mal formée.', en: 'The requested address is malformed.' },
  sessionExpired: {
    fr: 'Votre session a expiré. Reconnectez-vous.',
    en: 'Your session has expired. Sign in again.',
  },
  notFromSchuss: {
    fr: 'Requête refusée : elle ne vient pas de Schuss (protection CSRF).',
    en: 'Request refused: it does not come from Schuss (CSRF protection).',
  },
  tooManyWindows: {
    fr: 'Trop de fenêtres Schuss sont ouvertes avec ce compte : fermez-en quelques-unes puis rechargez la page.',
    en: 'Too many Schuss windows are open with this account: close some, then reload the page.',
  },
} as const satisfies Record<string, StaffText>;

/** "Aucune route GET /api/x." */
export function noRoute(method: string, path: string): StaffText {
  return { fr: `Aucune route ${method} ${path}.`, en: `No route ${method} ${path}.` };
}

/** The summary of a refused input with one wrong field: "Champ « customer.phone » : Numéro de téléphone invalide." */
export function oneFieldInvalid(field: string, text: StaffText): StaffText {
  return field === '_'
    ? { fr: `Requête : ${text.fr}`, en: `Request: ${text.en}` }
    : { fr: `Champ « ${field} » : ${text.fr}`, en: `Field “${field}”: ${text.en}` };
}
