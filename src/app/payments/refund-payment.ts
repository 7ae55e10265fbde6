import {
  deleteHeldRefund,
  findPaymentIdByProviderRef,
  insertPayment,
  lockPayment,
  type Payment,
  refundedOf,
  setRefundProviderRef,
} from '../../db/repositories/index.js';
import { AppError, validation } from '../../domain/errors.js';
import { type Cents, cents, formatMoney } from '../../domain/money.js';
import type { PaymentProvider } from '../../integrations/payments/payment-provider.js';
import type { PaymentsView, RefundBody } from '../../shared/contracts/payments.js';
import type { Actor, StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { changeRequest, type RequestChange } from '../requests/change-request.js';
import { type Tx, transact } from '../tx.js';
import { readTypedAmount } from './manual-payment.js';
import { emailPaymentNotice } from './payment-notice.js';
import { PAYMENTS_ONLINE_MESSAGES, refundAboveRemaining } from './payments-online.messages.js';
import { loadPaymentsView } from './payments-view.js';

export interface RefundRecorded {
  refundId: string;
  /** False when the provider's refund had already been recorded (its webhook came first). */
  isNew: boolean;
  /** The "Paiement" onglet once the refund is recorded (what the route answers). */
  view: PaymentsView;
}

/**
 * "Rembourser": a full or partial refund of one payment, never more than what remains refundable
 * on it (the payment less its refunds). A manual payment's refund is recorded (with the payment's
 * method). An online one is written first as a held refund row — counted at once, so a second
 * refund racing this one finds less to refund — then asked of its provider (idempotency key = that
 * row's id); the provider's refund id is then set on the row, so that its webhook is recognised,
 * not counted twice; a refusal drops the row. Journaled, the customer is e-mailed, the status
 * follows the rule. The amount is read like every amount a secretary types (`readTypedAmount`).
 */
export async function refundPayment(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  paymentId: string,
  body: RefundBody,
): Promise<RefundRecorded> {
  const typed = readTypedAmount(body.amount);
  if ('error' in typed) throw validation({ amount: typed.error });
  const amount = typed.cents;
  const reason = body.reason?.trim() || null;
  const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: body.version };
  const refundId = newId('payment');
  const viewOf = (tx: Tx) => loadPaymentsView(tx.trx, { schoolId: actor.schoolId, requestId }, tx.now);

  // Version, payment (locked) and what remains checked, and the refund row written, at once.
  const held = await transact(deps, async (tx) => {
    const { result } = await changeRequest(tx, target, async (file) => {
      const payment = await refundablePayment(tx, actor.schoolId, requestId, paymentId, amount);
      const provider = payment.kind === 'online' ? providerOf(deps, payment) : null;
      const refund = { payment, refundId, amountCents: amount, providerRef: null, reason, actor };
      await writeRefund(tx, file, refund);
      if (!provider) await announceRefund(deps, tx, file, refund);
      return provider && { payment, provider, refund };
    });
    return result === null ? { view: await viewOf(tx) } : result;
  });
  if ('view' in held) return { refundId, isNew: true, view: held.view };

  const { payment, provider, refund } = held;
  // The provider is asked with no transaction open (it may take seconds).
  const asked = await provider
    .refund({ providerPaymentRef: payment.providerRef!, amountCents: amount, idempotencyKey: refundId })
    .catch(() => null);
  const system = { ...target, expectedVersion: undefined };
  if (!asked) {
    // Not refunded: the held row goes, and the file's amounts with it.
    await transact(deps, (tx) =>
      changeRequest(tx, system, async (file) => {
        await deleteHeldRefund(tx.trx, actor.schoolId, refundId);
        file.factsChanged();
      }),
    );
    throw new AppError('PROVIDER', PAYMENTS_ONLINE_MESSAGES.providerFailed);
  }
  // Refunded: whatever changed on the file meanwhile (no version check), it is recorded.
  return transact(deps, async (tx) => {
    const { result } = await changeRequest(tx, system, async (file) => {
      const known = await findPaymentIdByProviderRef(tx.trx, provider.name, asked.providerRefundRef);
      if (known && known.id !== refundId) {
        // Its webhook named it first and recorded it: that record stands, ours goes.
        await deleteHeldRefund(tx.trx, actor.schoolId, refundId);
        file.factsChanged();
        return { refundId: known.id, isNew: false };
      }
      await setRefundProviderRef(tx.trx, actor.schoolId, refundId, asked.providerRefundRef);
      await announceRefund(deps, tx, file, { ...refund, providerRef: asked.providerRefundRef });
      return { refundId, isNew: true };
    });
    return { ...result, view: await viewOf(tx) };
  });
}

/** The provider an online payment is refunded through, or the refusal saying it is not configured. */
function providerOf(deps: AppDeps, payment: Payment): PaymentProvider {
  const provider = payment.provider ? deps.payments.get(payment.provider) : undefined;
  if (!provider || !payment.providerRef)
    throw new AppError('INVALID_STATE', PAYMENTS_ONLINE_MESSAGES.providerMissing);
  return provider;
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

type FileChange = RequestChange;

interface NewRefund {
  payment: Payment;
  refundId: string;
  amountCents: Cents;
  providerRef: string | null;
  reason: string | null;
  actor?: Actor;
}

/**
 * Records one refund in the caller's change: written, journaled, the customer e-mailed. Used for
 * a refund a provider reports by webhook only (one made from its dashboard).
 */
export async function recordRefund(
  deps: Pick<AppDeps, 'config' | 'portalLinkKey'>,
  tx: Tx,
  file: FileChange,
  refund: NewRefund,
): Promise<void> {
  await writeRefund(tx, file, refund);
  await announceRefund(deps, tx, file, refund);
}

/**
 * Writes a refund beside the file (a negative payment bound to the payment it refunds): the
 * status rule and the paid amount follow. An online one keeps the payment's provider.
 */
async function writeRefund(tx: Tx, file: FileChange, refund: NewRefund): Promise<void> {
  const { payment } = refund;
  await insertPayment(tx.trx, {
    id: refund.refundId,
    schoolId: payment.schoolId,
    requestId: payment.requestId,
    kind: 'refund',
    method: payment.method,
    amountCents: cents(-refund.amountCents),
    currency: payment.currency,
    provider: payment.kind === 'online' ? payment.provider : null,
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
}

/** The refund is done: journaled on the file, and the customer gets the `refund` e-mail. */
async function announceRefund(
  deps: Pick<AppDeps, 'config' | 'portalLinkKey'>,
  tx: Tx,
  file: FileChange,
  refund: NewRefund,
): Promise<void> {
  const { payment } = refund;
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
  await emailPaymentNotice(deps, tx, file, {
    template: 'refund',
    paymentId: payment.id,
    amountCents: refund.amountCents,
  });
}
