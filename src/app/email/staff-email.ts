import { z } from 'zod';
import type { OutboxMessage } from '../tx.js';

/**
 * A staff member's e-mail notification (they chose it: Paramètres → Mon compte): a new request,
 * a customer's reply, a payment — with an "Accéder au dossier" link to the staff app.
 */
export const STAFF_EMAIL_KIND = 'staff_email';
export const STAFF_EMAIL_EVENTS = ['request.created', 'customer.replied', 'payment'] as const;
export type StaffEmailEvent = (typeof STAFF_EMAIL_EVENTS)[number];

export const StaffEmailPayloadSchema = z.object({
  schoolId: z.string(),
  requestId: z.string(),
  to: z.string(),
  language: z.enum(['fr', 'en']),
  event: z.enum(STAFF_EMAIL_EVENTS),
  fileNumber: z.string(),
  customerName: z.string(),
});
export type StaffEmailPayload = z.infer<typeof StaffEmailPayloadSchema>;

export function staffEmail(payload: StaffEmailPayload): OutboxMessage {
  return {
    schoolId: payload.schoolId,
    kind: STAFF_EMAIL_KIND,
    payload: StaffEmailPayloadSchema.parse(payload),
  };
}

const WORDS = {
  fr: {
    'request.created': (n: string, c: string) => `Nouvelle demande ${n} de ${c}`,
    'customer.replied': (n: string, c: string) => `${c} a répondu — dossier ${n}`,
    payment: (n: string, c: string) => `Paiement reçu de ${c} — dossier ${n}`,
    open: 'Accéder au dossier',
    hello: 'Bonjour,',
    why: 'Vous recevez cet e-mail parce que vous l’avez choisi dans Paramètres → Mon compte.',
  },
  en: {
    'request.created': (n: string, c: string) => `New request ${n} from ${c}`,
    'customer.replied': (n: string, c: string) => `${c} replied — file ${n}`,
    payment: (n: string, c: string) => `Payment received from ${c} — file ${n}`,
    open: 'Open the file',
    hello: 'Hello,',
    why: 'You receive this e-mail because you chose it in Settings → My account.',
  },
} as const;

/** The words of a staff notification e-mail in the staff member's language. */
export function staffEmailWords(payload: StaffEmailPayload) {
  const w = WORDS[payload.language];
  return {
    title: w[payload.event](payload.fileNumber, payload.customerName),
    hello: w.hello,
    action: w.open,
    why: w.why,
  };
}
