import type { Kysely } from 'kysely';
import type { Database, SessionsTable } from '../schema.js';

export function insertSession(db: Kysely<Database>, row: SessionsTable): Promise<unknown> {
  return db.insertInto('sessions').values(row).execute();
}

export function findSessionWithUser(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('schools', 'schools.id', 'sessions.school_id')
    .select([
      'sessions.id as session_id',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.school_id',
      'users.email',
      'users.name',
      'users.role',
      'users.language',
      'users.is_active',
      'schools.slug as school_slug',
      'schools.name as school_name',
      'schools.time_zone as school_time_zone',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
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
