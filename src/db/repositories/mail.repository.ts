import { PostgresAdapter, sql } from 'kysely';
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

/**
 * Holds, until the transaction ends, the right to store the inbound e-mail `key` names (its school
 * and Message-ID): a second delivery of the same message waits, then finds the first one stored.
 * PostgreSQL only: SQLite write transactions begin IMMEDIATE, one at a time already.
 */
export async function lockInboundEmail(db: Db, key: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

/**
 * The file a customer's e-mail of this Message-ID already landed on, looked for where a second
 * delivery would land: on that file (a reply) or on the files of the sender's customer record
 * in the school (a new request). Exact comparison of the stored Message-ID.
 */
export async function findInboundEmailFile(
  db: Db,
  schoolId: string,
  where: { requestId: string } | { emailNormalized: string },
  messageId: string,
): Promise<string | null> {
  let query = db
    .selectFrom('messages')
    .innerJoin('requests', (j) =>
      j
        .onRef('requests.school_id', '=', 'messages.school_id')
        .onRef('requests.id', '=', 'messages.request_id'),
    )
    .select(['messages.request_id', 'messages.payload_json'])
    .where('messages.school_id', '=', schoolId)
    .where('messages.author_kind', '=', 'customer')
    .where('messages.payload_json', 'is not', null);
  if ('requestId' in where) query = query.where('messages.request_id', '=', where.requestId);
  else
    query = query
      .innerJoin('customers', (j) =>
        j
          .onRef('customers.school_id', '=', 'requests.school_id')
          .onRef('customers.id', '=', 'requests.customer_id'),
      )
      .where('customers.email_normalized', '=', where.emailNormalized);
  for (const row of await query.execute()) {
    try {
      const payload = JSON.parse(row.payload_json!) as { channel?: unknown; messageId?: unknown };
      if (payload.channel === 'email' && payload.messageId === messageId) return row.request_id;
    } catch {
      // A payload that is not JSON is no e-mail of ours.
    }
  }
  return null;
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
