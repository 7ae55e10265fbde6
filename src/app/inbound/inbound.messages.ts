import type { StaffText } from '../../domain/errors.js';

/** Why an inbound e-mail was refused: read by whoever runs the school's mail relay. */
export const INBOUND_MESSAGES = {
  notConfigured: {
    fr: 'La réception des e-mails n’est pas configurée (INBOUND_EMAIL_SECRET).',
    en: 'Inbound e-mail is not configured (INBOUND_EMAIL_SECRET).',
  },
  badSecret: {
    fr: 'Secret de réception des e-mails absent ou incorrect.',
    en: 'Missing or wrong inbound e-mail secret.',
  },
  empty: { fr: 'Le message est vide.', en: 'The message is empty.' },
  malformed: {
    fr: 'Le message n’est pas un e-mail RFC 5322 lisible.',
    en: 'The message is not a readable RFC 5322 e-mail.',
  },
  noSender: {
    fr: 'Le message n’a pas d’expéditeur (From) valable.',
    en: 'The message has no valid sender (From).',
  },
  noRecipient: {
    fr: 'Aucun destinataire du message n’est une adresse de Schuss (adresse de réponse ou adresse d’une école).',
    en: 'No recipient of the message is a Schuss address (a reply address or a school’s address).',
  },
  forgedReply: {
    fr: 'L’adresse de réponse n’est pas valable : le message n’est rattaché à aucun dossier.',
    en: 'The reply address is not valid: the message is attached to no file.',
  },
  expiredReply: {
    fr: 'L’adresse de réponse a expiré : le message n’est rattaché à aucun dossier.',
    en: 'The reply address has expired: the message is attached to no file.',
  },
} as const satisfies Record<string, StaffText>;
