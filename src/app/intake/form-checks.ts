import type { FieldErrors } from '../../domain/errors.js';
import { dayIn } from '../../domain/time-zone.js';
import type { AppDeps } from '../deps.js';
import { intakeMessages, type Language } from './intake.i18n.js';
import { fieldsError, type IntakeInput } from './intake.schemas.js';
import { checkDates, checkSessions } from './intake-rules.js';
import {
  type IntakeSchool,
  type OfferedInstructor,
  offeredInstructors,
  offeredProductKinds,
} from './intake-school.js';

/**
 * What the fields alone cannot tell: the dates against the school's calendar, and the choices
 * against what this school offers (its practices, catalogue kinds, durations and instructors).
 * All refusals at once, per field, in the visitor's language. Answers the instructor asked for.
 */
export async function checkAgainstSchool(
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  language: Language,
  now: Date,
): Promise<OfferedInstructor | null> {
  const m = intakeMessages(language);
  const dateErrors = checkDates(input, dayIn(now, school.timeZone), m);
  const fields: FieldErrors = { ...dateErrors, ...checkSessions(input, dateErrors, m) };
  let instructor: OfferedInstructor | null = null;
  if (input.form === 'vel') {
    if (!school.settings.vel.practices.includes(input.practice)) fields.practice = m.unknownPractice;
    const kinds = await offeredProductKinds(deps.db.kysely, school.id);
    if (!kinds.includes(input.productType)) fields.productType = m.unknownProductType;
  } else if (input.form === 'custom') {
    if (!school.settings.custom.practices.includes(input.practice)) fields.practice = m.unknownPractice;
    if (!school.settings.custom.durations.includes(input.duration)) fields.duration = m.unknownDuration;
    if (input.instructorId !== undefined) {
      [instructor = null] = await offeredInstructors(deps.db.kysely, school, input.instructorId);
      if (!instructor) fields.instructorId = m.unknownInstructor;
    }
  }
  if (Object.keys(fields).length > 0) throw fieldsError(language, fields);
  return instructor;
}
