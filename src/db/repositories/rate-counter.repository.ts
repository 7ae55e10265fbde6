import { sql } from 'kysely';
import type { Db } from './db.js';

export interface CounterKey {
  scope: string;
  key: string;
}

export interface CounterState {
  hits: number;
  expiresAt: string;
}

/**
 * Counts one hit, in one statement: a new row, one more hit in the current window, or a fresh
 * window when the stored one is over. Answers the count and when its window ends.
 */
export async function hitCounter(
  db: Db,
  counter: CounterKey,
  windowStart: string,
  expiresAt: string,
): Promise<CounterState> {
  const isOver = sql<boolean>`rate_counters.expires_at <= excluded.window_start`;
  const row = await db
    .insertInto('rate_counters')
    .values({ ...counter, window_start: windowStart, expires_at: expiresAt, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['scope', 'key']).doUpdateSet({
        hits: sql`case when ${isOver} then 1 else rate_counters.hits + 1 end`,
        window_start: sql`case when ${isOver} then excluded.window_start else rate_counters.window_start end`,
        expires_at: sql`case when ${isOver} then excluded.expires_at else rate_counters.expires_at end`,
      }),
    )
    .returning(['hits', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), expiresAt: row.expires_at };
}

/** The live counts of several keys at once (one statement); keys without a live window are absent. */
export async function liveCounters(
  db: Db,
  counters: readonly CounterKey[],
  now: string,
): Promise<Map<string, CounterState>> {
  const found = new Map<string, CounterState>();
  if (counters.length === 0) return found;
  const rows = await db
    .selectFrom('rate_counters')
    .select(['scope', 'key', 'hits', 'expires_at'])
    .where((eb) => eb.or(counters.map((c) => eb.and([eb('scope', '=', c.scope), eb('key', '=', c.key)]))))
    .where('expires_at', '>', now)
    .execute();
  for (const row of rows) {
    found.set(counterId(row), { hits: Number(row.hits), expiresAt: row.expires_at });
  }
  return found;
}

export function counterId(counter: CounterKey): string {
  return `${counter.scope}\u0000${counter.key}`;
}

export async function clearCounter(db: Db, counter: CounterKey): Promise<void> {
  await db
    .deleteFrom('rate_counters')
    .where('scope', '=', counter.scope)
    .where('key', '=', counter.key)
    .execute();
}

/** Counters whose window is over count nothing any more. */
export async function purgeCounters(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('rate_counters').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
