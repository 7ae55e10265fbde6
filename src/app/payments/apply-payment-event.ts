import {
  claimPaymentEvent,
  findPaymentIdByProviderRef,
  insertPayment,
  insertPaymentAnomaly,
  lockAttemptForEvent,
  lockPayment,
  type PaymentAttempt,
  type PaymentEventOutcome,
  refundedOf,
  setAttemptState,
  settlePaymentEvent,
} from '../../db/repositories/index.js';
import type { PaymentAttemptState } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { type Cents, cents } from '../../domain/money.js';
import { type ProviderEvent, WebhookSignatureError } from '../../integrations/payments/payment-provider.js';
import type { Actor } from '../actor.js';
import { crashPoint } from '../crash-points.js';
import type { AppDeps } from '../deps.js';
import { enqueuePaymentStaffEmails } from '../email/staff-email-notices.js';
import { newId } from '../ids.js';
import { changeRequest, type RequestChange } from '../requests/change-request.js';
import { type Tx, transact } from '../tx.js';
import { emailPaymentNotice } from './payment-notice.js';
import { PAYMENTS_ONLINE_MESSAGES, webhookRefused } from './payments-online.messages.js';
import { recordRefund } from './refund-payment.js';

/** What became of one delivery: `duplicate` when its event id was already received. */
export type WebhookOutcome = PaymentEventOutcome | 'duplicate';

/**
 * A provider's webhook, as received: verified on the raw body (signature, 300 s timestamp
 * tolerance) — a refusal writes nothing and says why (400) — then applied once.
 */
export async function receivePaymentWebhook(
  deps: AppDeps,
  providerName: string,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<{ outcome: WebhookOutcome }> {
  const provider = deps.payments.get(providerName);
  if (!provider) throw new AppError('NOT_FOUND', PAYMENTS_ONLINE_MESSAGES.unknownProvider);
  let event: ProviderEvent;
  try {
    event = provider.verifyWebhook(rawBody, headers);
  } catch (error) {
    if (error instanceof WebhookSignatureError)
      throw new AppError('VALIDATION', webhookRefused(error.message));
    throw error;
  }
  return applyPaymentEvent(deps, provider.name, event, rawBody.toString('utf8'));
}

/** Later states win, whatever order the provider's events arrive in: succeeded over all. */
const RANK: Record<PaymentAttemptState, number> = {
  created: 0,
  open: 1,
  pending: 2,
  expired: 3,
  failed: 4,
  succeeded: 5,
};

const STATE_OF: Partial<Record<ProviderEvent['kind'], PaymentAttemptState>> = {
  'payment.pending': 'pending',
  'payment.failed': 'failed',
  'checkout.expired': 'expired',
  'payment.succeeded': 'succeeded',
};

interface Settled {
  outcome: PaymentEventOutcome;
  schoolId: string | null;
  requestId: string | null;
  attemptId: string | null;
}

/**
 * One verified event, in ONE transaction: the event id is claimed first (a duplicate changes
 * nothing), then the attempt it names is locked and its binding checked — school, file, attempt,
 * session, amount and currency must all be ours, or it is an anomaly for staff and never counts
 * as paid. A payment is recorded through the file's change path (status, journal, receipt
 * e-mail); on an archived file it is recorded and flagged. The attempt's state only moves up
 * (`RANK`), so every arrival order of one payment's events ends the same.
 */
export async function applyPaymentEvent(
  deps: AppDeps,
  provider: string,
  event: ProviderEvent,
  payloadJson: string,
): Promise<{ outcome: WebhookOutcome }> {
  const applied = await transact(deps, async (tx) => {
    const rowId = newId('paymentEvent');
    const isNew = await claimPaymentEvent(tx.trx, {
      id: rowId,
      provider,
      providerEventId: event.eventId,
      type: event.type,
      payloadJson,
      receivedAt: tx.now,
    });
    if (!isNew) return { outcome: 'duplicate' as const };
    const settled =
      event.kind === 'ignored'
        ? { outcome: 'ignored' as const, schoolId: null, requestId: null, attemptId: null }
        : event.kind === 'refund.succeeded'
          ? await applyRefundEvent(deps, tx, provider, event, rowId)
          : await applyAttemptEvent(deps, tx, provider, event, rowId);
    await settlePaymentEvent(tx.trx, rowId, settled);
    crashPoint('webhook.before-commit');
    return { outcome: settled.outcome };
  });
  crashPoint('webhook.after-commit');
  return applied;
}

const SYSTEM_NAME = 'Paiement en ligne';

function systemActor(schoolId: string): Actor {
  return { kind: 'system', schoolId, name: SYSTEM_NAME };
}

/** Why a signed event does not bind to the attempt it names (empty: it does). */
function mismatchesOf(attempt: PaymentAttempt, provider: string, event: ProviderEvent): string[] {
  const problems: string[] = [];
  const m = event.metadata;
  if (
    attempt.provider !== provider ||
    m.schoolId !== attempt.schoolId ||
    m.requestId !== attempt.requestId ||
    m.attemptId !== attempt.id ||
    (event.providerSessionId !== null &&
      attempt.providerSessionId !== null &&
      event.providerSessionId !== attempt.providerSessionId)
  )
    problems.push('binding_mismatch');
  if (event.kind === 'payment.succeeded') {
    if (event.amountCents !== attempt.amountCents) problems.push('amount_mismatch');
    if ((event.currency ?? '').toLowerCase() !== attempt.currency) problems.push('currency_mismatch');
  }
  return problems;
}

async function applyAttemptEvent(
  deps: AppDeps,
  tx: Tx,
  provider: string,
  event: ProviderEvent,
  eventRowId: string,
): Promise<Settled> {
  const attempt = await lockAttemptForEvent(tx.trx, provider, {
    providerSessionId: event.providerSessionId,
    attemptId: event.metadata.attemptId ?? null,
  });
  // Signed, but nothing of ours: kept in payment_events, bound to no school.
  if (!attempt) return { outcome: 'anomaly', schoolId: null, requestId: null, attemptId: null };
  const bound = { schoolId: attempt.schoolId, requestId: attempt.requestId, attemptId: attempt.id };
  const problems = mismatchesOf(attempt, provider, event);
  if (problems.length > 0) {
    await flagAnomaly(tx, attempt.schoolId, attempt.requestId, {
      reason: problems[0]!,
      amountCents: event.amountCents,
      eventRowId,
      paymentId: null,
      details: {
        problems,
        providerEventId: event.eventId,
        type: event.type,
        received: {
          metadata: event.metadata,
          sessionId: event.providerSessionId,
          amountCents: event.amountCents,
          currency: event.currency,
        },
        expected: {
          schoolId: attempt.schoolId,
          requestId: attempt.requestId,
          attemptId: attempt.id,
          sessionId: attempt.providerSessionId,
          amountCents: attempt.amountCents,
          currency: attempt.currency,
        },
      },
    });
    return { outcome: 'anomaly', ...bound };
  }
  const next = STATE_OF[event.kind];
  if (!next || RANK[next] <= RANK[attempt.state]) return { outcome: 'ignored', ...bound };
  if (next === 'succeeded') await recordOnlinePayment(deps, tx, provider, attempt, event, eventRowId);
  await setAttemptState(tx.trx, attempt.schoolId, attempt.id, next, tx.now);
  // The customer's return page and the staff screens learn the attempt's news live.
  tx.publish({
    schoolId: attempt.schoolId,
    type: 'payment.attempt_changed',
    requestId: attempt.requestId,
    data: { attemptId: attempt.id, state: next },
  });
  return { outcome: 'applied', ...bound };
}

/** The money came in: a payment on the file, through its change path — flagged if archived. */
async function recordOnlinePayment(
  deps: AppDeps,
  tx: Tx,
  provider: string,
  attempt: PaymentAttempt,
  event: ProviderEvent,
  eventRowId: string,
): Promise<void> {
  const target = {
    schoolId: attempt.schoolId,
    requestId: attempt.requestId,
    actor: systemActor(attempt.schoolId),
  };
  await changeRequest(tx, target, async (file) => {
    const isArchived = file.request.archivedAt !== null;
    const paymentId = newId('payment');
    await insertPayment(tx.trx, {
      id: paymentId,
      schoolId: attempt.schoolId,
      requestId: attempt.requestId,
      kind: 'online',
      method: 'online',
      amountCents: attempt.amountCents,
      currency: attempt.currency,
      provider,
      providerRef: event.providerPaymentRef ?? `attempt:${attempt.id}`,
      payerName: null,
      payerAddress: null,
      reference: null,
      voucherCount: null,
      note: null,
      refundOfPaymentId: null,
      attemptId: attempt.id,
      isFlagged: isArchived,
      receivedAt: tx.now,
      recordedByUserId: null,
      createdAt: tx.now,
    });
    file.factsChanged();
    file.journal({
      action: 'payment.online_received',
      details: {
        paymentId,
        amountCents: attempt.amountCents,
        provider,
        purpose: attempt.purpose,
        isFlagged: isArchived,
      },
    });
    const paidCents = cents(file.request.paidCents + attempt.amountCents);
    const remainingCents = cents(Math.max(0, file.request.totalCents - paidCents));
    if (isArchived || paidCents > file.request.totalCents)
      await flagAnomaly(
        tx,
        attempt.schoolId,
        attempt.requestId,
        {
          reason: isArchived ? 'archived_file' : 'overpaid',
          amountCents: attempt.amountCents,
          eventRowId,
          paymentId,
          details: { providerEventId: event.eventId, paidCents, totalCents: file.request.totalCents },
        },
        file,
      );
    await emailPaymentNotice(deps, tx, file, {
      template: 'payment_receipt',
      paymentId,
      amountCents: attempt.amountCents,
      method: 'online',
      paidCents,
      remainingCents,
    });
    await enqueuePaymentStaffEmails(tx, file);
  });
}

/**
 * A refund the provider reports (our own "Rembourser", or one made from its dashboard): ignored
 * when its refund id is already recorded, or — when the event only says how much is refunded in
 * all — when our refunds already add up to it; otherwise recorded on the payment it refunds.
 */
async function applyRefundEvent(
  deps: AppDeps,
  tx: Tx,
  provider: string,
  event: ProviderEvent,
  eventRowId: string,
): Promise<Settled> {
  const nothing = { schoolId: null, requestId: null, attemptId: null };
  const found = event.providerPaymentRef
    ? await findPaymentIdByProviderRef(tx.trx, provider, event.providerPaymentRef)
    : undefined;
  if (!found) return { outcome: 'anomaly', ...nothing };
  const payment = await lockPayment(tx.trx, found.schoolId, found.id);
  if (payment?.kind !== 'online') return { outcome: 'anomaly', ...nothing };
  const bound = { schoolId: payment.schoolId, requestId: payment.requestId, attemptId: payment.attemptId };
  if (
    event.providerRefundRef &&
    (await findPaymentIdByProviderRef(tx.trx, provider, event.providerRefundRef))
  )
    return { outcome: 'ignored', ...bound };
  const refunded = await refundedOf(tx.trx, payment.schoolId, payment.id);
  let amount: Cents | null = null;
  if (event.refundedTotalCents !== undefined && event.refundedTotalCents !== null) {
    const missing = event.refundedTotalCents - refunded;
    if (missing <= 0) return { outcome: 'ignored', ...bound };
    amount = cents(missing);
  } else amount = event.amountCents;
  if (amount === null || amount <= 0) return { outcome: 'ignored', ...bound };
  const target = {
    schoolId: payment.schoolId,
    requestId: payment.requestId,
    actor: systemActor(payment.schoolId),
  };
  await changeRequest(tx, target, async (file) => {
    if (amount > payment.amountCents - refunded) {
      await flagAnomaly(
        tx,
        payment.schoolId,
        payment.requestId,
        {
          reason: 'refund_above_payment',
          amountCents: amount,
          eventRowId,
          paymentId: payment.id,
          details: {
            providerEventId: event.eventId,
            refundedCents: refunded,
            paymentCents: payment.amountCents,
          },
        },
        file,
      );
      return;
    }
    await recordRefund(deps, tx, file, {
      payment,
      refundId: newId('payment'),
      amountCents: amount,
      // The refund's own id when the event names it for this amount; else the event's.
      providerRef:
        event.providerRefundRef && event.amountCents === amount
          ? event.providerRefundRef
          : `event:${event.eventId}`,
      reason: null,
    });
  });
  return { outcome: 'applied', ...bound };
}

/** An anomaly row for staff, journaled on its file (the dossier shows it live). */
async function flagAnomaly(
  tx: Tx,
  schoolId: string,
  requestId: string,
  anomaly: {
    reason: string;
    amountCents: Cents | null;
    eventRowId: string;
    paymentId: string | null;
    details: Record<string, unknown>;
  },
  file?: RequestChange,
): Promise<void> {
  const anomalyId = newId('paymentAnomaly');
  await insertPaymentAnomaly(tx.trx, {
    id: anomalyId,
    schoolId,
    requestId,
    paymentId: anomaly.paymentId,
    eventId: anomaly.eventRowId,
    reason: anomaly.reason,
    amountCents: anomaly.amountCents,
    details: anomaly.details,
    createdAt: tx.now,
  });
  const entry = {
    action: 'payment.anomaly_recorded' as const,
    details: { anomalyId, reason: anomaly.reason, amountCents: anomaly.amountCents },
  };
  if (file) file.journal(entry);
  else
    await changeRequest(tx, { schoolId, requestId, actor: systemActor(schoolId) }, (change) =>
      change.journal(entry),
    );
}
