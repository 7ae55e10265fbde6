import type { Kysely } from 'kysely';
import { preparedQuery } from '../prepared-query.js';
import type { ActivityTable, Database, OutboxTable } from '../schema.js';

export type NewJournalRow = Omit<ActivityTable, 'id' | 'redacted_at'>;

// Every change writes a journal row: its INSERT is built and compiled once.
const insertActivity = preparedQuery(
  (
    db,
    schoolId: string,
    requestId: string | null,
    actorKind: NewJournalRow['actor_kind'],
    actorUserId: string | null,
    actorName: string,
    action: string,
    detailsJson: string,
    createdAt: string,
  ) =>
    db.insertInto('activity').values({
      school_id: schoolId,
      request_id: requestId,
      actor_kind: actorKind,
      actor_user_id: actorUserId,
      actor_name: actorName,
      action,
      details_json: detailsJson,
      created_at: createdAt,
    }),
);

/** Appends one line to the activity journal. */
export async function insertJournalRow(db: Kysely<Database>, row: NewJournalRow): Promise<void> {
  await insertActivity(
    db,
    row.school_id,
    row.request_id,
    row.actor_kind,
    row.actor_user_id,
    row.actor_name,
    row.action,
    row.details_json,
    row.created_at,
  );
}

/**
 * Writes one side effect to the durable outbox. Built per call on purpose: a test's plugin makes
 * this INSERT fail halfway through an intake (a prepared query would bypass plugins).
 */
export async function insertOutboxRow(db: Kysely<Database>, row: OutboxTable): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}
