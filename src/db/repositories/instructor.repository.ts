import type { Selectable } from 'kysely';
import { PRACTICES, type Practice } from '../../shared/vocabulary.js';
import type { InstructorsTable } from '../schema.js';
import type { Db } from './db.js';

/** An instructor as the settings screens list them. */
export interface InstructorChoice {
  id: string;
  name: string;
  isActive: boolean;
}

/** An instructor as stored (the contract's `Instructor` adds the days off beside). */
export interface InstructorRecord {
  id: string;
  firstName: string;
  lastName: string;
  languages: string[];
  practices: Practice[];
  isActive: boolean;
}

export interface NewInstructor {
  id: string;
  schoolId: string;
  firstName: string;
  lastName: string;
  languages: readonly string[];
  practices?: readonly Practice[];
  isActive?: boolean;
  createdAt: string;
}

export interface InstructorChange {
  firstName?: string;
  lastName?: string;
  languages?: readonly string[];
  practices?: readonly Practice[];
  isActive?: boolean;
}

const INSTRUCTOR_COLUMNS = ['id', 'first_name', 'last_name', 'languages', 'practices', 'is_active'] as const;
type InstructorRow = Pick<Selectable<InstructorsTable>, (typeof INSTRUCTOR_COLUMNS)[number]>;

const PRACTICE_SET = new Set<string>(PRACTICES);
const list = (text: string) => text.split(',').filter(Boolean);
/** Each once, in the vocabulary's order. */
const practicesText = (practices: readonly Practice[]) =>
  PRACTICES.filter((p) => practices.includes(p)).join(',');
const languagesText = (languages: readonly string[]) => [...new Set(languages)].join(',');

function toInstructor(row: InstructorRow): InstructorRecord {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    languages: list(row.languages),
    practices: list(row.practices).filter((p): p is Practice => PRACTICE_SET.has(p)),
    isActive: row.is_active === 1,
  };
}

/** The school's instructors by first then last name. */
export async function listInstructorsOfSchool(db: Db, schoolId: string): Promise<InstructorChoice[]> {
  const rows = await db
    .selectFrom('instructors')
    .select(['id', 'first_name', 'last_name', 'is_active'])
    .where('school_id', '=', schoolId)
    .orderBy('first_name')
    .orderBy('last_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}`, isActive: r.is_active === 1 }));
}

/** The school's instructors in full (languages, practices), by first then last name. */
export async function listInstructorRecords(db: Db, schoolId: string): Promise<InstructorRecord[]> {
  const rows = await db
    .selectFrom('instructors')
    .select(INSTRUCTOR_COLUMNS)
    .where('school_id', '=', schoolId)
    .orderBy('first_name')
    .orderBy('last_name')
    .orderBy('id')
    .execute();
  return rows.map(toInstructor);
}

/** One instructor of the school; another school's id finds nothing. */
export async function findInstructorInSchool(
  db: Db,
  schoolId: string,
  id: string,
): Promise<InstructorRecord | null> {
  const row = await db
    .selectFrom('instructors')
    .select(INSTRUCTOR_COLUMNS)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toInstructor(row) : null;
}

export async function insertInstructors(db: Db, instructors: readonly NewInstructor[]): Promise<void> {
  if (instructors.length === 0) return;
  await db
    .insertInto('instructors')
    .values(
      instructors.map((i) => ({
        id: i.id,
        school_id: i.schoolId,
        first_name: i.firstName,
        last_name: i.lastName,
        languages: languagesText(i.languages),
        practices: practicesText(i.practices ?? []),
        is_active: i.isActive === false ? (0 as const) : (1 as const),
        created_at: i.createdAt,
      })),
    )
    .execute();
}

/** Changes an instructor of the school; null when the school has no such instructor. */
export async function updateInstructorInSchool(
  db: Db,
  schoolId: string,
  id: string,
  change: InstructorChange,
): Promise<InstructorRecord | null> {
  const set = {
    ...(change.firstName !== undefined && { first_name: change.firstName }),
    ...(change.lastName !== undefined && { last_name: change.lastName }),
    ...(change.languages !== undefined && { languages: languagesText(change.languages) }),
    ...(change.practices !== undefined && { practices: practicesText(change.practices) }),
    ...(change.isActive !== undefined && { is_active: change.isActive ? (1 as const) : (0 as const) }),
  };
  if (Object.keys(set).length === 0) return findInstructorInSchool(db, schoolId, id);
  const row = await db
    .updateTable('instructors')
    .set(set)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .returning(INSTRUCTOR_COLUMNS)
    .executeTakeFirst();
  return row ? toInstructor(row) : null;
}
