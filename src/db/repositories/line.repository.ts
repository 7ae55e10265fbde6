import type { Kysely } from 'kysely';
import { preparedQuery } from '../prepared-query.js';
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

/** One line of a file of the school; another school's or another file's line is not found. */
export async function findLineOfRequest(
  db: Kysely<Database>,
  schoolId: string,
  requestId: string,
  lineId: string,
): Promise<LineRow | null> {
  const row = await db
    .selectFrom('lines')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .where('id', '=', lineId)
    .executeTakeFirst();
  return row ?? null;
}

/** Where a new line goes: after the file's last one. */
export async function nextLinePosition(
  db: Kysely<Database>,
  schoolId: string,
  requestId: string,
): Promise<number> {
  const [row] = await selectLastPosition(db, schoolId, requestId);
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

const selectLastPosition = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('lines')
    .select((eb) => eb.fn.max<number>('position').as('last'))
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId),
);

/** The participants the file's active lessons hold (what a per-participant extra counts). */
export async function countParticipantsOfRequest(
  db: Kysely<Database>,
  schoolId: string,
  requestId: string,
): Promise<number> {
  const row = await db
    .selectFrom('lines')
    .select((eb) => eb.fn.coalesce(eb.fn.max<number>('participant_count'), eb.lit(0)).as('participants'))
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .where('is_active', '=', 1)
    .where('kind', '!=', 'extra')
    .executeTakeFirst();
  return Number(row?.participants ?? 0);
}

export type LineChange = Partial<
  Pick<
    LineRow,
    | 'label'
    | 'quantity'
    | 'unit_price_cents'
    | 'total_cents'
    | 'details_json'
    | 'session_id'
    | 'instructor_id'
    | 'participant_count'
  >
>;

/** Changes a line of the school (call inside the change of its file). */
export async function updateLine(
  db: Kysely<Database>,
  schoolId: string,
  lineId: string,
  change: LineChange & { updated_at: string },
): Promise<void> {
  await db
    .updateTable('lines')
    .set(change)
    .where('school_id', '=', schoolId)
    .where('id', '=', lineId)
    .execute();
}

/** Removes a line of the school (call inside the change of its file). */
export async function deleteLine(db: Kysely<Database>, schoolId: string, lineId: string): Promise<void> {
  await db.deleteFrom('lines').where('school_id', '=', schoolId).where('id', '=', lineId).execute();
}
