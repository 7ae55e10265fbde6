import {
  findOfferRecipient,
  findPaymentIdByProviderRef,
  insertPayment,
  lockPayment,
  type Payment,
  refundedOf,
} from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound, validation } from '../../domain/errors.js';
import { type Cents, cents, formatMoney, parseEuros } from '../../domain/money.js';
import type { RefundBody } from '../../shared/contracts/payments.js';
import type { Actor, StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { newId } from '../ids.js';
import { privateLinkOf } from '../portal/private-link.js';
import { changeRequest } from '../requests/change-request.js';
import { type Tx, transact } from '../tx.js';
import { PAYMENTS_ONLINE_MESSAGES, refundAboveRemaining } from './payments-online.messages.js';

export interface RefundRecorded {
  refundId: string;
  /** False when the provider's refund had already been recorded (its webhook came first). */
  isNew: boolean;
}

/**
 * "Rembourser": a full or partial refund of one payment, never more than what remains refundable
 * on it (the payment less its refunds). A manual payment's refund is recorded (with the payment's
 * method); an online one goes through its provider first (idempotency key = our refund row id)
 * and is recorded with the provider's refund id, so that its later webhook is recognised, not
 * counted twice. Journaled, the customer is e-mailed, the status follows the rule.
 */
export async function refundPayment(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  paymentId: string,
  body: RefundBody,
): Promise<RefundRecorded> {
  const amount = parseEuros(body.amount);
  if (amount === null) throw validation({ amount: PAYMENTS_ONLINE_MESSAGES.amountInvalid });
  if (amount <= 0) throw validation({ amount: PAYMENTS_ONLINE_MESSAGES.amountZero });
  const reason = body.reason?.trim() || null;
  const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: body.version };
  const refundId = newId('payment');

  // Checked (version, payment, what remains) — and, for a manual payment, recorded — at once.
  const checked = await transact(deps, async (tx) => {
    const { result } = await changeRequest(tx, target, async (file) => {
      const payment = await refundablePayment(tx, actor.schoolId, requestId, paymentId, amount);
      if (payment.kind !== 'manual') return payment;
      await recordRefund(deps, tx, file, {
        payment,
        refundId,
        amountCents: amount,
        providerRef: null,
        reason,
        actor,
      });
      return null;
    });
    return result;
  });
  if (checked === null) return { refundId, isNew: true };

  const payment = checked;
  const provider = payment.provider ? deps.payments.get(payment.provider) : undefined;
  if (!provider || !payment.providerRef)
    throw new AppError('INVALID_STATE', PAYMENTS_ONLINE_MESSAGES.providerMissing);
  let providerRefundRef: string;
  try {
    ({ providerRefundRef } = await provider.refund({
      providerPaymentRef: payment.providerRef,
      amountCents: amount,
      idempotencyKey: refundId,
    }));
  } catch {
    throw new AppError('PROVIDER', PAYMENTS_ONLINE_MESSAGES.providerFailed);
  }
  // The provider has refunded: record it whatever changed on the file meanwhile (no version
  // check), unless its webhook already did.
  return transact(deps, async (tx) => {
    const { result } = await changeRequest(tx, { ...target, expectedVersion: undefined }, async (file) => {
      const locked = await lockPayment(tx.trx, actor.schoolId, payment.id);
      if (!locked) throw notFound(NOT_FOUND.file);
      const known = await findPaymentIdByProviderRef(tx.trx, provider.name, providerRefundRef);
      if (known) return { refundId: known.id, isNew: false };
      await recordRefund(deps, tx, file, {
        payment: locked,
        refundId,
        amountCents: amount,
        providerRef: providerRefundRef,
        reason,
        actor,
      });
      return { refundId, isNew: true };
    });
    return result;
  });
}

/** The payment of this file (locked), refundable by `amount`, or the refusal that says why not. */
async function refundablePayment(
  tx: Tx,
  schoolId: string,
  requestId: string,
  paymentId: string,
  amount: Cents,
): Promise<Payment> {
  const payment = await lockPayment(tx.trx, schoolId, paymentId);
  if (!payment || payment.requestId !== requestId)
    throw new AppError('NOT_FOUND', PAYMENTS_ONLINE_MESSAGES.paymentNotFound);
  if (payment.kind === 'refund') throw new AppError('INVALID_STATE', PAYMENTS_ONLINE_MESSAGES.notRefundable);
  const remaining = cents(payment.amountCents - (await refundedOf(tx.trx, schoolId, payment.id)));
  if (remaining <= 0) throw validation({ amount: PAYMENTS_ONLINE_MESSAGES.nothingLeft });
  if (amount > remaining) throw validation({ amount: refundAboveRemaining(formatMoney(remaining)) });
  return payment;
}

type FileChange = Parameters<Parameters<typeof changeRequest>[2]>[0];

/**
 * Writes one refund beside the file (a negative payment bound to the payment it refunds), in
 * the caller's change: the status rule and paid amount follow, journaled, the customer e-mailed.
 * Shared by "Rembourser" and by a provider's refund webhook (a refund made from its dashboard).
 */
export async function recordRefund(
  deps: Pick<AppDeps, 'config' | 'portalLinkKey'>,
  tx: Tx,
  file: FileChange,
  refund: {
    payment: Payment;
    refundId: string;
    amountCents: Cents;
    providerRef: string | null;
    reason: string | null;
    actor?: Actor;
  },
): Promise<void> {
  const { payment } = refund;
  await insertPayment(tx.trx, {
    id: refund.refundId,
    schoolId: payment.schoolId,
    requestId: payment.requestId,
    kind: 'refund',
    method: payment.method,
    amountCents: cents(-refund.amountCents),
    currency: payment.currency,
    provider: refund.providerRef === null ? null : payment.provider,
    providerRef: refund.providerRef,
    payerName: payment.payerName,
    payerAddress: null,
    reference: null,
    voucherCount: null,
    note: refund.reason,
    refundOfPaymentId: payment.id,
    attemptId: null,
    isFlagged: false,
    receivedAt: tx.now,
    recordedByUserId: refund.actor?.kind === 'staff' ? refund.actor.userId : null,
    createdAt: tx.now,
  });
  file.factsChanged();
  file.journal({
    action: 'payment.refunded',
    details: {
      paymentId: payment.id,
      refundId: refund.refundId,
      amountCents: refund.amountCents,
      method: payment.method,
      reason: refund.reason,
    },
  });
  const customer = await findOfferRecipient(tx.trx, payment.schoolId, payment.requestId);
  if (customer?.email)
    file.enqueue(
      customerEmail({
        schoolId: payment.schoolId,
        requestId: payment.requestId,
        to: customer.email,
        firstName: customer.firstName,
        language: customer.language,
        fileNumber: file.request.number,
        link: await privateLinkOf(deps, tx, { schoolId: payment.schoolId, id: payment.requestId }),
        params: { template: 'refund', paymentId: payment.id, amountCents: refund.amountCents },
      }),
    );
}
