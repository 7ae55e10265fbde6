import {
  type Db,
  findBalanceSchedule,
  findLatestOffer,
  findOfferRecipient,
  findRequest,
  findStaffNames,
  listAnomaliesOfRequest,
  listPaymentsOfRequest,
} from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import { amountDue, cents, eurosInputText } from '../../domain/money.js';
import { scheduledDepositOf } from '../../domain/pay-options.js';
import { dayIn } from '../../domain/time-zone.js';
import type { PaymentEntry, PaymentsView } from '../../shared/contracts/payments.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { loadOfferSchool } from '../offers/offer-school.js';
import { depositCentsOf, depositRuleIn, firstLessonOf, isBalanceOverdue } from './balance-schedule.js';

/**
 * The "Paiement" onglet of a file: its payments and refunds (with who recorded them and what
 * each payment may still be refunded), paid and remaining, the schedule (deposit rule, the day
 * the balance is due), the anomalies to look at, the online-payment toggle, and what "Ajouter un
 * paiement manuel" opens with. Read at `now` in the school's time zone; another school's file is
 * not found.
 */
export async function loadPaymentsView(
  db: Db,
  target: { schoolId: string; requestId: string },
  now: string,
): Promise<PaymentsView> {
  const { schoolId, requestId } = target;
  const request = await findRequest(db, schoolId, requestId);
  if (!request) throw notFound(NOT_FOUND.file);
  const [payments, anomalies, schedule, school, customer, firstLessonOn, latestOffer] = await Promise.all([
    listPaymentsOfRequest(db, schoolId, requestId),
    listAnomaliesOfRequest(db, schoolId, requestId),
    findBalanceSchedule(db, schoolId, requestId),
    loadOfferSchool(db, schoolId),
    findOfferRecipient(db, schoolId, requestId),
    firstLessonOf(db, schoolId, requestId),
    findLatestOffer(db, schoolId, requestId),
  ]);
  const names = await findStaffNames(db, schoolId, [
    ...payments.flatMap((p) => (p.recordedByUserId ? [p.recordedByUserId] : [])),
    ...anomalies.flatMap((a) => (a.resolvedByUserId ? [a.resolvedByUserId] : [])),
  ]);
  const refunded = new Map<string, number>();
  for (const p of payments)
    if (p.refundOfPaymentId)
      refunded.set(p.refundOfPaymentId, (refunded.get(p.refundOfPaymentId) ?? 0) - p.amountCents);
  const entries: PaymentEntry[] = payments.map((p) => ({
    id: p.id,
    kind: p.kind,
    method: p.method,
    amountCents: p.amountCents,
    receivedAt: p.receivedAt,
    reference: p.reference,
    payerName: p.payerName,
    payerAddress: p.payerAddress,
    voucherCount: p.voucherCount,
    note: p.note,
    recordedByName: p.recordedByUserId ? (names.get(p.recordedByUserId) ?? null) : null,
    refundOfPaymentId: p.refundOfPaymentId,
    refundableCents: p.amountCents > 0 ? Math.max(0, p.amountCents - (refunded.get(p.id) ?? 0)) : 0,
    isFlagged: p.isFlagged,
  }));
  const today = dayIn(now, school.timeZone);
  const remaining = amountDue(request.totalCents, request.paidCents);
  const { rule, isSchoolRule } = depositRuleIn(schedule?.depositRuleJson ?? null, school.sales);
  const balanceDueOn = schedule?.balanceDueOn ?? null;
  const lastAddress = [...payments].reverse().find((p) => p.payerAddress)?.payerAddress ?? '';
  return {
    requestId,
    version: request.version,
    isArchived: request.archivedAt !== null,
    totalCents: request.totalCents,
    paidCents: request.paidCents,
    remainingCents: remaining,
    payments: entries,
    schedule: {
      rule,
      isSchoolRule,
      depositCents: depositCentsOf(rule, request.totalCents),
      askedDepositCents:
        latestOffer?.kind === 'payment_link'
          ? scheduledDepositOf({
              latestOffer,
              depositCents: depositCentsOf(rule, request.totalCents),
              totalCents: request.totalCents,
            })
          : null,
      firstLessonOn,
      balanceDueOn,
      isBalanceOverdue: isBalanceOverdue({ status: request.status, balanceDueOn }, today),
      balanceReminderSentAt: schedule?.balanceReminderSentAt ?? null,
      balanceOverdueSentAt: schedule?.balanceOverdueSentAt ?? null,
    },
    anomalies: anomalies.map((a) => ({
      id: a.id,
      reason: a.reason,
      amountCents: a.amountCents,
      createdAt: a.createdAt,
      resolvedAt: a.resolvedAt,
      resolvedByName: a.resolvedByUserId ? (names.get(a.resolvedByUserId) ?? null) : null,
      resolutionNote: a.resolutionNote,
    })),
    isOnlinePaymentAllowed: request.isOnlinePaymentAllowed,
    isOnlinePaymentToggleOffered: request.offerSentAt !== null,
    manualDefaults: {
      amount: remaining > 0 ? eurosInputText(cents(remaining)) : '',
      receivedOn: today,
      payerName: customer ? `${customer.firstName} ${customer.lastName}`.trim() : '',
      payerAddress: lastAddress,
    },
  };
}

/** GET the Paiement onglet of one of the staff member's school's files. */
export function getPaymentsView(deps: AppDeps, actor: StaffActor, requestId: string): Promise<PaymentsView> {
  return loadPaymentsView(
    deps.db.kysely,
    { schoolId: actor.schoolId, requestId },
    deps.clock.now().toISOString(),
  );
}
