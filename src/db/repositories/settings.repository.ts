import { type FormSettings, readFormSettings, writeFormSettings } from '../../shared/form-settings.js';
import type { Db } from './db.js';

/** What Paramètres → Formulaires shows of a school: its slug (for the public addresses) and its settings. */
export interface SchoolFormSettings {
  slug: string;
  settings: FormSettings;
  hasIntakeKey: boolean;
}

export async function findSchoolFormSettings(db: Db, schoolId: string): Promise<SchoolFormSettings> {
  const row = await db
    .selectFrom('schools')
    .select(['slug', 'settings_json', 'intake_key_hash'])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return {
    slug: row.slug,
    settings: readFormSettings(row.settings_json),
    hasIntakeKey: row.intake_key_hash !== null,
  };
}

/** Writes the form settings, keeping whatever else the school's settings_json holds (call in a transaction). */
export async function saveSchoolFormSettings(
  db: Db,
  schoolId: string,
  settings: FormSettings,
): Promise<void> {
  const row = await db
    .selectFrom('schools')
    .select('settings_json')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('schools')
    .set({ settings_json: writeFormSettings(row.settings_json, settings) })
    .where('id', '=', schoolId)
    .execute();
}

/** Replaces the school's intake key: only its hash is stored. */
export async function setIntakeKeyHash(db: Db, schoolId: string, keyHash: string): Promise<void> {
  await db.updateTable('schools').set({ intake_key_hash: keyHash }).where('id', '=', schoolId).execute();
}
