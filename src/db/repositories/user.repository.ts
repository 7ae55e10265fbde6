import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../schema.js';

export type UserRow = UsersTable;

export interface StaffUser {
  id: string;
  schoolId: string;
  email: string;
  name: string;
  role: UsersTable['role'];
  language: string;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toStaffUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    schoolId: row.school_id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserInSchool(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listUsersOfSchool(db: Kysely<Database>, schoolId: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('school_id', '=', schoolId).orderBy('name').execute();
}

export function insertUser(db: Kysely<Database>, row: UserRow): Promise<unknown> {
  return db.insertInto('users').values(row).execute();
}

export async function countActiveAdmins(db: Kysely<Database>, schoolId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
