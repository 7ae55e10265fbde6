import type { DURATIONS, LEVELS, PRACTICES, SLOTS } from '../../../app/intake/intake.vocabulary';

/**
 * What a public form submitted, as stored with the first message (app/intake/submit-intake.ts,
 * `submissionPayload`). Read defensively: it is JSON from the database, possibly written by an
 * older or newer version; anything unreadable is shown as raw data rather than dropped.
 */

// Copies of the intake vocabulary, typed as the server's tuples (a difference fails the type check).
export const PRACTICE_KEYS: typeof PRACTICES = [
  'ski_alpin',
  'snowboard',
  'telemark',
  'ski_de_fond',
  'ski_de_randonnee',
];
export const LEVEL_KEYS: typeof LEVELS = ['first_time', 'beginner', 'intermediate', 'advanced', 'expert'];
export const DURATION_KEYS: typeof DURATIONS = ['1h', '1h30', '2h', '3h', 'half_day', 'full_day'];
export const SLOT_KEYS: typeof SLOTS = ['morning', 'midday', 'afternoon'];
export const PRODUCT_KIND_KEYS = ['cours_collectif', 'cours_particulier', 'club_enfants'] as const;

export interface Participant {
  firstName: string;
  birthDate: string;
  level: string;
}

export interface DateRange {
  from: string;
  to: string | null;
}

export type FormPayload =
  | {
      form: 'vel';
      participants: Participant[];
      productType: string;
      practice: string;
      dates: DateRange | null;
      message: string;
    }
  | { form: 'contact'; message: string }
  | {
      form: 'custom';
      participants: Participant[];
      practice: string;
      dates: DateRange | null;
      slots: string[];
      duration: string;
      sessions: number | null;
      instructorName: string | null;
      lessonLanguage: string;
      message: string;
    }
  | { form: 'unknown'; raw: unknown };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function participants(value: unknown): Participant[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((p) => ({
    firstName: str(p.firstName),
    birthDate: str(p.birthDate),
    level: str(p.level),
  }));
}

function dates(value: unknown): DateRange | null {
  if (!isObject(value) || !str(value.from)) return null;
  return { from: str(value.from), to: str(value.to) || null };
}

/** null when the message carries no form data (a reply, an e-mail, a staff note). */
export function readFormPayload(payload: unknown): FormPayload | null {
  if (payload === null || payload === undefined) return null;
  if (!isObject(payload)) return { form: 'unknown', raw: payload };
  switch (payload.form) {
    case 'vel':
      return {
        form: 'vel',
        participants: participants(payload.participants),
        productType: str(payload.productType),
        practice: str(payload.practice),
        dates: dates(payload.dates),
        message: str(payload.message),
      };
    case 'contact':
      return { form: 'contact', message: str(payload.message) };
    case 'custom':
      return {
        form: 'custom',
        participants: participants(payload.participants),
        practice: str(payload.practice),
        dates: dates(payload.dates),
        slots: Array.isArray(payload.slots) ? payload.slots.map(str).filter(Boolean) : [],
        duration: str(payload.duration),
        sessions:
          typeof payload.sessions === 'number' && Number.isInteger(payload.sessions)
            ? payload.sessions
            : null,
        instructorName: isObject(payload.instructor) ? str(payload.instructor.name) || null : null,
        lessonLanguage: str(payload.lessonLanguage),
        message: str(payload.message),
      };
    default:
      return { form: 'unknown', raw: payload };
  }
}

export function isOneOf<T extends string>(keys: readonly T[], value: string): value is T {
  return (keys as readonly string[]).includes(value);
}

/** "cours_de_glisse" → "Cours de glisse": a readable fallback for a key the app does not know yet. */
export function humanize(key: string): string {
  const text = key.replaceAll('_', ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
