import { findOfferOfRequest, findRequest } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import { renderQuotePdf } from '../../integrations/pdf/quote-pdf.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { OfferSnapshotSchema } from './offer-snapshot.js';
import { OFFER_MESSAGES } from './offers.messages.js';

/** The PDF of a quote or payment link as it was sent (its snapshot), of a request of the actor's school. */
export async function offerPdf(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  offerId: string,
): Promise<{ filename: string; pdf: Buffer }> {
  const db = deps.db.kysely;
  if (!(await findRequest(db, actor.schoolId, requestId))) throw notFound(NOT_FOUND.file);
  const offer = await findOfferOfRequest(db, actor.schoolId, requestId, offerId);
  if (!offer) throw notFound(OFFER_MESSAGES.offerNotFound);
  const snapshot = OfferSnapshotSchema.parse(JSON.parse(offer.snapshot_json));
  // The validity as it stands now (a quote may have been extended since it was sent).
  const pdf = await renderQuotePdf({ ...snapshot, validUntil: offer.valid_until ?? snapshot.validUntil });
  return { filename: `${offer.number}.pdf`, pdf };
}
