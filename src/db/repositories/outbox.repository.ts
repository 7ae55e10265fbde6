import type { OutboxTable } from '../schema.js';
import type { Db } from './db.js';

/** A durable side effect as stored; its handler parses `payload_json` with its own schema. */
export type OutboxRow = OutboxTable;

/** Up to `limit` undelivered rows that are due (their lease or backoff over), oldest first. */
export function listDueOutboxRows(db: Db, now: string, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('delivered_at', 'is', null)
    .where('available_at', '<=', now)
    .orderBy('available_at')
    .limit(limit)
    .execute();
}

/**
 * Leases a due row until `leaseUntil` and counts the attempt. Only one process wins a row: the
 * update matches the `available_at` it read, so a row claimed meanwhile is not claimed twice.
 */
export async function claimOutboxRow(db: Db, row: OutboxRow, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ available_at: leaseUntil, attempts: row.attempts + 1 })
    .where('id', '=', row.id)
    .where('available_at', '=', row.available_at)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markOutboxDelivered(db: Db, id: string, deliveredAt: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ delivered_at: deliveredAt, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Records why a delivery failed and when to try again. */
export async function markOutboxFailed(
  db: Db,
  id: string,
  failure: { error: string; retryAt: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: failure.error, available_at: failure.retryAt })
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
