import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * Rate counters (failed logins, public submissions, challenges) in the database, so that every
 * process on it counts together and a restart forgets nothing. One row per (scope, key): the
 * window it counts in starts at its first hit and is restarted in place by the same upsert once
 * over; rows whose window is over are purged by a timer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = isPg ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('rate_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pkey', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('rate_counters_expires_idx').on('rate_counters').column('expires_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
