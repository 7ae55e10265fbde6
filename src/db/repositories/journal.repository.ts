import type { Kysely } from 'kysely';
import type { ActivityTable, Database, OutboxTable } from '../schema.js';

export type NewJournalRow = Omit<ActivityTable, 'id' | 'redacted_at'>;

/** Appends one line to the activity journal. */
export async function insertJournalRow(db: Kysely<Database>, row: NewJournalRow): Promise<void> {
  await db.insertInto('activity').values(row).execute();
}

/** Writes one side effect to the durable outbox. */
export async function insertOutboxRow(db: Kysely<Database>, row: OutboxTable): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}
