import type { StaffText } from '../../domain/errors.js';

/** What the requests' use cases tell staff, in each staff language. */
export const REQUEST_MESSAGES = {
  unknownCategory: { fr: 'Catégorie inconnue.', en: 'Unknown category.' },
  unknownCategoryField: {
    fr: 'Catégorie inconnue pour cette école.',
    en: 'This school has no such category.',
  },
  archivedNoReply: {
    fr: 'Ce dossier est archivé : rouvrez-le avant de répondre.',
    en: 'This file is archived: reopen it before replying.',
  },
  unknownCustomerVersion: {
    fr: 'Version du client inconnue : rechargez la page.',
    en: 'Unknown customer version: reload the page.',
  },
  emailTaken: {
    fr: 'Un autre client de l’école a déjà cette adresse e-mail.',
    en: 'Another customer of the school already has this e-mail address.',
  },
  unknownLanguage: {
    fr: 'Langue inconnue (fr, en, de, it, es ou nl).',
    en: 'Unknown language (fr, en, de, it, es or nl).',
  },
  badPhone: { fr: 'Numéro de téléphone invalide.', en: 'Invalid phone number.' },
  firstNameRequired: { fr: 'Indiquez le prénom.', en: 'Enter the first name.' },
  lastNameRequired: { fr: 'Indiquez le nom.', en: 'Enter the last name.' },
  requestRequired: { fr: 'Écrivez la demande du client.', en: 'Write the customer’s request.' },
  replyRequired: { fr: 'Écrivez votre réponse.', en: 'Write your reply.' },
  staffCommentMoved: {
    fr: 'Le commentaire client est enregistré sur le client : rechargez la page puis réessayez.',
    en: 'The customer comment is saved on the customer: reload the page and try again.',
  },
  nothingToSave: { fr: 'Aucun changement à enregistrer.', en: 'No change to save.' },
  badCursor: { fr: 'Curseur de pagination invalide.', en: 'Invalid pagination cursor.' },
  badCursorField: { fr: 'Curseur invalide.', en: 'Invalid cursor.' },
} as const satisfies Record<string, StaffText>;

/** The names of the fields of a request and its customer, as their messages quote them. */
export const REQUEST_LABELS = {
  firstName: { fr: 'Prénom', en: 'First name' },
  lastName: { fr: 'Nom', en: 'Last name' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  message: { fr: 'Message', en: 'Message' },
  note: { fr: 'Commentaire client', en: 'Customer comment' },
  badCursor: { fr: 'Curseur de pagination invalide.', en: 'Invalid pagination cursor.' },
  badCursorField: { fr: 'Curseur invalide.', en: 'Invalid cursor.' },
} as const satisfies Record<string, StaffText>;
