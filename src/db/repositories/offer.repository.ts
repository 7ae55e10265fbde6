import type { OffersTable } from '../schema.js';
import type { Db } from './db.js';

export type OfferRow = OffersTable;

/** The quotes and payment links of a request, oldest first, with who sent each. */
export async function listOffersOfRequest(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<(OfferRow & { sent_by_name: string | null })[]> {
  return db
    .selectFrom('offers')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'offers.sent_by_user_id').onRef('users.school_id', '=', 'offers.school_id'),
    )
    .selectAll('offers')
    .select('users.name as sent_by_name')
    .where('offers.school_id', '=', schoolId)
    .where('offers.request_id', '=', requestId)
    .orderBy('offers.sent_at')
    .orderBy('offers.version')
    .execute();
}
