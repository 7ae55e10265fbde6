import type { StaffText } from '../../domain/errors.js';

/** Staff-facing texts of the POS software area (Paramètres → Logiciel de caisse, the dossier's header). */
export const POS_MESSAGES = {
  keyNotFound: { fr: 'Cette clé n’existe pas.', en: 'This key does not exist.' },
  keyRevoked: { fr: 'Cette clé est déjà révoquée.', en: 'This key is already revoked.' },
  missingKey: {
    fr: 'Clé de logiciel de caisse manquante ou invalide (Authorization: Bearer <clé>).',
    en: 'Missing or invalid POS software key (Authorization: Bearer <key>).',
  },
  badCursor: { fr: 'Curseur de page invalide.', en: 'Invalid page cursor.' },
  notPaid: {
    fr: 'Le dossier n’est pas soldé : « Saisi dans logiciel » se coche une fois le paiement soldé.',
    en: 'The file is not fully paid: “Entered in POS software” is ticked once it is paid in full.',
  },
  archived: { fr: 'Ce dossier est archivé.', en: 'This file is archived.' },
} as const satisfies Record<string, StaffText>;
