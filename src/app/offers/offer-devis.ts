import { findRequest, listLinesForOffer } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import { cents } from '../../domain/money.js';
import { dayIn } from '../../domain/time-zone.js';
import { amountDueOf, depositOf, totalsOf } from '../../domain/totals.js';
import type { Devis } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import type { Tx } from '../tx.js';
import type { OfferSchool } from './offer-school.js';
import { loadOffers } from './offers-view.js';

/**
 * The Devis onglet as the offer routes answer it, read in the action's transaction.
 * Provisional: once the Devis read (src/app/devis/get-devis.ts, built beside this) is merged,
 * the routes answer with it instead; lines here carry no participants nor schedule.
 */
export async function devisOf(
  tx: Tx,
  actor: StaffActor,
  requestId: string,
  school: OfferSchool,
): Promise<Devis> {
  const request = await findRequest(tx.trx, actor.schoolId, requestId);
  if (!request) throw notFound(NOT_FOUND.file);
  const rows = await listLinesForOffer(tx.trx, actor.schoolId, requestId);
  const lines = rows.map((l) => ({
    isActive: Boolean(l.is_active),
    totalCents: cents(Number(l.total_cents)),
    vatRateBp: l.vat_rate_bp,
  }));
  const totals = totalsOf(lines);
  const today = dayIn(tx.now, school.timeZone);
  return {
    requestId,
    version: request.version,
    lines: rows.map((l, i) => ({
      id: l.id,
      kind: l.kind,
      productId: l.product_id,
      sessionId: l.session_id,
      instructorId: l.instructor_id,
      label: l.label,
      quantity: Number(l.quantity),
      unitPriceCents: cents(Number(l.unit_price_cents)),
      totalCents: lines[i]!.totalCents,
      vatRateBp: l.vat_rate_bp,
      isOnlineSale: Boolean(l.is_online_sale),
      isOptional: Boolean(l.is_optional),
      isActive: Boolean(l.is_active),
      isToBePriced: false,
      participants: [],
      schedule: null,
      isLocked: request.paidCents > 0,
    })),
    totals: {
      ...totals,
      paidCents: request.paidCents,
      dueCents: amountDueOf(totals.totalCents, request.paidCents),
      defaultDepositCents: depositOf(totals.totalCents, request.paidCents, school.sales.defaultDepositBp),
    },
    offers: await loadOffers(
      tx.trx,
      { schoolId: actor.schoolId, requestId },
      today,
      school.sales.reminderDaysBeforeExpiry,
    ),
    canSend: rows.some((l) => l.is_active) && totals.totalCents > 0 && request.archivedAt === null,
    customLessonLabel: school.sales.customLessonLabel,
  };
}
