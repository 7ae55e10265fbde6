import { type Cents, cents } from '../../domain/money.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db } from './db.js';

/** Payment methods as stored (payments.method); their words live with the staff app and e-mails. */
export type PaymentMethod =
  | 'online'
  | 'cash'
  | 'cheque'
  | 'transfer'
  | 'holiday_vouchers'
  | 'ancv_connect'
  | 'card_desk';

/** One money movement on a file: a payment (positive) or a refund (negative). */
export interface Payment {
  id: string;
  schoolId: string;
  requestId: string;
  kind: 'online' | 'manual' | 'refund';
  method: string;
  /** Positive for payments, negative for refunds. */
  amountCents: Cents;
  currency: string;
  provider: string | null;
  providerRef: string | null;
  payerName: string | null;
  payerAddress: string | null;
  reference: string | null;
  voucherCount: number | null;
  note: string | null;
  refundOfPaymentId: string | null;
  attemptId: string | null;
  isFlagged: boolean;
  receivedAt: string;
  recordedByUserId: string | null;
  createdAt: string;
}

export type NewPayment = Omit<Payment, 'currency'> & { currency?: string };

/**
 * Every payment, refund and online receipt writes one row: its 20-column INSERT is built and
 * compiled once (the webhook's hot path), then run with each row's values in column order.
 */
const insertPaymentRow = preparedQuery(
  (
    db,
    id: string,
    schoolId: string,
    requestId: string,
    kind: Payment['kind'],
    method: string,
    amountCents: number,
    currency: string,
    provider: string | null,
    providerRef: string | null,
    payerName: string | null,
    payerAddress: string | null,
    reference: string | null,
    voucherCount: number | null,
    note: string | null,
    refundOfPaymentId: string | null,
    attemptId: string | null,
    isFlagged: 0 | 1,
    receivedAt: string,
    recordedByUserId: string | null,
    createdAt: string,
  ) =>
    db.insertInto('payments').values({
      id,
      school_id: schoolId,
      request_id: requestId,
      kind,
      method,
      amount_cents: amountCents,
      currency,
      provider,
      provider_ref: providerRef,
      payer_name: payerName,
      payer_address: payerAddress,
      reference,
      voucher_count: voucherCount,
      note,
      refund_of_payment_id: refundOfPaymentId,
      attempt_id: attemptId,
      is_flagged: isFlagged,
      received_at: receivedAt,
      recorded_by_user_id: recordedByUserId,
      created_at: createdAt,
    }),
);

export async function insertPayment(db: Db, payment: NewPayment): Promise<void> {
  await insertPaymentRow(
    db,
    payment.id,
    payment.schoolId,
    payment.requestId,
    payment.kind,
    payment.method,
    payment.amountCents,
    payment.currency ?? 'eur',
    payment.provider,
    payment.providerRef,
    payment.payerName,
    payment.payerAddress,
    payment.reference,
    payment.voucherCount,
    payment.note,
    payment.refundOfPaymentId,
    payment.attemptId,
    payment.isFlagged ? 1 : 0,
    payment.receivedAt,
    payment.recordedByUserId,
    payment.createdAt,
  );
}

/** A file's payments and refunds, oldest first. */
export async function listPaymentsOfRequest(db: Db, schoolId: string, requestId: string): Promise<Payment[]> {
  return (await selectPaymentsOfRequest(db, schoolId, requestId)).map(toPayment);
}

// Read by every Paiement onglet, portal page and Devis answer: built and compiled once.
const selectPaymentsOfRequest = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('payments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('received_at')
    .orderBy('id'),
);

export async function findPayment(db: Db, schoolId: string, id: string): Promise<Payment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toPayment(row) : undefined;
}

function toPayment(row: {
  id: string;
  school_id: string;
  request_id: string;
  kind: 'online' | 'manual' | 'refund';
  method: string;
  amount_cents: number;
  currency: string;
  provider: string | null;
  provider_ref: string | null;
  payer_name: string | null;
  payer_address: string | null;
  reference: string | null;
  voucher_count: number | null;
  note: string | null;
  refund_of_payment_id: string | null;
  attempt_id: string | null;
  is_flagged: number;
  received_at: string;
  recorded_by_user_id: string | null;
  created_at: string;
}): Payment {
  return {
    id: row.id,
    schoolId: row.school_id,
    requestId: row.request_id,
    kind: row.kind,
    method: row.method,
    amountCents: cents(Number(row.amount_cents)),
    currency: row.currency,
    provider: row.provider,
    providerRef: row.provider_ref,
    payerName: row.payer_name,
    payerAddress: row.payer_address,
    reference: row.reference,
    voucherCount: row.voucher_count === null ? null : Number(row.voucher_count),
    note: row.note,
    refundOfPaymentId: row.refund_of_payment_id,
    attemptId: row.attempt_id,
    isFlagged: Number(row.is_flagged) === 1,
    receivedAt: row.received_at,
    recordedByUserId: row.recorded_by_user_id,
    createdAt: row.created_at,
  };
}
