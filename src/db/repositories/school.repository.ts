import type { Kysely } from 'kysely';
import { preparedQuery } from '../prepared-query.js';
import type { Database } from '../schema.js';

const selectSchoolBasics = preparedQuery((db, schoolId: string) =>
  db.selectFrom('schools').select(['name', 'time_zone']).where('id', '=', schoolId),
);

/** The school's name and time zone: instants in messages people read are given in that zone. */
export async function findSchoolBasics(
  db: Kysely<Database>,
  schoolId: string,
): Promise<{ name: string; timeZone: string }> {
  const [row] = await selectSchoolBasics(db, schoolId);
  if (!row) throw new Error(`school ${schoolId} not found`);
  return { name: row.name, timeZone: row.time_zone };
}

export async function findSchoolTimeZone(db: Kysely<Database>, schoolId: string): Promise<string> {
  return (await findSchoolBasics(db, schoolId)).timeZone;
}
