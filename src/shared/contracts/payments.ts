/**
 * The "Paiement" onglet and the customer's payments: the HTTP contract the routes implement and
 * the staff app calls. Amounts the secretary types travel AS TYPED (`amount: "120,50"`) and are
 * parsed by the server with `parseEuros` (src/domain/money.ts), so "12,345", "1e3", "-1" or "NaN"
 * are refused with a message on the `amount` field in the reader's language; amounts the server
 * answers are integer cents.
 *
 * Routes (staff, `/api`), every write with the file's `version`, through `changeRequest`:
 *   GET    /api/requests/:id/payments                         → PaymentsViewSchema
 *   POST   /api/requests/:id/payments                         ManualPaymentSchema → PaymentsViewSchema (201) ("Ajouter un paiement manuel")
 *   POST   /api/requests/:id/payments/:paymentId/refunds      RefundSchema → PaymentsViewSchema (201) ("Rembourser")
 *   PUT    /api/requests/:id/online-payment                   { version, isAllowed } → PaymentsViewSchema ("Autoriser le paiement en ligne")
 *   PUT    /api/requests/:id/deposit-rule                     DepositRuleBodySchema → PaymentsViewSchema
 *   POST   /api/requests/:id/payment-anomalies/:anomalyId/resolve   { version, note } → PaymentsViewSchema
 * Customer side (no `/api`, the private link): POST /c/:token/pay (form field `purpose` =
 * deposit | balance) → 303 to the provider's checkout; provider webhooks at
 * POST /api/webhooks/payments/:provider (raw body, signature checked).
 *
 * The payments engineer (staff side) completes PaymentsViewSchema; the refund route is shared:
 * a manual payment's refund is recorded, an online one goes through its provider's `refund`.
 */
import { z } from 'zod';

const version = z.number().int().min(1);

/** Manual payment methods, as stored (payments.method). */
export const MANUAL_PAYMENT_METHODS = [
  'cash',
  'cheque',
  'transfer',
  'holiday_vouchers',
  'ancv_connect',
  'card_desk',
] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];

export const RefundSchema = z.object({
  version,
  /** As typed, e.g. "45" or "45,50"; at most what remains refundable on that payment. */
  amount: z.string().max(32),
  reason: z.string().trim().max(500).optional(),
});
export type RefundBody = z.infer<typeof RefundSchema>;
