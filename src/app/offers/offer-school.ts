import { type Db, findOfferSchool } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import { type SalesSettings, SalesSettingsSchema } from '../../shared/contracts/sales.js';
import { parseJson } from '../requests/keyed-text.schemas.js';

export interface OfferSchool {
  name: string;
  timeZone: string;
  sales: SalesSettings;
}

/** The school's sales settings (`sales` in settings_json; defaults when unset or unreadable). */
export function salesSettingsOf(settingsJson: string): SalesSettings {
  const settings = parseJson(settingsJson) as { sales?: unknown } | undefined;
  const parsed = SalesSettingsSchema.safeParse(settings?.sales ?? {});
  return parsed.success ? parsed.data : SalesSettingsSchema.parse({});
}

export async function loadOfferSchool(db: Db, schoolId: string): Promise<OfferSchool> {
  const school = await findOfferSchool(db, schoolId);
  if (!school) throw notFound(NOT_FOUND.file);
  return { name: school.name, timeZone: school.timeZone, sales: salesSettingsOf(school.settingsJson) };
}

/** Adds whole days to a calendar day "YYYY-MM-DD" (no time zone involved). */
export function plusDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
