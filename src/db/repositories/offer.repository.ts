import { preparedQuery } from '../prepared-query.js';
import type { OffersTable } from '../schema.js';
import type { Db } from './db.js';

export type OfferRow = OffersTable;

/** The quotes and payment links of a request, oldest first, with who sent each. */
export async function listOffersOfRequest(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<(OfferRow & { sent_by_name: string | null })[]> {
  return selectOffersOfRequest(db, schoolId, requestId);
}

// Read by every Devis answer: built and compiled once (see prepared-query.ts).
const selectOffersOfRequest = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('offers')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'offers.sent_by_user_id').onRef('users.school_id', '=', 'offers.school_id'),
    )
    .selectAll('offers')
    .select('users.name as sent_by_name')
    .where('offers.school_id', '=', schoolId)
    .where('offers.request_id', '=', requestId)
    .orderBy('offers.sent_at')
    .orderBy('offers.version'),
);

/** What sending an offer reads of the school: its name, time zone and settings (JSON). */
export async function findOfferSchool(
  db: Db,
  schoolId: string,
): Promise<{ name: string; timeZone: string; settingsJson: string } | undefined> {
  const row = await db
    .selectFrom('schools')
    .select(['name', 'time_zone', 'settings_json'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return row && { name: row.name, timeZone: row.time_zone, settingsJson: row.settings_json };
}

/** The lines of a request as an offer snapshots them, in their order. */
export const listLinesForOffer = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('lines')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('position'),
);

/** The e-mail address and first name of the customer of a request. */
export async function findOfferRecipient(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<{ email: string; firstName: string; lastName: string; language: string } | undefined> {
  const [row] = await selectOfferRecipient(db, schoolId, requestId);
  return (
    row && { email: row.email, firstName: row.first_name, lastName: row.last_name, language: row.language }
  );
}

const selectOfferRecipient = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('requests')
    .innerJoin('customers', (join) =>
      join
        .onRef('customers.id', '=', 'requests.customer_id')
        .onRef('customers.school_id', '=', 'requests.school_id'),
    )
    .select(['customers.email', 'customers.first_name', 'customers.last_name', 'requests.language'])
    .where('requests.school_id', '=', schoolId)
    .where('requests.id', '=', requestId),
);

const selectLastOfferVersion = preparedQuery(
  (db, schoolId: string, requestId: string, kind: OfferRow['kind']) =>
    db
      .selectFrom('offers')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('school_id', '=', schoolId)
      .where('request_id', '=', requestId)
      .where('kind', '=', kind),
);

/** The latest version of an offer kind on a request (0 when none was sent). */
export async function lastOfferVersion(
  db: Db,
  schoolId: string,
  requestId: string,
  kind: OfferRow['kind'],
): Promise<number> {
  const [row] = await selectLastOfferVersion(db, schoolId, requestId, kind);
  return Number(row?.version ?? 0);
}

export async function insertOffer(db: Db, row: OfferRow): Promise<void> {
  await db.insertInto('offers').values(row).execute();
}

/** One offer of a request of the school; another school's (or request's) offer is not found. */
export function findOfferOfRequest(
  db: Db,
  schoolId: string,
  requestId: string,
  offerId: string,
): Promise<OfferRow | undefined> {
  return db
    .selectFrom('offers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .where('id', '=', offerId)
    .executeTakeFirst();
}

/** A new validity for an offer; the reminder may go again for the new date. */
export async function setOfferValidUntil(db: Db, schoolId: string, offerId: string, validUntil: string) {
  await db
    .updateTable('offers')
    .set({ valid_until: validUntil, reminder_sent_at: null })
    .where('school_id', '=', schoolId)
    .where('id', '=', offerId)
    .execute();
}

/** The validity the lists show (denormalised from the current offer), written inside the change. */
export async function setRequestOfferValidUntil(
  db: Db,
  schoolId: string,
  requestId: string,
  validUntil: string | null,
): Promise<void> {
  await updateOfferValidUntil(db, schoolId, requestId, validUntil);
}

const updateOfferValidUntil = preparedQuery(
  (db, schoolId: string, requestId: string, validUntil: string | null) =>
    db
      .updateTable('requests')
      .set({ offer_valid_until: validUntil })
      .where('school_id', '=', schoolId)
      .where('id', '=', requestId),
);

const selectPortalNonce = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('requests')
    .select('portal_nonce')
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId),
);

/** The private link's nonce of a request (null: opened before links were derived). */
export async function findPortalNonce(db: Db, schoolId: string, requestId: string): Promise<string | null> {
  const [row] = await selectPortalNonce(db, schoolId, requestId);
  return row?.portal_nonce ?? null;
}

/** A new private link: its nonce and the hash of the token it derives (the old link opens nothing). */
export async function setPortalLink(
  db: Db,
  schoolId: string,
  requestId: string,
  link: { nonce: string; tokenHash: string },
): Promise<void> {
  await db
    .updateTable('requests')
    .set({ portal_nonce: link.nonce, portal_token_hash: link.tokenHash })
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId)
    .execute();
}

/**
 * Offers that may need their reminder: the current one of its kind on its request (no later
 * version), not reminded yet, valid until a day in [from, to], on a file neither archived nor paid.
 */
export function listOffersToRemind(db: Db, range: { from: string; to: string }) {
  return db
    .selectFrom('offers as o')
    .innerJoin('requests as r', (join) =>
      join.onRef('r.id', '=', 'o.request_id').onRef('r.school_id', '=', 'o.school_id'),
    )
    .innerJoin('schools as s', 's.id', 'o.school_id')
    .select([
      'o.id',
      'o.school_id',
      'o.request_id',
      'o.kind',
      'o.number',
      'o.valid_until',
      'o.snapshot_json',
      'r.number as request_number',
      's.time_zone',
      's.settings_json',
    ])
    .where('o.reminder_sent_at', 'is', null)
    .where('o.valid_until', '>=', range.from)
    .where('o.valid_until', '<=', range.to)
    .where('r.archived_at', 'is', null)
    .where((eb) => eb.or([eb('r.paid_cents', '<', eb.ref('r.total_cents')), eb('r.total_cents', '=', 0)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('offers as later')
            .select('later.id')
            .whereRef('later.school_id', '=', 'o.school_id')
            .whereRef('later.request_id', '=', 'o.request_id')
            .whereRef('later.kind', '=', 'o.kind')
            .whereRef('later.version', '>', 'o.version'),
        ),
      ),
    )
    .orderBy('o.valid_until')
    .limit(500)
    .execute();
}

/** Marks the reminder sent, once: false when another sweep got there first. */
export async function markOfferReminded(db: Db, offerId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('offers')
    .set({ reminder_sent_at: at })
    .where('id', '=', offerId)
    .where('reminder_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
