import type { z } from 'zod';
import {
  type Db,
  findRequest,
  findSchoolSalesContext,
  listDaysOffBetween,
  listValidatedLessonsOfInstructor,
  updateLine,
} from '../../db/repositories/index.js';
import {
  AppError,
  NOT_FOUND,
  notFound,
  type StaffLanguage,
  type StaffText,
  validation,
} from '../../domain/errors.js';
import { daysInclusive, priceOf } from '../../domain/line-pricing.js';
import { cents } from '../../domain/money.js';
import { plusDays } from '../../domain/time-zone.js';
import {
  type Availability,
  type Devis,
  isClash,
  type ValidateCustomLessonSchema,
} from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { RequestChange } from '../requests/change-request.js';
import type { Tx } from '../tx.js';
import { requireInstructor } from './catalogue-choice.js';
import { changeDevis } from './change-devis.js';
import { DEVIS_MESSAGES, dayText, instructorBusy } from './devis.messages.js';
import { requireChangeableLine, withDetails } from './edit-line.js';
import { lineLabel } from './get-devis.js';
import { readLineDetails } from './line-details.schemas.js';

export type ValidateCustomLesson = z.infer<typeof ValidateCustomLessonSchema>;

/** The longest period looked at or booked at once: a season's holidays, not a year. */
const MAX_DAYS = 62;

const SLOT_NAMES: Record<StaffLanguage, Record<string, string>> = {
  fr: { morning: 'matin', midday: 'midi', afternoon: 'après-midi' },
  en: { morning: 'morning', midday: 'midday', afternoon: 'afternoon' },
};

/** Every day from `from` to `to`, both included. */
function daysOf(from: string, to: string): string[] {
  const count = daysInclusive(from, to);
  return Array.from({ length: count }, (_, i) => plusDays(from, i));
}

/** A period of one to 62 days, in order. */
export function requireRange(from: string, to: string): void {
  if (to < from || daysInclusive(from, to) > MAX_DAYS)
    throw validation({ to: DEVIS_MESSAGES.badRange }, DEVIS_MESSAGES.badRange);
}

/** A day the instructor is taken: a day off (all day) or a validated lesson in some slots. */
interface BusyDayRow {
  day: string;
  kind: 'day_off' | 'lesson';
  reason: string;
  requestId: string | null;
  number: string | null;
  slots: string[];
}

/**
 * The instructor's days off and validated custom lessons (files whose lesson was validated,
 * other than this one) between two days, by day.
 */
async function busyDaysOf(
  db: Db,
  schoolId: string,
  instructorId: string,
  requestId: string,
  from: string,
  to: string,
): Promise<BusyDayRow[]> {
  const [daysOff, lessons] = await Promise.all([
    listDaysOffBetween(db, schoolId, instructorId, from, to),
    listValidatedLessonsOfInstructor(db, schoolId, instructorId, requestId),
  ]);
  const busy: BusyDayRow[] = daysOff.map((d) => ({
    day: d.day,
    kind: 'day_off',
    reason: d.reason,
    requestId: null,
    number: null,
    slots: [],
  }));
  for (const lesson of lessons) {
    const details = readLineDetails(lesson.detailsJson);
    if (!details.dates) continue;
    const last = details.dates.to ?? details.dates.from;
    if (last < from || details.dates.from > to) continue;
    const start = details.dates.from < from ? from : details.dates.from;
    const end = last > to ? to : last;
    for (const day of daysOf(start, end))
      busy.push({
        day,
        kind: 'lesson',
        reason: '',
        requestId: lesson.requestId,
        number: lesson.number,
        slots: details.slots ?? [],
      });
  }
  return busy.sort((a, b) => a.day.localeCompare(b.day));
}

function busyDetail(busy: BusyDayRow, language: StaffLanguage): string {
  if (busy.kind === 'day_off') return busy.reason || DEVIS_MESSAGES.dayOff[language];
  const slots = busy.slots.map((s) => SLOT_NAMES[language][s] ?? s).join(', ');
  return slots ? `${busy.number} · ${slots}` : (busy.number ?? '');
}

function clashText(busy: BusyDayRow): StaffText {
  const text = (language: StaffLanguage) => {
    const what =
      busy.kind === 'day_off'
        ? `${DEVIS_MESSAGES.dayOff[language]}${busy.reason ? ` (${busy.reason})` : ''}`
        : busyDetail(busy, language);
    return `${dayText(busy.day)}${language === 'fr' ? ' : ' : ': '}${what}`;
  };
  return { fr: text('fr'), en: text('en') };
}

/**
 * "ÉDITER" → the availability of an instructor on the dates of a lesson: their days off and the
 * lessons they give on other validated files, by day.
 */
export async function getAvailability(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  query: { instructorId: string; from: string; to: string },
  language: StaffLanguage,
): Promise<Availability> {
  const db = deps.db.kysely;
  const request = await findRequest(db, actor.schoolId, requestId);
  if (!request) throw notFound(NOT_FOUND.file);
  const instructor = await requireInstructor(db, actor.schoolId, query.instructorId);
  requireRange(query.from, query.to);
  const busy = await busyDaysOf(db, actor.schoolId, instructor.id, requestId, query.from, query.to);
  return {
    instructorId: instructor.id,
    busy: busy.map((b) => ({
      day: b.day,
      kind: b.kind,
      detail: busyDetail(b, language),
      requestId: b.requestId,
      slots: b.slots,
    })),
  };
}

/** A custom lesson booked on an instructor: when, in which slots, and the secretary's reason to book over a clash. */
export interface InstructorBooking {
  instructor: { id: string; name: string };
  lineId: string;
  label: string;
  dates: { from: string; to: string | null };
  slots: readonly string[];
  overrideReason: string | undefined;
}

/**
 * An instructor is booked only where they are free: a day off, or another validated lesson in a
 * slot this one takes, is refused (CONFLICT naming each clash) unless the secretary gives a
 * reason, which is journaled with the clashes. Both "Ajouter une prestation" and "ÉDITER" keep it.
 */
export async function requireInstructorFree(
  tx: Tx,
  file: RequestChange,
  booking: InstructorBooking,
): Promise<void> {
  const { schoolId, id: requestId } = file.request;
  const last = booking.dates.to ?? booking.dates.from;
  const busy = await busyDaysOf(tx.trx, schoolId, booking.instructor.id, requestId, booking.dates.from, last);
  const clashes = busy.filter((b) => isClash(b, booking.slots));
  if (clashes.length === 0) return;
  const texts = clashes.map(clashText);
  if (!booking.overrideReason) throw new AppError('CONFLICT', instructorBusy(booking.instructor.name, texts));
  file.journal({
    action: 'custom_lesson.overlap_overridden',
    details: {
      lineId: booking.lineId,
      label: booking.label,
      instructor: booking.instructor.name,
      clashes: texts.map((t) => t.fr),
      reason: booking.overrideReason,
    },
  });
}

/**
 * "ÉDITER" → Valider: the custom lesson as the school will give it (dates, slots, hours,
 * sessions, instructor, participants, price). An instructor's day off or validated lesson on the
 * same day and slot is refused unless the secretary gives a reason, which is journaled.
 * Validation moves the file to "Dossier en cours" by the status rule; what the customer asked
 * stays in the conversation.
 */
export async function validateCustomLesson(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: ValidateCustomLesson,
  language: StaffLanguage,
): Promise<Devis> {
  const schoolId = actor.schoolId;
  return changeDevis(deps, { actor, requestId, version: input.version, language }, async (tx, file) => {
    const line = await requireChangeableLine(tx, file, input.lineId);
    if (line.kind !== 'custom')
      throw validation({ lineId: DEVIS_MESSAGES.notCustom }, DEVIS_MESSAGES.notCustom);
    const instructor = input.instructorId
      ? await requireInstructor(tx.trx, schoolId, input.instructorId)
      : null;
    requireRange(input.dates.from, input.dates.to ?? input.dates.from);
    const { settings } = await findSchoolSalesContext(tx.trx, schoolId);
    const label = lineLabel(line, 'fr', settings.customLessonLabel);
    if (instructor)
      await requireInstructorFree(tx, file, {
        instructor,
        lineId: line.id,
        label,
        dates: input.dates,
        slots: input.slots,
        overrideReason: input.overrideReason,
      });
    const details = readLineDetails(line.details_json);
    const participants = input.participants ?? details.participants;
    const price = priceOf(cents(input.priceCents), 1);
    await updateLine(tx.trx, schoolId, line.id, {
      quantity: price.quantity,
      unit_price_cents: price.unitPriceCents,
      total_cents: price.totalCents,
      instructor_id: instructor?.id ?? null,
      participant_count: participants.length,
      details_json: withDetails(line.details_json, {
        participants,
        dates: { from: input.dates.from, to: input.dates.to },
        slots: input.slots,
        hours: input.hours,
        sessions: input.sessions,
        instructor: instructor ? { id: instructor.id, name: instructor.name } : null,
      }),
      updated_at: tx.now,
    });
    file.factsChanged();
    file.edit({ customValidatedAt: file.request.customValidatedAt ?? tx.now });
    file.journal({
      action: 'custom_lesson.validated',
      details: {
        lineId: line.id,
        label,
        instructor: instructor?.name ?? null,
        priceCents: input.priceCents,
      },
    });
  });
}
