import { preparedQuery } from '../prepared-query.js';
import type { Role, SessionsTable } from '../schema.js';
import type { Db } from './db.js';

export function insertSession(db: Db, row: SessionsTable): Promise<unknown> {
  return db.insertInto('sessions').values(row).execute();
}

/** A session with the account and school it signs in to. */
export interface SessionWithUser {
  sessionId: string;
  lastSeenAt: string;
  expiresAt: string;
  user: { id: string; email: string; name: string; role: Role; language: string; isActive: boolean };
  school: { id: string; slug: string; name: string; timeZone: string };
  /** The school's `settings_json`: what a staff read needs of the school besides its time zone. */
  schoolSettingsJson: string;
}

interface SessionWithUserRow {
  session_id: string;
  session_created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_id: string;
  school_id: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  is_active: number;
  school_slug: string;
  school_name: string;
  school_time_zone: string;
  school_settings_json: string;
}

// Runs on every staff request: built and compiled once (see prepared-query.ts).
const selectSessionWithUser = preparedQuery((db, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .select([
      's.id as session_id',
      's.created_at as session_created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.school_id',
      'u.email',
      'u.name',
      'u.role',
      'u.language',
      'u.is_active',
      'sc.slug as school_slug',
      'sc.name as school_name',
      'sc.time_zone as school_time_zone',
      'sc.settings_json as school_settings_json',
    ])
    .where('s.id', '=', id),
);

/** Resolves a session id to its user and school. Runs on every staff request. */
export async function findSessionWithUser(db: Db, id: string): Promise<SessionWithUser | null> {
  const result = { rows: (await selectSessionWithUser(db, id)) as SessionWithUserRow[] };
  const row = result.rows[0];
  if (!row) return null;
  return {
    sessionId: row.session_id,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role,
      language: row.language,
      isActive: row.is_active === 1,
    },
    school: {
      id: row.school_id,
      slug: row.school_slug,
      name: row.school_name,
      timeZone: row.school_time_zone,
    },
    schoolSettingsJson: row.school_settings_json,
  };
}

export function touchSession(db: Db, id: string, lastSeenAt: string): Promise<unknown> {
  return db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
}

export function deleteSession(db: Db, id: string): Promise<unknown> {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Db, userId: string): Promise<unknown> {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
