import { type Db, findOfferSchool, readSalesSettings } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import type { SalesSettings } from '../../shared/contracts/sales.js';

export interface OfferSchool {
  name: string;
  timeZone: string;
  sales: SalesSettings;
}

export async function loadOfferSchool(db: Db, schoolId: string): Promise<OfferSchool> {
  const school = await findOfferSchool(db, schoolId);
  if (!school) throw notFound(NOT_FOUND.file);
  return { name: school.name, timeZone: school.timeZone, sales: readSalesSettings(school.settingsJson) };
}
