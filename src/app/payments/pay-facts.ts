import {
  type Db,
  findBalanceSchedule,
  findLatestOffer,
  readSalesSettings,
} from '../../db/repositories/index.js';
import type { PayFacts } from '../../domain/pay-options.js';
import type { Request } from '../../domain/request.js';
import { dayIn } from '../../domain/time-zone.js';
import { depositCentsOf, depositRuleIn } from './balance-schedule.js';

/**
 * THE loader of the facts `payOptionsOf` reads, for a file as the caller reads it (in its
 * transaction, or outside one for a page view): the portal's "Payer" buttons and the checkout's
 * accepted purposes and amounts come from here, so the page shows exactly what checkout accepts.
 * The deposit is the one the file's own rule asks (requests.deposit_rule_json: a percentage or a
 * fixed amount), else the school's — in cents, never rounded through a percentage.
 */
export async function loadPayFacts(
  db: Db,
  request: Request,
  school: { timeZone: string; settingsJson: string },
  now: string | Date,
): Promise<PayFacts & { offerId: string | null }> {
  const [offer, schedule] = await Promise.all([
    findLatestOffer(db, request.schoolId, request.id),
    findBalanceSchedule(db, request.schoolId, request.id),
  ]);
  const { rule } = depositRuleIn(schedule?.depositRuleJson ?? null, readSalesSettings(school.settingsJson));
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
    depositCents: depositCentsOf(rule, request.totalCents),
  };
}
