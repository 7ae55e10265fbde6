import type { Kysely } from 'kysely';
import type { Database, MessagesTable } from '../schema.js';

export type MessageRow = MessagesTable;

/** Appends a message to a request's conversation. */
export async function insertMessage(db: Kysely<Database>, row: MessageRow): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

/** The stored texts of a conversation, oldest first: what the search document is rebuilt from. */
export function listMessageTexts(
  db: Kysely<Database>,
  schoolId: string,
  requestId: string,
): Promise<Pick<MessageRow, 'body' | 'body_key' | 'body_params_json'>[]> {
  return db
    .selectFrom('messages')
    .select(['body', 'body_key', 'body_params_json'])
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}
