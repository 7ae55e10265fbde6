import {
  type ActiveInstructor,
  type Db,
  findActiveInstructors,
  findActiveProductKinds,
  findIntakeSchoolBySlug,
  type IntakeSchoolRow,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { INTAKE_FORMS, type IntakeForm } from '../../shared/vocabulary.js';
import type { AppDeps } from '../deps.js';
import { type FormSettings, readFormSettings } from '../settings/form-settings.schemas.js';
import { intakeMessages, type Language } from './intake.i18n.js';
import { NON_REQUESTABLE_KINDS } from './intake.vocabulary.js';

/** The school behind a public form slug, with its form settings read and defaulted. */
export interface IntakeSchool extends Omit<IntakeSchoolRow, 'settingsJson'> {
  settings: FormSettings;
}

export type OfferedInstructor = ActiveInstructor;

export async function findIntakeSchool(db: Db, slug: string): Promise<IntakeSchool | null> {
  if (slug.length === 0 || slug.length > 100) return null;
  const row = await findIntakeSchoolBySlug(db, slug);
  if (!row) return null;
  const { settingsJson, ...school } = row;
  const settings = readFormSettings(settingsJson);
  return { ...school, settings: school.isDisabled ? closedForms(settings) : settings };
}

/**
 * A school disabled by the operator keeps its settings, but none of its forms is open (the read
 * settings are shared by a cache: copied, never changed in place).
 */
function closedForms(settings: FormSettings): FormSettings {
  const closed = { ...settings };
  for (const form of INTAKE_FORMS) closed[form] = { ...settings[form], isEnabled: false } as never;
  return closed;
}

/** The school of a public slug, or the visitor-language 404. */
export async function requireIntakeSchool(
  deps: AppDeps,
  slug: string,
  language: Language,
): Promise<IntakeSchool> {
  const school = await findIntakeSchool(deps.db.kysely, slug);
  if (!school) throw new AppError('NOT_FOUND', intakeMessages(language).schoolNotFound);
  return school;
}

export function isFormEnabled(school: IntakeSchool, form: IntakeForm): boolean {
  return school.settings[form].isEnabled;
}

/** The kinds of product the VEL form offers: the school's active catalogue kinds, extras aside. */
export async function offeredProductKinds(db: Db, schoolId: string): Promise<string[]> {
  const kinds = await findActiveProductKinds(db, schoolId);
  return kinds.filter((kind) => !NON_REQUESTABLE_KINDS.has(kind));
}

/** The instructors the custom-lesson form offers: active ones, narrowed by the settings if set. */
export async function offeredInstructors(
  db: Db,
  school: Pick<IntakeSchool, 'id' | 'settings'>,
  onlyId?: string,
): Promise<OfferedInstructor[]> {
  const instructors = await findActiveInstructors(db, school.id, onlyId);
  const allowed = school.settings.custom.instructorIds;
  return instructors.filter((instructor) => allowed === null || allowed.includes(instructor.id));
}
