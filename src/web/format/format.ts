/**
 * How the staff app writes money and times: euros from integer cents (never a float in the
 * arithmetic), instants in the school's time zone.
 */

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

export function localeOf(language: string): string {
  return LOCALES[language] ?? 'fr-FR';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** 12345 → "123,45 €". The amount is handed to Intl as an exact decimal string built from integers. */
export function formatEuros(cents: number, language: string, currency = 'EUR'): string {
  const key = `${language}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const units = Math.floor(abs / 100);
  const rest = abs - units * 100;
  const exact = `${sign}${units}.${String(rest).padStart(2, '0')}`;
  // Intl.NumberFormat v3 reads a numeric string exactly (no binary float in between).
  return format.format(exact as unknown as number);
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** Calendar parts of an instant in a time zone (24 h clock). */
export function zonedParts(instant: Date, timeZone: string): Parts {
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
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  };
}

/** "2025-11-26": the day an instant falls on in the school. */
export function dayKey(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

function previousDayKey(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** "26/11 14:02" — with the year when it is not this year ("26/11/2024 14:02"). */
export function formatShortDateTime(iso: string, timeZone: string, now: Date): string {
  const p = zonedParts(new Date(iso), timeZone);
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
  const today = dayKey(now, timeZone);
  const day = dayKey(instant, timeZone);
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

/** "2018-03-14" → "14/03/2018" (a calendar date: no time zone involved). */
export function formatCalendarDate(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDay;
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
