import type { Language } from '../../app/intake/intake.i18n.js';

/** The sandbox's hosted checkout page, in the payer's language. */
export interface SandboxLabels {
  title: string;
  notice: string;
  pay: (school: string, number: string) => string;
  purpose: Record<string, string>;
  accept: string;
  refuse: string;
  pending: string;
  acceptPending: string;
  isPending: string;
  done: Record<'succeeded' | 'failed' | 'expired', string>;
  back: string;
  unknown: { title: string; body: string };
}

const LABELS: Record<Language, SandboxLabels> = {
  fr: {
    title: 'Paiement de test',
    notice: 'Bac à sable : aucune carte n’est débitée. Choisissez ce que la banque répond.',
    pay: (school, number) => `${school} — dossier ${number}`,
    purpose: { deposit: 'Acompte', balance: 'Solde', amount: 'Montant' },
    accept: 'paiement accepté',
    refuse: 'paiement refusé',
    pending: 'paiement en attente',
    acceptPending: 'accepter le paiement en attente',
    isPending: 'Ce paiement est en attente de la banque.',
    done: {
      succeeded: 'Ce paiement est accepté.',
      failed: 'Ce paiement a été refusé.',
      expired: 'Ce paiement a expiré.',
    },
    back: 'Retour au dossier',
    unknown: { title: 'Paiement introuvable', body: 'Ce lien de paiement ne mène à aucun paiement.' },
  },
  en: {
    title: 'Test payment',
    notice: 'Sandbox: no card is charged. Choose what the bank answers.',
    pay: (school, number) => `${school} — file ${number}`,
    purpose: { deposit: 'Deposit', balance: 'Balance', amount: 'Amount' },
    accept: 'payment accepted',
    refuse: 'payment refused',
    pending: 'payment pending',
    acceptPending: 'accept the pending payment',
    isPending: 'This payment is waiting for the bank.',
    done: {
      succeeded: 'This payment is accepted.',
      failed: 'This payment was refused.',
      expired: 'This payment expired.',
    },
    back: 'Back to the file',
    unknown: { title: 'Payment not found', body: 'This payment link leads to no payment.' },
  },
  de: {
    title: 'Testzahlung',
    notice: 'Sandbox: Es wird keine Karte belastet. Wählen Sie, was die Bank antwortet.',
    pay: (school, number) => `${school} — Vorgang ${number}`,
    purpose: { deposit: 'Anzahlung', balance: 'Restbetrag', amount: 'Betrag' },
    accept: 'Zahlung angenommen',
    refuse: 'Zahlung abgelehnt',
    pending: 'Zahlung ausstehend',
    acceptPending: 'ausstehende Zahlung annehmen',
    isPending: 'Diese Zahlung wartet auf die Bank.',
    done: {
      succeeded: 'Diese Zahlung ist angenommen.',
      failed: 'Diese Zahlung wurde abgelehnt.',
      expired: 'Diese Zahlung ist abgelaufen.',
    },
    back: 'Zurück zum Vorgang',
    unknown: { title: 'Zahlung nicht gefunden', body: 'Dieser Zahlungslink führt zu keiner Zahlung.' },
  },
  it: {
    title: 'Pagamento di prova',
    notice: 'Sandbox: nessuna carta viene addebitata. Scegliete cosa risponde la banca.',
    pay: (school, number) => `${school} — pratica ${number}`,
    purpose: { deposit: 'Acconto', balance: 'Saldo', amount: 'Importo' },
    accept: 'pagamento accettato',
    refuse: 'pagamento rifiutato',
    pending: 'pagamento in attesa',
    acceptPending: 'accettare il pagamento in attesa',
    isPending: 'Questo pagamento è in attesa della banca.',
    done: {
      succeeded: 'Questo pagamento è accettato.',
      failed: 'Questo pagamento è stato rifiutato.',
      expired: 'Questo pagamento è scaduto.',
    },
    back: 'Torna alla pratica',
    unknown: {
      title: 'Pagamento non trovato',
      body: 'Questo link di pagamento non porta a nessun pagamento.',
    },
  },
  es: {
    title: 'Pago de prueba',
    notice: 'Entorno de pruebas: no se carga ninguna tarjeta. Elija lo que responde el banco.',
    pay: (school, number) => `${school} — expediente ${number}`,
    purpose: { deposit: 'Anticipo', balance: 'Saldo', amount: 'Importe' },
    accept: 'pago aceptado',
    refuse: 'pago rechazado',
    pending: 'pago pendiente',
    acceptPending: 'aceptar el pago pendiente',
    isPending: 'Este pago está pendiente del banco.',
    done: {
      succeeded: 'Este pago está aceptado.',
      failed: 'Este pago ha sido rechazado.',
      expired: 'Este pago ha caducado.',
    },
    back: 'Volver al expediente',
    unknown: { title: 'Pago no encontrado', body: 'Este enlace de pago no lleva a ningún pago.' },
  },
  nl: {
    title: 'Testbetaling',
    notice: 'Sandbox: er wordt geen kaart belast. Kies wat de bank antwoordt.',
    pay: (school, number) => `${school} — dossier ${number}`,
    purpose: { deposit: 'Aanbetaling', balance: 'Saldo', amount: 'Bedrag' },
    accept: 'betaling geaccepteerd',
    refuse: 'betaling geweigerd',
    pending: 'betaling in behandeling',
    acceptPending: 'de betaling in behandeling accepteren',
    isPending: 'Deze betaling wacht op de bank.',
    done: {
      succeeded: 'Deze betaling is geaccepteerd.',
      failed: 'Deze betaling is geweigerd.',
      expired: 'Deze betaling is verlopen.',
    },
    back: 'Terug naar het dossier',
    unknown: { title: 'Betaling niet gevonden', body: 'Deze betaallink leidt naar geen enkele betaling.' },
  },
};

export function sandboxLabels(language: Language): SandboxLabels {
  return LABELS[language];
}

export const SANDBOX_LOCALES: Record<Language, string> = {
  fr: 'fr-FR',
  en: 'en-GB',
  de: 'de-DE',
  it: 'it-IT',
  es: 'es-ES',
  nl: 'nl-NL',
};
