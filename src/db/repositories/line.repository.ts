import type { Kysely } from 'kysely';
import type { Database, LinesTable } from '../schema.js';

export type LineRow = LinesTable;

/** Inserts the lines of a request (services, custom lessons, extras), in one statement. */
export async function insertLines(db: Kysely<Database>, rows: readonly LineRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('lines')
    .values([...rows])
    .execute();
}
