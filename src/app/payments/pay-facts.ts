import {
  type Db,
  findBalanceSchedule,
  findLatestOffer,
  readSalesSettings,
} from '../../db/repositories/index.js';
import { type Cents, cents } from '../../domain/money.js';
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
  return payFactsOf(request, school, now, {
    latestOffer: offer ?? null,
    depositRuleJson: schedule?.depositRuleJson ?? null,
  });
}

/** The latest offer as `payOptionsOf` reads it: the one sent last (ties: the greatest id). */
export type LatestOffer = {
  id: string;
  kind: 'quote' | 'payment_link';
  amountCents: Cents | null;
  validUntil: string | null;
};

/**
 * The same facts from what a caller already read (the portal page reads the file's offers and
 * its deposit rule anyway): `latestOfferOf` picks the latest exactly as `findLatestOffer` does.
 */
export function payFactsOf(
  request: Request,
  school: { timeZone: string; settingsJson: string },
  now: string | Date,
  read: { latestOffer: LatestOffer | null; depositRuleJson: string | null },
): PayFacts & { offerId: string | null } {
  const { rule } = depositRuleIn(read.depositRuleJson, readSalesSettings(school.settingsJson));
  const offer = read.latestOffer;
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

/** The latest of a file's offers as stored rows: sent last, ties broken by the greatest id. */
export function latestOfferOf(
  offers: readonly {
    id: string;
    kind: 'quote' | 'payment_link';
    sent_at: string;
    amount_cents: number | null;
    valid_until: string | null;
  }[],
): LatestOffer | null {
  let latest: (typeof offers)[number] | null = null;
  for (const offer of offers)
    if (
      latest === null ||
      offer.sent_at > latest.sent_at ||
      (offer.sent_at === latest.sent_at && offer.id > latest.id)
    )
      latest = offer;
  return latest
    ? {
        id: latest.id,
        kind: latest.kind,
        amountCents: latest.amount_cents === null ? null : cents(Number(latest.amount_cents)),
        validUntil: latest.valid_until,
      }
    : null;
}
