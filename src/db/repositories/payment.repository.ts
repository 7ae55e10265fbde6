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

export async function insertPayment(db: Db, payment: NewPayment): Promise<void> {
  await db
    .insertInto('payments')
    .values({
      id: payment.id,
      school_id: payment.schoolId,
      request_id: payment.requestId,
      kind: payment.kind,
      method: payment.method,
      amount_cents: payment.amountCents,
      currency: payment.currency ?? 'eur',
      provider: payment.provider,
      provider_ref: payment.providerRef,
      payer_name: payment.payerName,
      payer_address: payment.payerAddress,
      reference: payment.reference,
      voucher_count: payment.voucherCount,
      note: payment.note,
      refund_of_payment_id: payment.refundOfPaymentId,
      attempt_id: payment.attemptId,
      is_flagged: payment.isFlagged ? 1 : 0,
      received_at: payment.receivedAt,
      recorded_by_user_id: payment.recordedByUserId,
      created_at: payment.createdAt,
    })
    .execute();
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
