import type { TFunction } from 'i18next';
import { LEVELS, type Level, SLOTS, type Slot } from '../../../../shared/vocabulary';
import type { Instructor, Session } from '../../../api/devis.api';
import { formatCalendarDate } from '../../../format/format';

export function levelLabel(t: TFunction, level: string): string {
  return (LEVELS as readonly string[]).includes(level) ? t(`intake.levels.${level as Level}`) : level;
}

export function slotLabel(t: TFunction, slot: string): string {
  return (SLOTS as readonly string[]).includes(slot) ? t(`intake.slots.${slot as Slot}`) : slot;
}

/** "du 14/02/2027 au 19/02/2027", or one day. */
export function dayRange(t: TFunction, from: string, to: string | null): string {
  return to && to !== from
    ? t('devis.dayRange', { from: formatCalendarDate(from), to: formatCalendarDate(to) })
    : t('devis.oneDay', { day: formatCalendarDate(from) });
}

export function placesLeft(session: Session): number {
  return Math.max(0, session.capacity - session.taken);
}

/** "du 14/02 au 19/02 · 09:00–11:30 · Front de neige". */
export function sessionText(t: TFunction, session: Session): string {
  const parts = [
    dayRange(t, session.startsOn, session.endsOn),
    t('devis.hours', { start: session.startTime, end: session.endTime }),
  ];
  if (session.meetingPoint) parts.push(session.meetingPoint);
  return parts.join(' · ');
}

export function instructorName(instructor: Instructor): string {
  return `${instructor.firstName} ${instructor.lastName}`.trim();
}

/** Today in the school's calendar, plus days, as "YYYY-MM-DD". */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The days from one to another, both included (at most 62, a season's custom lesson). */
export function daysBetween(from: string, to: string | null): string[] {
  const days: string[] = [];
  const last = to && to >= from ? to : from;
  for (let day = from; day <= last && days.length < 62; day = addDays(day, 1)) days.push(day);
  return days;
}
