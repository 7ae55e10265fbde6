import {
  deleteDayOff,
  findInstructorInSchool,
  findSchoolTimeZone,
  hasDayOff,
  type InstructorRecord,
  insertDaysOff,
  insertInstructors,
  listDaysOffOfSchool,
  updateInstructorInSchool,
} from '../../db/repositories/index.js';
import { AppError, notFound, validation } from '../../domain/errors.js';
import { dayIn } from '../../domain/time-zone.js';
import type {
  DayOffInputSchema,
  Instructor,
  InstructorInputSchema,
  InstructorPatch,
} from '../../shared/contracts/sales.js';
import { PRACTICES } from '../../shared/vocabulary.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { journal, type Tx, transact } from '../tx.js';
import { CATALOGUE_MESSAGES as M } from './catalogue.messages.js';
import { changedKeys, definedOnly, isRealDay, toInstructor } from './catalogue-view.js';

type InstructorInput = import('zod').infer<typeof InstructorInputSchema>;
type DayOffInput = import('zod').infer<typeof DayOffInputSchema>;

const fullName = (i: Pick<InstructorRecord, 'firstName' | 'lastName'>) => `${i.firstName} ${i.lastName}`;

/** Today in the school's time zone: days off are listed from it on. */
async function todayOf(tx: Tx, schoolId: string): Promise<string> {
  return dayIn(tx.now, await findSchoolTimeZone(tx.trx, schoolId));
}

/** The instructor with their days off from today on. */
async function instructorView(tx: Tx, schoolId: string, record: InstructorRecord): Promise<Instructor> {
  const daysOff = await listDaysOffOfSchool(tx.trx, schoolId, await todayOf(tx, schoolId), record.id);
  return toInstructor(record, daysOff.get(record.id) ?? []);
}

async function instructorOf(tx: Tx, schoolId: string, instructorId: string): Promise<InstructorRecord> {
  const instructor = await findInstructorInSchool(tx.trx, schoolId, instructorId);
  if (!instructor) throw notFound(M.instructorNotFound);
  return instructor;
}

/** An admin adds an instructor (moniteur): name, languages, practices. Journaled. */
export async function createInstructor(
  deps: AppDeps,
  actor: StaffActor,
  input: InstructorInput,
): Promise<Instructor> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const id = newId('instructor');
    await insertInstructors(tx.trx, [{ id, schoolId: actor.schoolId, ...input, createdAt: tx.now }]);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'catalogue.instructor_created',
      details: { instructorId: id, name: fullName(input) },
    });
    return instructorView(tx, actor.schoolId, await instructorOf(tx, actor.schoolId, id));
  });
}

/** An admin edits an instructor, or marks them inactive (no longer offered). Journaled. */
export async function updateInstructor(
  deps: AppDeps,
  actor: StaffActor,
  instructorId: string,
  input: InstructorPatch,
): Promise<Instructor> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const current = await instructorOf(tx, actor.schoolId, instructorId);
    // Practices are kept in the vocabulary's order: a list in another order is no change.
    const practices = input.practices && PRACTICES.filter((p) => input.practices?.includes(p));
    const change = practices ? { ...input, practices } : input;
    const changes = changedKeys(current, change);
    if (changes.length === 0) return instructorView(tx, actor.schoolId, current);
    const updated = await updateInstructorInSchool(tx.trx, actor.schoolId, instructorId, definedOnly(change));
    if (!updated) throw notFound(M.instructorNotFound);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'catalogue.instructor_updated',
      details: { instructorId, name: fullName(updated), changes },
    });
    return instructorView(tx, actor.schoolId, updated);
  });
}

/** An admin notes a day off of an instructor (today or later, once per day). Journaled. */
export async function addDayOff(
  deps: AppDeps,
  actor: StaffActor,
  instructorId: string,
  input: DayOffInput,
): Promise<Instructor> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const instructor = await instructorOf(tx, actor.schoolId, instructorId);
    if (!isRealDay(input.day)) throw validation({ day: M.badDay }, M.invalid);
    if (input.day < (await todayOf(tx, actor.schoolId))) throw validation({ day: M.dayOffInPast }, M.invalid);
    if (await hasDayOff(tx.trx, actor.schoolId, instructorId, input.day)) {
      throw new AppError('CONFLICT', M.dayOffTaken, { fields: { day: M.dayOffTaken } });
    }
    await insertDaysOff(tx.trx, [
      {
        id: newId('dayOff'),
        schoolId: actor.schoolId,
        instructorId,
        day: input.day,
        reason: input.reason,
        createdAt: tx.now,
      },
    ]);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'catalogue.day_off_added',
      details: { instructorId, name: fullName(instructor), day: input.day, reason: input.reason },
    });
    return instructorView(tx, actor.schoolId, instructor);
  });
}

/** An admin removes a day off: the instructor is available again that day. Journaled. */
export async function removeDayOff(
  deps: AppDeps,
  actor: StaffActor,
  instructorId: string,
  day: string,
): Promise<Instructor> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const instructor = await instructorOf(tx, actor.schoolId, instructorId);
    if (!(await deleteDayOff(tx.trx, actor.schoolId, instructorId, day))) throw notFound(M.dayOffNotFound);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'catalogue.day_off_removed',
      details: { instructorId, name: fullName(instructor), day },
    });
    return instructorView(tx, actor.schoolId, instructor);
  });
}
