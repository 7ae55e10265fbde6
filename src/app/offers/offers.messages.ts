import type { StaffText } from '../../domain/errors.js';

/** What "Envoyer un devis" / "Envoyer un lien de paiement" / "Prolonger" answer, per staff language. */
export const OFFER_MESSAGES = {
  offerNotFound: { fr: 'Devis ou lien de paiement introuvable.', en: 'Quote or payment link not found.' },
  nothingToSend: {
    fr: 'Rien à envoyer : ajoutez une prestation avec un prix.',
    en: 'Nothing to send: add a service with a price.',
  },
  noLine: { fr: 'Le dossier n’a aucune prestation active.', en: 'The file has no active service.' },
  zeroTotal: { fr: 'Le total du dossier est de 0 €.', en: 'The file’s total is €0.' },
  archived: {
    fr: 'Ce dossier est archivé : rien ne peut lui être envoyé.',
    en: 'This file is archived: nothing can be sent for it.',
  },
  archivedField: { fr: 'Dossier archivé.', en: 'Archived file.' },
  invalidAmount: { fr: 'Le montant est invalide.', en: 'The amount is invalid.' },
  amountAboveDue: {
    fr: 'Le montant dépasse le reste à payer du dossier.',
    en: 'The amount is more than what remains to pay on the file.',
  },
  amountZero: { fr: 'Le montant doit être supérieur à 0 €.', en: 'The amount must be above €0.' },
  nothingDue: { fr: 'Le dossier est entièrement payé.', en: 'The file is fully paid.' },
  invalidDate: { fr: 'La date de validité est invalide.', en: 'The validity date is invalid.' },
  dateInPast: {
    fr: 'La nouvelle date de validité ne peut pas être dans le passé.',
    en: 'The new validity date cannot be in the past.',
  },
} as const satisfies Record<string, StaffText>;
