import { preparedQuery } from '../prepared-query.js';
import type { Db } from './db.js';

const selectSchoolBasics = preparedQuery((db, schoolId: string) =>
  db.selectFrom('schools').select(['name', 'time_zone']).where('id', '=', schoolId),
);

/** The school's name and time zone: instants in messages people read are given in that zone. */
export async function findSchoolBasics(
  db: Db,
  schoolId: string,
): Promise<{ name: string; timeZone: string }> {
  const [row] = await selectSchoolBasics(db, schoolId);
  if (!row) throw new Error(`school ${schoolId} not found`);
  return { name: row.name, timeZone: row.time_zone };
}

export async function findSchoolTimeZone(db: Db, schoolId: string): Promise<string> {
  return (await findSchoolBasics(db, schoolId)).timeZone;
}

export interface NewSchoolRow {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  defaultLanguage: string;
  createdAt: string;
}

/** A new school: no settings saved yet (every form setting has its default), no POS or intake key. */
export async function insertSchool(db: Db, school: NewSchoolRow): Promise<void> {
  await db
    .insertInto('schools')
    .values({
      id: school.id,
      slug: school.slug,
      name: school.name,
      time_zone: school.timeZone,
      currency: school.currency,
      default_language: school.defaultLanguage,
      settings_json: '{}',
      pos_key_hash: null,
      intake_key_hash: null,
      created_at: school.createdAt,
    })
    .execute();
}

/** Does the database hold any school at all? */
export async function hasAnySchool(db: Db): Promise<boolean> {
  const row = await db.selectFrom('schools').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
