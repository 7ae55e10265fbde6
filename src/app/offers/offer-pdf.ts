import { type Db, findOfferOfRequest, findRequest } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import { quotePdf } from '../../integrations/render/render-pool.js';
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
  const pdf = await renderOfferPdf(db, { schoolId: actor.schoolId, requestId, offerId });
  if (!pdf) throw notFound(OFFER_MESSAGES.offerNotFound);
  return pdf;
}

/**
 * The PDF of one offer of a file, from its snapshot — what the staff app and the customer's
 * private page both download; null when the file has no such offer.
 */
export async function renderOfferPdf(
  db: Db,
  target: { schoolId: string; requestId: string; offerId: string },
): Promise<{ filename: string; pdf: Buffer } | null> {
  const offer = await findOfferOfRequest(db, target.schoolId, target.requestId, target.offerId);
  if (!offer) return null;
  const snapshot = OfferSnapshotSchema.parse(JSON.parse(offer.snapshot_json));
  // The validity as it stands now (a quote may have been extended since it was sent).
  const pdf = await quotePdf({ ...snapshot, validUntil: offer.valid_until ?? snapshot.validUntil });
  return { filename: `${offer.number}.pdf`, pdf };
}
