import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * PostgreSQL search returns the newest files first: walking a school's requests by last activity
 * and probing each one's search row stops after the first matches for common words (the GIN
 * index serves rare ones). SQLite orders FTS5 results by rowid and does not need it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema
    .createIndex('requests_school_activity_idx')
    .on('requests')
    .columns(['school_id', 'last_message_at', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
