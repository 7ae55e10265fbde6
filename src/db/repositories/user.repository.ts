import type { Role, UsersTable } from '../schema.js';
import type { Db } from './db.js';

export type UserRow = UsersTable;

export interface StaffUser {
  id: string;
  schoolId: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A new staff login: its password already hashed. */
export interface NewStaffUser extends StaffUser {
  passwordHash: string;
}

/** What an edit of a staff login may change. */
export interface StaffUserChange {
  name?: string;
  role?: Role;
  language?: string;
  isActive?: boolean;
  passwordHash?: string;
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

/** The account a login names (addresses are unique across Schuss), with its password hash. */
export async function findLoginByEmail(
  db: Db,
  email: string,
): Promise<{ user: StaffUser; passwordHash: string } | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? { user: toStaffUser(row), passwordHash: row.password_hash } : null;
}

/** Is this address the login of an account, in any school? */
export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

export async function findUserInSchool(db: Db, schoolId: string, id: string): Promise<StaffUser | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toStaffUser(row) : null;
}

/** The school's staff, by name. */
export async function listUsersOfSchool(db: Db, schoolId: string): Promise<StaffUser[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('name')
    .execute();
  return rows.map(toStaffUser);
}

export async function insertUsers(db: Db, users: readonly NewStaffUser[]): Promise<void> {
  if (users.length === 0) return;
  await db
    .insertInto('users')
    .values(
      users.map((u) => ({
        id: u.id,
        school_id: u.schoolId,
        email: u.email,
        name: u.name,
        role: u.role,
        password_hash: u.passwordHash,
        language: u.language,
        is_active: u.isActive ? (1 as const) : (0 as const),
        created_at: u.createdAt,
        updated_at: u.updatedAt,
      })),
    )
    .execute();
}

/** Applies an edit to one of the school's logins; answers it as stored, or null when it is not the school's. */
export async function updateUserInSchool(
  db: Db,
  schoolId: string,
  id: string,
  change: StaffUserChange,
  now: string,
): Promise<StaffUser | null> {
  const row = await db
    .updateTable('users')
    .set({
      ...(change.name !== undefined && { name: change.name }),
      ...(change.role !== undefined && { role: change.role }),
      ...(change.language !== undefined && { language: change.language }),
      ...(change.isActive !== undefined && { is_active: change.isActive ? (1 as const) : (0 as const) }),
      ...(change.passwordHash !== undefined && { password_hash: change.passwordHash }),
      updated_at: now,
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toStaffUser(row) : null;
}

export async function countActiveAdmins(db: Db, schoolId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The active staff of a school: who a new notification may go to. */
export async function listActiveStaffIds(db: Db, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('is_active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}
