import type { Db } from './db.js';

/** An instructor as the settings screens list them. */
export interface InstructorChoice {
  id: string;
  name: string;
  isActive: boolean;
}

export interface NewInstructor {
  id: string;
  schoolId: string;
  firstName: string;
  lastName: string;
  languages: readonly string[];
  createdAt: string;
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
        languages: i.languages.join(','),
        is_active: 1 as const,
        created_at: i.createdAt,
      })),
    )
    .execute();
}
