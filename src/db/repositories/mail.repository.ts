import type { Db } from './db.js';

/** What an e-mail of a school needs from it: its name, slug, language and settings (signature). */
export interface EmailSchool {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  defaultLanguage: string;
  settingsJson: string;
}

function toEmailSchool(row: {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
  default_language: string;
  settings_json: string;
}): EmailSchool {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.time_zone,
    defaultLanguage: row.default_language,
    settingsJson: row.settings_json,
  };
}

const SCHOOL_COLUMNS = ['id', 'name', 'slug', 'time_zone', 'default_language', 'settings_json'] as const;

export async function findEmailSchool(db: Db, schoolId: string): Promise<EmailSchool | undefined> {
  const row = await db
    .selectFrom('schools')
    .select(SCHOOL_COLUMNS)
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return row && toEmailSchool(row);
}

/** The school whose general inbound address is `<slug>@…`. */
export async function findEmailSchoolBySlug(db: Db, slug: string): Promise<EmailSchool | undefined> {
  const row = await db
    .selectFrom('schools')
    .select(SCHOOL_COLUMNS)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row && toEmailSchool(row);
}

/** Which school a request belongs to (a reply token names only the request; its MAC binds the school). */
export async function findSchoolOfRequest(db: Db, requestId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('requests')
    .select('school_id')
    .where('id', '=', requestId)
    .executeTakeFirst();
  return row?.school_id;
}

/** Active staff of a school who chose to be told of `event` by e-mail. */
export async function listStaffEmailSubscribers(
  db: Db,
  schoolId: string,
  event: string,
): Promise<{ id: string; email: string; name: string; language: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language', 'email_notifications_json'])
    .where('school_id', '=', schoolId)
    .where('is_active', '=', 1)
    .execute();
  return rows
    .filter((r) => readEmailNotifications(r.email_notifications_json ?? '[]').includes(event))
    .map((r) => ({ id: r.id, email: r.email, name: r.name, language: r.language }));
}

export function readEmailNotifications(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export async function findUserEmailNotifications(
  db: Db,
  schoolId: string,
  userId: string,
): Promise<string[]> {
  const row = await db
    .selectFrom('users')
    .select('email_notifications_json')
    .where('school_id', '=', schoolId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? readEmailNotifications(row.email_notifications_json ?? '[]') : [];
}

export async function setUserEmailNotifications(
  db: Db,
  schoolId: string,
  userId: string,
  events: readonly string[],
): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_notifications_json: JSON.stringify(events) })
    .where('school_id', '=', schoolId)
    .where('id', '=', userId)
    .execute();
}
