import {
  countParticipantsOfRequest,
  findSchoolSalesContext,
  insertLines,
  type LineRow,
  nextLinePosition,
  type ProductFacts,
} from '../../db/repositories/index.js';
import { type StaffLanguage, validation } from '../../domain/errors.js';
import { type LinePrice, priceOf } from '../../domain/line-pricing.js';
import { cents } from '../../domain/money.js';
import type { AddLine, Devis } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import type { RequestChange } from '../requests/change-request.js';
import type { Tx } from '../tx.js';
import {
  catalogPrice,
  checkParticipants,
  requireInstructor,
  requireOfferedProduct,
  requireOpenSession,
  sessionSnapshot,
} from './catalogue-choice.js';
import { changeDevis } from './change-devis.js';
import { requireInstructorFree, requireRange } from './custom-lesson.js';
import { DEVIS_MESSAGES } from './devis.messages.js';

type NewLine = Omit<LineRow, 'school_id' | 'request_id' | 'position' | 'created_at' | 'updated_at'>;

/** "2 h", "1 h 30": a custom lesson's hours as its generated label says them. */
export function hoursText(hours: number): string {
  const whole = Math.floor(hours);
  const minutes = Math.round((hours - whole) * 60);
  return minutes === 0 ? `${whole} h` : `${whole} h ${String(minutes).padStart(2, '0')}`;
}

/** The school's name for a custom lesson and its hours: "esf sur mesure — 2 h". */
export function customLessonName(customLessonLabel: string, hours: number): string {
  return `${customLessonLabel} — ${hoursText(hours)}`;
}

/** A line sold from the catalogue: the product's name, VAT, online sale and optional flags, at its price. */
function productLine(product: ProductFacts, price: LinePrice): NewLine {
  return {
    id: newId('line'),
    kind: 'catalog',
    product_id: product.id,
    label: product.name,
    label_key: null,
    label_params_json: null,
    quantity: price.quantity,
    unit_price_cents: price.unitPriceCents,
    total_cents: price.totalCents,
    vat_rate_bp: product.vatRateBp,
    is_online_sale: product.isOnlineSale ? 1 : 0,
    is_optional: product.isOptional ? 1 : 0,
    is_active: 1,
    details_json: JSON.stringify({ participants: [] }),
    pos_imported_at: null,
    session_id: null,
    instructor_id: null,
    participant_count: 0,
  };
}

async function catalogLine(
  tx: Tx,
  schoolId: string,
  input: Extract<AddLine, { kind: 'catalog' }>,
): Promise<NewLine> {
  const product = await requireOfferedProduct(tx, schoolId, input.productId);
  if (product.kind === 'extra')
    throw validation({ productId: DEVIS_MESSAGES.isAnExtra }, DEVIS_MESSAGES.invalidLine);
  const session = await requireOpenSession(tx, schoolId, product, input.sessionId);
  await checkParticipants(tx, schoolId, { product, session }, input.participants, null);
  const price = catalogPrice(product, session, input.participants.length);
  return {
    ...productLine(product, price),
    kind: 'catalog',
    details_json: JSON.stringify({ participants: input.participants, session: sessionSnapshot(session) }),
    session_id: session.id,
    participant_count: input.participants.length,
  };
}

async function extraLine(
  tx: Tx,
  schoolId: string,
  requestId: string,
  input: Extract<AddLine, { kind: 'extra' }>,
): Promise<NewLine> {
  const product = await requireOfferedProduct(tx, schoolId, input.productId);
  if (product.kind !== 'extra')
    throw validation({ productId: DEVIS_MESSAGES.notAnExtra }, DEVIS_MESSAGES.invalidLine);
  const quantity =
    input.quantity ??
    (product.priceUnit === 'participant'
      ? Math.max(1, await countParticipantsOfRequest(tx.trx, schoolId, requestId))
      : 1);
  const price = priceOf(product.priceCents, quantity);
  return { ...productLine(product, price), kind: 'extra' };
}

/**
 * A custom lesson typed by the secretary; an instructor is booked only where they are free, or
 * over a clash with her reason (journaled), as "ÉDITER" does.
 */
async function customLine(
  tx: Tx,
  file: RequestChange,
  input: Extract<AddLine, { kind: 'custom' }>,
): Promise<NewLine> {
  const schoolId = file.request.schoolId;
  const instructor = input.instructorId
    ? await requireInstructor(tx.trx, schoolId, input.instructorId)
    : null;
  requireRange(input.dates.from, input.dates.to ?? input.dates.from);
  const { settings } = await findSchoolSalesContext(tx.trx, schoolId);
  const id = newId('line');
  const label = input.label || customLessonName(settings.customLessonLabel, input.hours);
  if (instructor)
    await requireInstructorFree(tx, file, {
      instructor,
      lineId: id,
      label,
      dates: input.dates,
      slots: input.slots,
      overrideReason: input.overrideReason,
    });
  const price = priceOf(cents(input.priceCents), 1);
  return {
    id,
    kind: 'custom',
    product_id: null,
    label,
    label_key: null,
    label_params_json: null,
    quantity: price.quantity,
    unit_price_cents: price.unitPriceCents,
    total_cents: price.totalCents,
    vat_rate_bp: input.vatRateBp,
    is_online_sale: 0,
    is_optional: 0,
    is_active: 1,
    details_json: JSON.stringify({
      participants: input.participants,
      dates: input.dates,
      slots: input.slots,
      hours: input.hours,
      sessions: input.sessions,
      instructor: instructor ? { id: instructor.id, name: instructor.name } : null,
    }),
    pos_imported_at: null,
    session_id: null,
    instructor_id: instructor?.id ?? null,
    participant_count: input.participants.length,
  };
}

/**
 * "Ajouter une prestation": a catalogue lesson ("Cours de ski", checked against the product and
 * the session's places), an extra, or a custom lesson typed by the secretary. The first service
 * turns a simple request into a dossier ("Dossier en cours") by the status rule; journaled.
 */
export async function addLine(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: AddLine,
  language: StaffLanguage,
): Promise<Devis> {
  const schoolId = actor.schoolId;
  return changeDevis(deps, { actor, requestId, version: input.version, language }, async (tx, file) => {
    const line =
      input.kind === 'catalog'
        ? await catalogLine(tx, schoolId, input)
        : input.kind === 'extra'
          ? await extraLine(tx, schoolId, requestId, input)
          : await customLine(tx, file, input);
    const position = await nextLinePosition(tx.trx, schoolId, requestId);
    await insertLines(tx.trx, [
      {
        ...line,
        school_id: schoolId,
        request_id: requestId,
        position,
        created_at: tx.now,
        updated_at: tx.now,
      },
    ]);
    file.factsChanged();
    file.journal({
      action: 'line.added',
      details: { lineId: line.id, label: line.label, participants: line.participant_count || null },
    });
  });
}
