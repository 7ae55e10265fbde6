/**
 * How the staff app writes times: instants in the school's time zone (calendar parts from
 * `src/shared/time-zone.ts`, the server's own). Money is written by `formatMoney` (`src/shared/money.ts`).
 */
import { dayIn, zonedParts } from '../../shared/time-zone';

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

export function localeOf(language: string): string {
  return LOCALES[language] ?? 'fr-FR';
}

function previousDayKey(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** "26/11 14:02" — with the year when it is not this year ("26/11/2024 14:02"). */
export function formatShortDateTime(iso: string, timeZone: string, now: Date): string {
  const p = zonedParts(iso, timeZone);
  const thisYear = zonedParts(now, timeZone).year;
  const date = p.year === thisYear ? `${p.day}/${p.month}` : `${p.day}/${p.month}/${p.year}`;
  return `${date} ${p.hour}:${p.minute}`;
}

/** "mercredi 26 novembre 2025 à 14:02", for titles and tooltips. */
export function formatLongDateTime(iso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export type ListTime =
  | { kind: 'now' }
  | { kind: 'minutes' | 'hours'; value: number }
  | { kind: 'yesterday'; time: string }
  | { kind: 'date'; text: string };

/** When the last message came: relative today ("il y a 5 min"), "hier 14:02", else "26/11 14:02". */
export function listTime(iso: string, timeZone: string, now: Date): ListTime {
  const instant = new Date(iso);
  const today = dayIn(now, timeZone);
  const day = dayIn(instant, timeZone);
  const p = zonedParts(instant, timeZone);
  if (day === today) {
    const minutes = Math.max(0, Math.floor((now.getTime() - instant.getTime()) / 60_000));
    if (minutes < 1) return { kind: 'now' };
    if (minutes < 60) return { kind: 'minutes', value: minutes };
    return { kind: 'hours', value: Math.floor(minutes / 60) };
  }
  if (day === previousDayKey(today)) return { kind: 'yesterday', time: `${p.hour}:${p.minute}` };
  return { kind: 'date', text: formatShortDateTime(iso, timeZone, now) };
}

/** Whole years between a birth date and a day, both "YYYY-MM-DD"; null when unreadable. */
export function ageOn(birthDate: string, today: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !t) return null;
  let age = Number(t[1]) - Number(b[1]);
  if (`${t[2]}${t[3]}` < `${b[2]}${b[3]}`) age -= 1;
  return age >= 0 && age < 130 ? age : null;
}

export { formatCalendarDate } from '../../shared/time-zone';
