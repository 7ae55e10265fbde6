import { z } from 'zod';
import type { OutboxMessage } from '../tx.js';

/**
 * THE contract for every e-mail to a customer: a use case says WHICH e-mail (template) with its
 * facts (params), the outbox keeps that, and the e-mail renderer (src/app/email, issue 11) turns
 * it into subject, text, HTML and attachments in the customer's language at delivery, with the
 * school's name and signature, the file number in the subject, the private link and the
 * dossier's thread headers. Use cases never build subjects or bodies themselves.
 *
 * Write one with `file.enqueue(customerEmail({...}))` inside the change, or `enqueue(tx, …)`.
 */
export const CUSTOMER_EMAIL_KIND = 'customer_email';

const cents = z.number().int();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CustomerEmailParamsSchema = z.discriminatedUnion('template', [
  /** A request was received (public forms). */
  z.object({ template: z.literal('acknowledgement') }),
  /** A secretary answered in the conversation. */
  z.object({
    template: z.literal('staff_reply'),
    messageId: z.string(),
    body: z.string(),
    staffName: z.string(),
  }),
  /** "Envoyer un devis": the quote PDF is attached (rendered from the offer at delivery). */
  z.object({
    template: z.literal('quote'),
    offerId: z.string(),
    offerNumber: z.string(),
    totalCents: cents,
    validUntil: day,
  }),
  /** "Envoyer un lien de paiement": the amount asked (deposit or balance). */
  z.object({
    template: z.literal('payment_link'),
    offerId: z.string(),
    offerNumber: z.string(),
    amountCents: cents,
    validUntil: day,
  }),
  /** A quote or payment link expires soon (once per offer). */
  z.object({
    template: z.literal('quote_expiry_reminder'),
    offerId: z.string(),
    offerNumber: z.string(),
    offerKind: z.enum(['quote', 'payment_link']),
    validUntil: day,
  }),
  /** A payment was recorded (online or manual). */
  z.object({
    template: z.literal('payment_receipt'),
    paymentId: z.string(),
    amountCents: cents,
    /** espèces, chèque, carte en ligne… as a key: online, cash, cheque, transfer, holiday_vouchers, ancv_connect, card_desk */
    method: z.string(),
    paidCents: cents,
    remainingCents: cents,
  }),
  /** A refund was made. */
  z.object({
    template: z.literal('refund'),
    paymentId: z.string(),
    amountCents: cents,
  }),
  /** The balance is due soon, or overdue (once each). */
  z.object({
    template: z.literal('balance_reminder'),
    amountCents: cents,
    dueOn: day,
    isOverdue: z.boolean(),
  }),
]);
export type CustomerEmailParams = z.infer<typeof CustomerEmailParamsSchema>;
export type CustomerEmailTemplate = CustomerEmailParams['template'];

export const CustomerEmailPayloadSchema = z.object({
  schoolId: z.string(),
  requestId: z.string(),
  to: z.string(),
  /** The customer's first name, for the greeting. */
  firstName: z.string(),
  /** The customer's language (fr, en, de, it, es, nl); the renderer falls back to the school's. */
  language: z.string(),
  /** The file number, for the subject. */
  fileNumber: z.string(),
  /** The customer's private link (absolute URL). */
  link: z.string(),
  params: CustomerEmailParamsSchema,
});
export type CustomerEmailPayload = z.infer<typeof CustomerEmailPayloadSchema>;

/** The outbox message of one customer e-mail (validated now, so a bad call fails in its transaction). */
export function customerEmail(payload: CustomerEmailPayload): OutboxMessage {
  return {
    schoolId: payload.schoolId,
    kind: CUSTOMER_EMAIL_KIND,
    payload: CustomerEmailPayloadSchema.parse(payload),
  };
}
