/**
 * Request numbers are per school and per year, gapless: "2026-00042". The counter itself lives
 * in the database (incremented inside the business transaction); this module only names and
 * formats.
 */
export function requestCounterName(year: number): string {
  return `request:${year}`;
}

export function formatRequestNumber(year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Bad sequence ${sequence}`);
  return `${year}-${String(sequence).padStart(5, '0')}`;
}

/** The calendar year of an instant in a time zone (a request made on 31/12 23:30 in Paris is that year's). */
export function yearIn(instantIso: string, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(new Date(instantIso)));
}

/** Building a formatter costs far more than using one: one per time zone. */
const yearFormats = new Map<string, Intl.DateTimeFormat>();
