import { type Db, findLatestOffer, readSalesSettings } from '../../db/repositories/index.js';
import type { PayFacts } from '../../domain/pay-options.js';
import type { Request } from '../../domain/request.js';
import { dayIn } from '../../domain/time-zone.js';

/**
 * The facts `payOptionsOf` reads, for a file as loaded in the caller's transaction: the checkout
 * offers exactly what the portal shows. The deposit percentage is the school's (a file's own
 * deposit rule, PAY-STAFF's, plugs in here).
 */
export async function loadPayFacts(
  db: Db,
  request: Request,
  school: { timeZone: string; settingsJson: string },
  now: string,
): Promise<PayFacts & { offerId: string | null }> {
  const offer = await findLatestOffer(db, request.schoolId, request.id);
  return {
    isOnlinePaymentAllowed: request.isOnlinePaymentAllowed,
    isArchived: request.archivedAt !== null,
    latestOffer: offer
      ? { kind: offer.kind, amountCents: offer.amountCents, validUntil: offer.validUntil }
      : null,
    offerId: offer?.id ?? null,
    today: dayIn(now, school.timeZone),
    totalCents: request.totalCents,
    paidCents: request.paidCents,
    depositBp: readSalesSettings(school.settingsJson).defaultDepositBp,
  };
}
