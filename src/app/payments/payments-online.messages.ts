import type { StaffText } from '../../domain/errors.js';

/** What the online payments say to staff (and to a provider's webhook sender), in French and English. */
export const PAYMENTS_ONLINE_MESSAGES = {
  unknownProvider: { fr: 'Prestataire de paiement inconnu.', en: 'Unknown payment provider.' },
  paymentNotFound: {
    fr: 'Ce paiement n’existe pas sur ce dossier.',
    en: 'This payment does not exist on this file.',
  },
  notRefundable: {
    fr: 'Seul un paiement peut être remboursé (pas un remboursement).',
    en: 'Only a payment can be refunded (not a refund).',
  },
  nothingLeft: {
    fr: 'Ce paiement a déjà été entièrement remboursé.',
    en: 'This payment has already been refunded in full.',
  },
  providerFailed: {
    fr: 'Le prestataire de paiement n’a pas pu effectuer l’opération. Réessayez dans un instant.',
    en: 'The payment provider could not carry this out. Try again in a moment.',
  },
  providerMissing: {
    fr: 'Le prestataire de ce paiement n’est pas configuré : remboursement impossible en ligne.',
    en: 'This payment’s provider is not configured: it cannot be refunded online.',
  },
} as const satisfies Record<string, StaffText>;

/** A refund above what remains refundable, naming the most that can be refunded. */
export function refundAboveRemaining(most: string): StaffText {
  return {
    fr: `Au plus ${most} peut encore être remboursé sur ce paiement.`,
    en: `At most ${most} can still be refunded on this payment.`,
  };
}

/** A webhook whose signature, timestamp or body is refused, with the reason. */
export function webhookRefused(reason: string): StaffText {
  return { fr: `Webhook refusé : ${reason}.`, en: `Webhook refused: ${reason}.` };
}
