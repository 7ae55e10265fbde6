import type { Db } from './db.js';

/** An instructor's day off ("YYYY-MM-DD") and why. */
export interface DayOff {
  day: string;
  reason: string;
}

export interface NewDayOff extends DayOff {
  id: string;
  schoolId: string;
  instructorId: string;
  createdAt: string;
}

/** The days off of the school's instructors from `fromDay` on, by instructor, in day order. */
export async function listDaysOffOfSchool(
  db: Db,
  schoolId: string,
  fromDay: string,
  instructorId?: string,
): Promise<Map<string, DayOff[]>> {
  let query = db
    .selectFrom('instructor_unavailabilities')
    .select(['instructor_id', 'day', 'reason'])
    .where('school_id', '=', schoolId)
    .where('day', '>=', fromDay);
  if (instructorId !== undefined) query = query.where('instructor_id', '=', instructorId);
  const rows = await query.orderBy('instructor_id').orderBy('day').execute();
  const byInstructor = new Map<string, DayOff[]>();
  for (const row of rows) {
    const list = byInstructor.get(row.instructor_id) ?? [];
    list.push({ day: row.day, reason: row.reason });
    byInstructor.set(row.instructor_id, list);
  }
  return byInstructor;
}

/** Whether the instructor already has this day off. */
export async function hasDayOff(
  db: Db,
  schoolId: string,
  instructorId: string,
  day: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('instructor_unavailabilities')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('instructor_id', '=', instructorId)
    .where('day', '=', day)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDaysOff(db: Db, daysOff: readonly NewDayOff[]): Promise<void> {
  if (daysOff.length === 0) return;
  await db
    .insertInto('instructor_unavailabilities')
    .values(
      daysOff.map((d) => ({
        id: d.id,
        school_id: d.schoolId,
        instructor_id: d.instructorId,
        day: d.day,
        reason: d.reason,
        created_at: d.createdAt,
      })),
    )
    .execute();
}

/** Removes one day off; false when the instructor had none that day. */
export async function deleteDayOff(
  db: Db,
  schoolId: string,
  instructorId: string,
  day: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('instructor_unavailabilities')
    .where('school_id', '=', schoolId)
    .where('instructor_id', '=', instructorId)
    .where('day', '=', day)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
