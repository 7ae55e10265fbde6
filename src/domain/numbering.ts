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

export { yearIn } from './time-zone.js';
