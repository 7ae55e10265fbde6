import type { FieldErrors } from '../../domain/errors.js';
import type { IntakeMessages } from './intake.i18n.js';
import type { IntakeInput } from './intake.schemas.js';

function shiftYears(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) + years;
  return `${String(year).padStart(4, '0')}${day.slice(4)}`;
}

export const MAX_AHEAD_YEARS = 2;
export const MAX_AGE_YEARS = 110;

/**
 * The rules a submission must keep against the calendar of the school: wished dates from today
 * (school time) up to two years ahead, the end not before the start, birth dates not in the
 * future nor absurdly old. ISO dates compare as strings.
 */
export function checkDates(input: IntakeInput, today: string, m: IntakeMessages): FieldErrors {
  const fields: FieldErrors = {};
  if (input.form === 'contact') return fields;
  const horizon = shiftYears(today, MAX_AHEAD_YEARS);
  const { from, to } = input.dates;
  if (from < today) fields['dates.from'] = m.datePast;
  else if (from > horizon) fields['dates.from'] = m.dateTooFar;
  if (to !== undefined) {
    if (to < from) fields['dates.to'] = m.dateToBeforeFrom;
    else if (to > horizon) fields['dates.to'] = m.dateTooFar;
  }
  const oldest = shiftYears(today, -MAX_AGE_YEARS);
  input.participants.forEach((p, i) => {
    if (p.birthDate > today) fields[`participants.${i}.birthDate`] = m.birthFuture;
    else if (p.birthDate < oldest) fields[`participants.${i}.birthDate`] = m.birthTooOld;
  });
  return fields;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * A custom lesson holds at most one session a day for each time of day chosen: 13 sessions
 * cannot fit in five mornings. Dates already refused are not checked against.
 */
export function checkSessions(input: IntakeInput, dateErrors: FieldErrors, m: IntakeMessages): FieldErrors {
  if (input.form !== 'custom' || dateErrors['dates.from'] || dateErrors['dates.to']) return {};
  const days = daysBetween(input.dates.from, input.dates.to ?? input.dates.from);
  const max = days * Math.max(1, input.slots.length);
  return input.sessions > max ? { sessions: m.sessionsForDates(max) } : {};
}
