import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type FormSettings, readFormSettings } from '../settings/form-settings.schemas.js';
import { NON_REQUESTABLE_KINDS } from './intake.vocabulary.js';

/** The school behind a public form slug, with its form settings read and defaulted. */
export interface IntakeSchool {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  defaultLanguage: string;
  intakeKeyHash: string | null;
  settings: FormSettings;
}

export interface OfferedInstructor {
  id: string;
  firstName: string;
  lastName: string;
  languages: string[];
}

export async function findIntakeSchool(db: Kysely<Database>, slug: string): Promise<IntakeSchool | null> {
  if (slug.length === 0 || slug.length > 100) return null;
  const row = await db
    .selectFrom('schools')
    .select(['id', 'slug', 'name', 'time_zone', 'default_language', 'intake_key_hash', 'settings_json'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    defaultLanguage: row.default_language,
    intakeKeyHash: row.intake_key_hash,
    settings: readFormSettings(row.settings_json),
  };
}

/** The kinds of product the VEL form offers: the school's active catalogue kinds, extras aside. */
export async function offeredProductKinds(db: Kysely<Database>, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('products')
    .select('kind')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('is_active', '=', 1)
    .execute();
  return rows.map((r) => r.kind).filter((kind) => !NON_REQUESTABLE_KINDS.has(kind));
}

/** The instructors the custom-lesson form offers: active ones, narrowed by the settings if set. */
export async function offeredInstructors(
  db: Kysely<Database>,
  school: Pick<IntakeSchool, 'id' | 'settings'>,
  onlyId?: string,
): Promise<OfferedInstructor[]> {
  let query = db
    .selectFrom('instructors')
    .select(['id', 'first_name', 'last_name', 'languages'])
    .where('school_id', '=', school.id)
    .where('is_active', '=', 1);
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  const rows = await query.orderBy('first_name').orderBy('last_name').execute();
  const allowed = school.settings.custom.instructorIds;
  return rows
    .filter((r) => allowed === null || allowed.includes(r.id))
    .map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      languages: r.languages.split(',').filter(Boolean),
    }));
}
