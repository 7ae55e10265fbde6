import type { z } from 'zod';
import {
  deleteLine,
  findLineOfRequest,
  findProductOfSchool,
  findSchoolSalesContext,
  type LineChange,
  type LineRow,
  loadLineFacts,
  updateLine,
} from '../../db/repositories/index.js';
import { AppError, notFound, type StaffLanguage } from '../../domain/errors.js';
import { priceOf } from '../../domain/line-pricing.js';
import { cents } from '../../domain/money.js';
import type { Devis, EditLineSchema, Participant } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { RequestChange } from '../requests/change-request.js';
import { parseJson } from '../requests/keyed-text.schemas.js';
import type { Tx } from '../tx.js';
import {
  catalogPrice,
  checkParticipants,
  requireOfferedProduct,
  requireOpenSession,
  sessionSnapshot,
} from './catalogue-choice.js';
import { changeDevis } from './change-devis.js';
import { DEVIS_MESSAGES } from './devis.messages.js';
import { lineLabel } from './get-devis.js';

export type EditLine = z.infer<typeof EditLineSchema>;

/**
 * The line of the file being changed, while nothing is paid on the file: once a payment came in,
 * its services stay as they were paid (refund and re-sell instead).
 */
export async function requireChangeableLine(tx: Tx, file: RequestChange, lineId: string): Promise<LineRow> {
  const { schoolId, id: requestId } = file.request;
  const line = await findLineOfRequest(tx.trx, schoolId, requestId, lineId);
  if (!line) throw notFound(DEVIS_MESSAGES.line);
  const { paidCents } = await loadLineFacts(tx.trx, schoolId, requestId);
  if (paidCents > 0) throw new AppError('INVALID_STATE', DEVIS_MESSAGES.paidLocked);
  return line;
}

/** The details JSON with some fields replaced, keeping what this version does not know. */
export function withDetails(detailsJson: string, change: Record<string, unknown>): string {
  const stored = parseJson(detailsJson);
  const base = stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {};
  return JSON.stringify({ ...base, ...change });
}

/** A catalogue line's new session or participants: re-checked against the product and the places left. */
async function catalogChange(tx: Tx, line: LineRow, input: EditLine): Promise<LineChange> {
  const schoolId = line.school_id;
  if (!line.product_id || !line.session_id) return {};
  const stored = parseJson(line.details_json) as { participants?: Participant[] } | undefined;
  const participants = input.participants ?? stored?.participants ?? [];
  const isNewSession = input.sessionId !== undefined && input.sessionId !== line.session_id;
  const product = isNewSession
    ? await requireOfferedProduct(tx, schoolId, line.product_id)
    : await findProductOfSchool(tx.trx, schoolId, line.product_id);
  if (!product) throw notFound(DEVIS_MESSAGES.product);
  const session = await requireOpenSession(tx, schoolId, product, input.sessionId ?? line.session_id);
  await checkParticipants(tx, schoolId, { product, session }, participants, line.id);
  const price = catalogPrice(product, session, participants.length);
  return {
    quantity: price.quantity,
    unit_price_cents: price.unitPriceCents,
    session_id: session.id,
    participant_count: participants.length,
    details_json: withDetails(line.details_json, { participants, session: sessionSnapshot(session) }),
  };
}

/**
 * Changes a line of the Devis (its quantity, price, participants or session) while nothing is
 * paid on the file; new participants or a new session are checked again like an addition.
 */
export async function editLine(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  lineId: string,
  input: EditLine,
  language: StaffLanguage,
): Promise<Devis> {
  return changeDevis(deps, { actor, requestId, version: input.version, language }, async (tx, file) => {
    const line = await requireChangeableLine(tx, file, lineId);
    let change: LineChange = {};
    if (line.kind === 'catalog' && (input.participants !== undefined || input.sessionId !== undefined))
      change = await catalogChange(tx, line, input);
    else if (input.participants !== undefined)
      change = {
        participant_count: line.kind === 'extra' ? 0 : input.participants.length,
        details_json: withDetails(line.details_json, { participants: input.participants }),
      };
    const price = priceOf(
      cents(input.unitPriceCents ?? change.unit_price_cents ?? Number(line.unit_price_cents)),
      input.quantity ?? change.quantity ?? Number(line.quantity),
    );
    change = {
      ...change,
      quantity: price.quantity,
      unit_price_cents: price.unitPriceCents,
      total_cents: price.totalCents,
    };
    const isChanged = (Object.keys(change) as (keyof LineChange)[]).some(
      (k) => String(change[k]) !== String(line[k]),
    );
    if (!isChanged) return;
    await updateLine(tx.trx, line.school_id, line.id, { ...change, updated_at: tx.now });
    file.factsChanged();
    file.journal({
      action: 'line.updated',
      details: await journalDetails(tx, line, change.participant_count),
    });
  });
}

/** How the journal names a line: its label (in French, as the journal stores it) and its participants. */
async function journalDetails(tx: Tx, line: LineRow, participants = line.participant_count) {
  const { settings } = await findSchoolSalesContext(tx.trx, line.school_id);
  return {
    lineId: line.id,
    label: lineLabel(line, 'fr', settings.customLessonLabel),
    participants: participants || null,
  };
}

/** Removes a line from the Devis while nothing is paid on the file; journaled. */
export async function removeLine(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  lineId: string,
  version: number,
  language: StaffLanguage,
): Promise<Devis> {
  return changeDevis(deps, { actor, requestId, version, language }, async (tx, file) => {
    const line = await requireChangeableLine(tx, file, lineId);
    await deleteLine(tx.trx, line.school_id, line.id);
    file.factsChanged();
    file.journal({ action: 'line.removed', details: await journalDetails(tx, line) });
  });
}
