import {
  findOfferOfRequest,
  setOfferValidUntil,
  setRequestOfferValidUntil,
} from '../../db/repositories/index.js';
import type { StaffLanguage } from '../../domain/errors.js';
import { notFound, validation } from '../../domain/errors.js';
import { dayIn } from '../../domain/time-zone.js';
import type { Devis } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { reissuePortalLink } from '../portal/private-link.js';
import { changeRequest } from '../requests/change-request.js';
import { transact } from '../tx.js';
import { devisOf } from './offer-devis.js';
import { loadOfferSchool } from './offer-school.js';
import { OFFER_MESSAGES } from './offers.messages.js';

/** "Prolonger": a new last valid day for a quote or payment link (today at the earliest), journaled. */
export async function extendOffer(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  offerId: string,
  input: { version: number; validUntil: string },
  language: StaffLanguage = 'fr',
): Promise<Devis> {
  return transact(deps, async (tx) => {
    const school = await loadOfferSchool(tx.trx, actor.schoolId);
    const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version };
    await changeRequest(tx, target, async (file) => {
      const offer = await findOfferOfRequest(tx.trx, actor.schoolId, requestId, offerId);
      if (!offer) throw notFound(OFFER_MESSAGES.offerNotFound);
      if (Number.isNaN(Date.parse(`${input.validUntil}T00:00:00Z`)))
        throw validation({ validUntil: OFFER_MESSAGES.invalidDate });
      if (input.validUntil < dayIn(tx.now, school.timeZone))
        throw validation({ validUntil: OFFER_MESSAGES.dateInPast });
      await setOfferValidUntil(tx.trx, actor.schoolId, offerId, input.validUntil);
      await setRequestOfferValidUntil(tx.trx, actor.schoolId, requestId, input.validUntil);
      file.factsChanged();
      file.journal({
        action: 'offer.extended',
        details: { number: offer.number, validUntil: input.validUntil },
      });
    });
    return devisOf(tx, actor, requestId, language);
  });
}

/** "Révoquer le lien": a new private link for the customer; the old one opens nothing any more. */
export async function reissuePrivateLink(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { version: number },
): Promise<{ ok: true }> {
  return transact(deps, async (tx) => {
    const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version };
    await changeRequest(tx, target, async (file) => {
      await reissuePortalLink(deps, tx, { schoolId: actor.schoolId, id: requestId });
      file.journal({ action: 'portal.link_reissued', details: {} });
    });
    return { ok: true };
  });
}
