import type { Db } from './db.js';

/** Tables whose rows belong to one school, found by `id`. */
export type SchoolOwnedTable = 'users' | 'instructors' | 'categories';

/** Which of these ids are rows of the school in `table`: ids of other schools are not. */
export async function findIdsInSchool(
  db: Db,
  table: SchoolOwnedTable,
  schoolId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}
