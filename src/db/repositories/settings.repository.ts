import { type SalesSettings, SalesSettingsSchema } from '../../shared/contracts/sales.js';
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
  await db
    .updateTable('schools')
    .set({ settings_json: writeFormSettings(await settingsJsonOf(db, schoolId), settings) })
    .where('id', '=', schoolId)
    .execute();
}

/** Replaces the school's intake key: only its hash is stored. */
export async function setIntakeKeyHash(db: Db, schoolId: string, keyHash: string): Promise<void> {
  await db.updateTable('schools').set({ intake_key_hash: keyHash }).where('id', '=', schoolId).execute();
}

/** Paramètres → Devis et paiements when nothing was saved: every field's default. */
export const DEFAULT_SALES_SETTINGS: SalesSettings = SalesSettingsSchema.parse({});

/**
 * The sales settings under `sales` in a school's `settings_json`, validated, with defaults. A
 * value that no longer validates (hand-edited, older shape) falls back to the defaults.
 */
export function readSalesSettings(settingsJson: string): SalesSettings {
  try {
    const raw = JSON.parse(settingsJson) as { sales?: unknown } | null;
    const parsed = SalesSettingsSchema.safeParse(raw?.sales ?? {});
    return parsed.success ? parsed.data : DEFAULT_SALES_SETTINGS;
  } catch {
    return DEFAULT_SALES_SETTINGS;
  }
}

/** The school's whole `settings_json` text. */
async function settingsJsonOf(db: Db, schoolId: string): Promise<string> {
  const row = await db
    .selectFrom('schools')
    .select('settings_json')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return row.settings_json;
}

export async function findSchoolSalesSettings(db: Db, schoolId: string): Promise<SalesSettings> {
  return readSalesSettings(await settingsJsonOf(db, schoolId));
}

/** Writes the sales settings under `sales`, keeping the other keys (forms…) as they are (call in a transaction). */
export async function saveSchoolSalesSettings(
  db: Db,
  schoolId: string,
  settings: SalesSettings,
): Promise<void> {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(await settingsJsonOf(db, schoolId)) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      raw = parsed as Record<string, unknown>;
  } catch {
    // not JSON: start afresh
  }
  await db
    .updateTable('schools')
    .set({ settings_json: JSON.stringify({ ...raw, sales: settings }) })
    .where('id', '=', schoolId)
    .execute();
}
