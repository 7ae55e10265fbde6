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
} as const satisfies Record<string, StaffText>;
