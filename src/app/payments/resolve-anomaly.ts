import { findAnomalyOfRequest, markAnomalyResolved } from '../../db/repositories/index.js';
import { AppError, notFound, validation } from '../../domain/errors.js';
import type { PaymentsView, ResolveAnomalyBody } from '../../shared/contracts/payments.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { changeRequest } from '../requests/change-request.js';
import { transact } from '../tx.js';
import { PAYMENT_MESSAGES } from './payments.messages.js';
import { loadPaymentsView } from './payments-view.js';

/**
 * "Résoudre": a secretary closes a payment anomaly of the file (a signed event that did not match
 * what Schuss asked for, a payment on an archived file…) with a note saying what was done. Once
 * only; journaled. Another file's or school's anomaly is not found.
 */
export async function resolvePaymentAnomaly(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  anomalyId: string,
  input: ResolveAnomalyBody,
): Promise<PaymentsView> {
  if (input.note === '') throw validation({ note: PAYMENT_MESSAGES.noteRequired }, PAYMENT_MESSAGES.invalid);
  return transact(deps, async (tx) => {
    const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version };
    await changeRequest(tx, target, async (file) => {
      const anomaly = await findAnomalyOfRequest(tx.trx, actor.schoolId, requestId, anomalyId);
      if (!anomaly) throw notFound(PAYMENT_MESSAGES.anomalyNotFound);
      const isResolved =
        anomaly.resolvedAt === null &&
        (await markAnomalyResolved(tx.trx, {
          schoolId: actor.schoolId,
          id: anomalyId,
          at: tx.now,
          userId: actor.userId,
          note: input.note,
        }));
      if (!isResolved) throw new AppError('INVALID_STATE', PAYMENT_MESSAGES.anomalyResolved);
      file.journal({
        action: 'payment.anomaly_resolved',
        details: { anomalyId, reason: anomaly.reason, note: input.note },
      });
      // Nothing the status rule reads changed, yet the onglet's version moves so other screens reload.
      file.factsChanged();
    });
    return loadPaymentsView(tx.trx, { schoolId: actor.schoolId, requestId }, tx.now);
  });
}
