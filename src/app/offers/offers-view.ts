import type { Db } from '../../db/repositories/db.js';
import { listOffersOfRequest, type OfferRow } from '../../db/repositories/index.js';
import { cents } from '../../domain/money.js';
import { plusDays } from '../../domain/time-zone.js';
import type { Offer } from '../../shared/contracts/sales.js';

/**
 * The quotes and payment links of a file as the Devis onglet lists them: the latest of each kind
 * is the one the customer sees; a validity in the past is expired (it cannot be paid), one within
 * the school's reminder days expires soon ("expire bientôt"). `today` is the school's day.
 */
export function toOffers(
  rows: readonly (OfferRow & { sent_by_name: string | null })[],
  today: string,
  reminderDays: number,
): Offer[] {
  const latest = new Map<string, string>();
  for (const row of rows) latest.set(row.kind, row.id);
  return rows.map((row) => {
    const validUntil = row.valid_until;
    const isExpired = validUntil !== null && validUntil < today;
    return {
      id: row.id,
      kind: row.kind,
      number: row.number,
      version: Number(row.version),
      totalCents: cents(Number(row.total_cents)),
      amountCents: row.amount_cents === null ? null : cents(Number(row.amount_cents)),
      validUntil,
      isExpired,
      isExpiringSoon: isExpiringSoon(validUntil, today, reminderDays),
      sentAt: row.sent_at,
      sentByName: row.sent_by_name,
      isCurrent: latest.get(row.kind) === row.id,
    };
  });
}

export async function loadOffers(
  db: Db,
  target: { schoolId: string; requestId: string },
  today: string,
  reminderDays: number,
): Promise<Offer[]> {
  return toOffers(await listOffersOfRequest(db, target.schoolId, target.requestId), today, reminderDays);
}

/** "Expire bientôt": valid today still, and for no more than the school's reminder days. */
export function isExpiringSoon(validUntil: string | null, today: string, reminderDays: number): boolean {
  return validUntil !== null && validUntil >= today && validUntil <= plusDays(today, reminderDays);
}
