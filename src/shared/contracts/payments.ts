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

// ── The "Paiement" onglet (staff side) ───────────────────────────────────────────────────────

const id = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.');
/** Signed integer cents (a refund is negative). */
const signedCents = z.number().int();
const cents = z.number().int().min(0);
const balanceDaysBefore = z.number().int().min(0).max(365);

/** The largest amount a secretary may type for one payment: 1 000 000,00 €. */
export const MAX_PAYMENT_CENTS = 100_000_000;

/** Every method stored in payments.method: online (the provider) and the manual ones. */
export const PAYMENT_METHODS = ['online', ...MANUAL_PAYMENT_METHODS] as const;
export type PaymentMethodName = (typeof PAYMENT_METHODS)[number];

/**
 * A deposit rule as stored (school default in the sales settings, or per dossier in
 * requests.deposit_rule_json): a percentage of the total (basis points, 3000 = 30 %) or a fixed
 * amount, and when the balance is due — N days before the first lesson.
 */
export const DepositRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percentage'), bp: z.number().int().min(0).max(10_000), balanceDaysBefore }),
  z.object({ kind: z.literal('fixed'), cents: cents.max(MAX_PAYMENT_CENTS), balanceDaysBefore }),
]);
export type DepositRule = z.infer<typeof DepositRuleSchema>;

export const PaymentEntrySchema = z.object({
  id,
  kind: z.enum(['online', 'manual', 'refund']),
  method: z.string(),
  /** Positive for a payment, negative for a refund. */
  amountCents: signedCents,
  receivedAt: z.string(),
  reference: z.string().nullable(),
  payerName: z.string().nullable(),
  payerAddress: z.string().nullable(),
  voucherCount: z.number().int().nullable(),
  note: z.string().nullable(),
  /** Who recorded it (a manual payment, a refund); null for what a provider reported. */
  recordedByName: z.string().nullable(),
  /** A refund: the payment it refunds. */
  refundOfPaymentId: id.nullable(),
  /** A payment: what may still be refunded (its amount less its refunds); 0 for a refund. */
  refundableCents: cents,
  /** Recorded but flagged for staff (an online payment on an archived file…). */
  isFlagged: z.boolean(),
});
export type PaymentEntry = z.infer<typeof PaymentEntrySchema>;

export const PaymentAnomalySchema = z.object({
  id,
  /** amount_mismatch, currency_mismatch, archived_file… (the webhook's word for it). */
  reason: z.string(),
  amountCents: signedCents.nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
export type PaymentAnomaly = z.infer<typeof PaymentAnomalySchema>;

export const PaymentsViewSchema = z.object({
  requestId: id,
  /** The file's version: every write of the onglet sends it back. */
  version: z.number().int(),
  isArchived: z.boolean(),
  totalCents: cents,
  paidCents: signedCents,
  remainingCents: cents,
  payments: z.array(PaymentEntrySchema),
  schedule: z.object({
    /** The rule in force for this file, and whether it is the school's (none chosen for the file). */
    rule: DepositRuleSchema,
    isSchoolRule: z.boolean(),
    /** The deposit that rule asks of this total. */
    depositCents: cents,
    /**
     * The deposit the latest payment link asked, as its e-mail said (it stays so when the total
     * moves afterwards, e.g. the customer removed an extra); null: the latest offer asks no deposit.
     */
    askedDepositCents: cents.nullable(),
    /** The first lesson of the file (catalogue sessions, custom lesson dates), if known. */
    firstLessonOn: day.nullable(),
    /** Set once a deposit is paid: the day the balance is due. */
    balanceDueOn: day.nullable(),
    /** "Solde en retard": the due day is past and something remains. */
    isBalanceOverdue: z.boolean(),
    balanceReminderSentAt: z.string().nullable(),
    balanceOverdueSentAt: z.string().nullable(),
  }),
  anomalies: z.array(PaymentAnomalySchema),
  /** "Autoriser le paiement en ligne" — checked by default. */
  isOnlinePaymentAllowed: z.boolean(),
  /** The toggle is offered once a quote or a payment link was sent. */
  isOnlinePaymentToggleOffered: z.boolean(),
  /** What "Ajouter un paiement manuel" opens with: the balance as typed, today, the customer. */
  manualDefaults: z.object({
    amount: z.string(),
    receivedOn: day,
    payerName: z.string(),
    payerAddress: z.string(),
  }),
});
export type PaymentsView = z.infer<typeof PaymentsViewSchema>;

/** "Ajouter un paiement manuel": the amount AS TYPED ("120,50"), parsed by the server. */
export const ManualPaymentSchema = z.object({
  version,
  amount: z.string().max(32),
  /** The day the money was received (school's calendar), not after today. */
  receivedOn: day,
  payerName: z.string().trim().max(200),
  payerAddress: z.string().trim().max(500).default(''),
  method: z.enum(MANUAL_PAYMENT_METHODS),
  /** Cheque number, transfer label, ANCV Connect reference… */
  reference: z.string().trim().max(120).default(''),
  /** Chèques-vacances papier: how many vouchers. */
  voucherCount: z.number().int().min(1).max(1000).nullable().default(null),
});
export type ManualPaymentBody = z.input<typeof ManualPaymentSchema>;

export const OnlinePaymentBodySchema = z.object({ version, isAllowed: z.boolean() });

/** The file's own deposit rule, or `null` to go back to the school's. A fixed amount travels AS TYPED. */
export const DepositRuleBodySchema = z.object({
  version,
  rule: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('percentage'),
        bp: z.number().int().min(0).max(10_000),
        balanceDaysBefore,
      }),
      z.object({ kind: z.literal('fixed'), amount: z.string().max(32), balanceDaysBefore }),
    ])
    .nullable(),
});
export type DepositRuleBody = z.infer<typeof DepositRuleBodySchema>;

export const ResolveAnomalySchema = z.object({ version, note: z.string().trim().max(1000) });
export type ResolveAnomalyBody = z.infer<typeof ResolveAnomalySchema>;
