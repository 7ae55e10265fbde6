import type { StaffText } from '../../domain/errors.js';

/** What the "Paiement" onglet answers, per staff language. */
export const PAYMENT_MESSAGES = {
  invalid: { fr: 'Certains champs sont invalides.', en: 'Some fields are invalid.' },
  amountInvalid: {
    fr: 'Montant invalide : tapez-le en euros, par exemple 120 ou 120,50.',
    en: 'Invalid amount: type it in euros, for example 120 or 120.50.',
  },
  amountZero: { fr: 'Le montant doit être supérieur à 0 €.', en: 'The amount must be above €0.' },
  amountTooLarge: {
    fr: 'Le montant dépasse le plus grand montant accepté (1 000 000,00 €).',
    en: 'The amount is above the largest accepted amount (€1,000,000.00).',
  },
  amountAboveDue: {
    fr: 'Le montant dépasse le reste à payer du dossier.',
    en: 'The amount is more than what remains to pay on the file.',
  },
  nothingDue: {
    fr: 'Rien ne reste à payer sur ce dossier.',
    en: 'Nothing remains to pay on this file.',
  },
  dateInFuture: {
    fr: 'La date du paiement ne peut pas être après aujourd’hui.',
    en: 'The payment date cannot be after today.',
  },
  dateInvalid: { fr: 'Date invalide.', en: 'Invalid date.' },
  payerRequired: { fr: 'Indiquez le nom du payeur.', en: 'Enter the payer’s name.' },
  voucherCountRequired: {
    fr: 'Indiquez le nombre de chèques-vacances.',
    en: 'Enter the number of holiday vouchers.',
  },
  referenceRequired: {
    fr: 'Indiquez la référence ANCV Connect.',
    en: 'Enter the ANCV Connect reference.',
  },
  archived: {
    fr: 'Ce dossier est archivé : aucun paiement ne peut y être ajouté.',
    en: 'This file is archived: no payment can be added to it.',
  },
  archivedField: { fr: 'Dossier archivé.', en: 'Archived file.' },
  toggleNotOffered: {
    fr: 'Le paiement en ligne se règle une fois un devis ou un lien de paiement envoyé.',
    en: 'Online payment can be set once a quote or a payment link was sent.',
  },
  toggleNotOfferedField: { fr: 'Rien n’a encore été envoyé.', en: 'Nothing was sent yet.' },
  anomalyNotFound: { fr: 'Anomalie introuvable.', en: 'Anomaly not found.' },
  anomalyResolved: {
    fr: 'Cette anomalie a déjà été résolue.',
    en: 'This anomaly was already resolved.',
  },
  noteRequired: {
    fr: 'Expliquez en une phrase ce qui a été fait.',
    en: 'Say in a sentence what was done.',
  },
} as const satisfies Record<string, StaffText>;
