/**
 * Calendar time in a school's time zone — the one place Schuss turns an instant into a day, a
 * year or a clock time. Every caller passes the school's `time_zone`; nothing assumes Paris.
 * Building an Intl formatter costs far more than using one: one per time zone, kept.
 */

export interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();
/** The parts of the instants read lately, by zone and minute (bounded: cleared when full). */
const recentParts = new Map<string, ZonedParts>();

/** Calendar parts of an instant in a time zone (24 h clock, zero-padded). */
export function zonedParts(instant: Date | string, timeZone: string): ZonedParts {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partFormats.set(timeZone, format);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  // The parts have minute precision, and every zone's offset is a whole number of minutes: one
  // formatToParts (≈ 25 µs) per zone and minute — "today" is read on every list request.
  const minute = Math.floor(date.getTime() / 60_000);
  const key = `${timeZone}|${minute}`;
  const known = recentParts.get(key);
  if (known) return known;
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  const zoned: ZonedParts = Object.freeze({
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  });
  if (Number.isFinite(minute)) {
    if (recentParts.size >= 4_096) recentParts.clear();
    recentParts.set(key, zoned);
  }
  return zoned;
}

/** "2026-11-26": the day an instant falls on in the school. */
export function dayIn(instant: Date | string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The calendar year of an instant in the school (file numbers restart each year). */
export function yearIn(instant: Date | string, timeZone: string): number {
  return Number(zonedParts(instant, timeZone).year);
}

/** "26/11" and "14:02": the short day and the clock time of an instant in the school. */
export function shortDayAndTime(instant: Date | string, timeZone: string): { day: string; time: string } {
  const p = zonedParts(instant, timeZone);
  return { day: `${p.day}/${p.month}`, time: `${p.hour}:${p.minute}` };
}

/** A calendar day "YYYY-MM-DD" moved by whole days (no time zone involved: it is already the school's day). */
export function plusDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "2026-12-16" → "16/12/2026", as French readers write a day; anything unreadable is shown as it is. */
export function formatCalendarDate(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDay;
}
