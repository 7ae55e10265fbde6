import type { Db } from './db.js';

/**
 * What the operator command (`schuss …`, src/cli) reads and writes across schools: the list of
 * schools, disabling one, instance settings. Never on a request path.
 */

export interface SchoolSummary {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  defaultLanguage: string;
  createdAt: string;
  disabledAt: string | null;
  activeStaff: number;
}

const SUMMARY_COLUMNS = [
  's.id',
  's.slug',
  's.name',
  's.time_zone',
  's.default_language',
  's.created_at',
  's.disabled_at',
] as const;

/** Every school, by slug, with how many active logins it has. */
export async function listSchoolSummaries(db: Db): Promise<SchoolSummary[]> {
  const rows = await db
    .selectFrom('schools as s')
    .leftJoin('users as u', (join) => join.onRef('u.school_id', '=', 's.id').on('u.is_active', '=', 1))
    .select((eb) => [...SUMMARY_COLUMNS, eb.fn.count<number>('u.id').as('active_staff')])
    .groupBy([...SUMMARY_COLUMNS])
    .orderBy('s.slug')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    timeZone: r.time_zone,
    defaultLanguage: r.default_language,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
    activeStaff: Number(r.active_staff),
  }));
}

export async function findSchoolBySlug(
  db: Db,
  slug: string,
): Promise<{ id: string; name: string; disabledAt: string | null } | null> {
  const row = await db
    .selectFrom('schools')
    .select(['id', 'name', 'disabled_at'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, disabledAt: row.disabled_at } : null;
}

export async function isSlugTaken(db: Db, slug: string): Promise<boolean> {
  return (await findSchoolBySlug(db, slug)) !== null;
}

/** Is the school disabled by the operator? (Read at sign-in, not on every request.) */
export async function isSchoolDisabled(db: Db, schoolId: string): Promise<boolean> {
  const row = await db
    .selectFrom('schools')
    .select('disabled_at')
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return row?.disabled_at != null;
}

/** Disables (an instant) or enables (null) a school. */
export async function setSchoolDisabledAt(
  db: Db,
  schoolId: string,
  disabledAt: string | null,
): Promise<void> {
  await db.updateTable('schools').set({ disabled_at: disabledAt }).where('id', '=', schoolId).execute();
}

/** Signs every staff member of the school out. */
export async function deleteSessionsOfSchool(db: Db, schoolId: string): Promise<void> {
  await db.deleteFrom('sessions').where('school_id', '=', schoolId).execute();
}

export async function findAppSetting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** Stores `value` under `key`, replacing what was there. */
export async function putAppSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
