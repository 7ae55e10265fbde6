import { PostgresAdapter } from 'kysely';
import type { OutboxTable } from '../schema.js';
import type { Db } from './db.js';

/** A durable side effect as stored; its handler parses `payload_json` with its own schema. */
export type OutboxRow = OutboxTable;

/**
 * Claims up to `limit` due rows (undelivered, not parked, lease or backoff over), oldest first:
 * each is leased until `leaseUntil` and its attempt counted, in one transaction. On PostgreSQL the
 * rows are locked `FOR UPDATE SKIP LOCKED`, so two dispatchers never claim the same row at the
 * same time (each skips the other's); SQLite has one writer, and the update re-checks the
 * `available_at` it read, so a row claimed meanwhile is not claimed twice.
 */
export async function claimDueOutboxRows(
  db: Db,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('outbox')
      .selectAll()
      .where('delivered_at', 'is', null)
      .where('parked_at', 'is', null)
      .where('available_at', '<=', now)
      .orderBy('available_at')
      .limit(limit);
    if (isPg) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    const claimed: OutboxRow[] = [];
    for (const row of rows) {
      const result = await trx
        .updateTable('outbox')
        .set({ available_at: leaseUntil, attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .where('available_at', '=', row.available_at)
        .where('delivered_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push({ ...row, attempts: row.attempts + 1 });
    }
    return claimed;
  });
}

export async function markOutboxDelivered(db: Db, id: string, deliveredAt: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ delivered_at: deliveredAt, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Records why a delivery failed and when to try again — or, `parkedAt` given, that it is given up. */
export async function markOutboxFailed(
  db: Db,
  id: string,
  failure: { error: string; retryAt: string; parkedAt?: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: failure.error, available_at: failure.retryAt, parked_at: failure.parkedAt ?? null })
    .where('id', '=', id)
    .execute();
}

/** The undelivered rows (what `/api/metrics` reports): how many, how many failing, the oldest. */
export async function countOutboxBacklog(
  db: Db,
): Promise<{ pending: number; failing: number; oldestCreatedAt: string | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('pending'),
      eb.fn.count<number>('last_error').as('failing'),
      eb.fn.min('created_at').as('oldest'),
    ])
    .where('delivered_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    pending: Number(row.pending),
    failing: Number(row.failing),
    oldestCreatedAt: row.oldest === null ? null : String(row.oldest),
  };
}

/** Parked rows of a school, newest first (the admin's "Boîte d'envoi"). */
export function listParkedOutboxRows(db: Db, schoolId: string, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('parked_at', 'is not', null)
    .where('delivered_at', 'is', null)
    .orderBy('parked_at', 'desc')
    .limit(limit)
    .execute();
}

/** An admin retries a parked row: due now, attempts counted afresh. */
export async function unparkOutboxRow(db: Db, schoolId: string, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ parked_at: null, attempts: 0, available_at: now })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('parked_at', 'is not', null)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
