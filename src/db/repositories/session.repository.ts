import { type Kysely, sql } from 'kysely';
import type { Database, SessionsTable } from '../schema.js';

export function insertSession(db: Kysely<Database>, row: SessionsTable): Promise<unknown> {
  return db.insertInto('sessions').values(row).execute();
}

export interface SessionWithUser {
  session_id: string;
  session_created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_id: string;
  school_id: string;
  email: string;
  name: string;
  role: string;
  language: string;
  is_active: number;
  school_slug: string;
  school_name: string;
  school_time_zone: string;
}

/** Resolves a session id to its user and school. Runs on every staff request: one SQL template. */
export async function findSessionWithUser(
  db: Kysely<Database>,
  id: string,
): Promise<SessionWithUser | undefined> {
  const result = await sql<SessionWithUser>`
    select s.id as session_id, s.created_at as session_created_at, s.last_seen_at, s.expires_at,
      u.id as user_id, u.school_id, u.email, u.name, u.role, u.language, u.is_active,
      sc.slug as school_slug, sc.name as school_name, sc.time_zone as school_time_zone
    from sessions s
    join users u on u.id = s.user_id
    join schools sc on sc.id = s.school_id
    where s.id = ${id}`.execute(db);
  return result.rows[0];
}

export function touchSession(db: Kysely<Database>, id: string, lastSeenAt: string): Promise<unknown> {
  return db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
}

export function deleteSession(db: Kysely<Database>, id: string): Promise<unknown> {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<unknown> {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
