import { AppError } from '../../domain/errors.js';
import type { PaymentsView } from '../../shared/contracts/payments.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { changeRequest } from '../requests/change-request.js';
import { transact } from '../tx.js';
import { PAYMENT_MESSAGES } from './payments.messages.js';
import { loadPaymentsView } from './payments-view.js';

/**
 * "Autoriser le paiement en ligne": offered once a quote or payment link was sent. Unticked, the
 * portal's "Payer" button goes at once (payOptionsOf reads the flag; the change is published
 * live after commit). Journaled when it really changes.
 */
export async function setOnlinePaymentAllowed(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { version: number; isAllowed: boolean },
): Promise<PaymentsView> {
  return transact(deps, async (tx) => {
    const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version };
    await changeRequest(tx, target, (file) => {
      if (file.request.offerSentAt === null)
        throw new AppError('INVALID_STATE', PAYMENT_MESSAGES.toggleNotOffered, {
          fields: { isAllowed: PAYMENT_MESSAGES.toggleNotOfferedField },
        });
      if (file.request.isOnlinePaymentAllowed === input.isAllowed) return;
      file.edit({ isOnlinePaymentAllowed: input.isAllowed });
      file.journal({ action: 'payment.online_toggled', details: { isAllowed: input.isAllowed } });
    });
    return loadPaymentsView(tx.trx, { schoolId: actor.schoolId, requestId }, tx.now);
  });
}
