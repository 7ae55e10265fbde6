import {
  findOfferRecipient,
  listOffersToRemind,
  markOfferReminded,
  readSalesSettings,
} from '../../db/repositories/index.js';
import { dayIn, plusDays } from '../../domain/time-zone.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { privateLinkOf } from '../portal/private-link.js';
import { enqueue, journal, transact } from '../tx.js';
import { OfferSnapshotSchema } from './offer-snapshot.js';

export const OFFER_REMINDERS_EVERY_MS = 15 * 60_000;

/**
 * Writes the reminder e-mail, once per offer, for the current quotes and payment links that
 * expire within their school's `reminderDaysBeforeExpiry` (0: none) and are still valid today.
 * Each reminder is its own transaction, guarded by reminder_sent_at (two sweeps send one).
 */
export async function sweepOfferReminders(deps: AppDeps): Promise<number> {
  const now = deps.clock.now().toISOString();
  // A day either side covers every school's time zone; each is then checked in its own.
  const utcToday = now.slice(0, 10);
  const candidates = await listOffersToRemind(deps.db.kysely, {
    from: plusDays(utcToday, -1),
    to: plusDays(utcToday, 61),
  });
  let sent = 0;
  for (const offer of candidates) {
    const sales = readSalesSettings(offer.settings_json);
    const today = dayIn(now, offer.time_zone);
    const validUntil = offer.valid_until;
    if (sales.reminderDaysBeforeExpiry === 0 || validUntil === null) continue;
    if (validUntil < today || validUntil > plusDays(today, sales.reminderDaysBeforeExpiry)) continue;
    const isSent = await transact(deps, async (tx) => {
      if (!(await markOfferReminded(tx.trx, offer.id, tx.now))) return false;
      const customer = await findOfferRecipient(tx.trx, offer.school_id, offer.request_id);
      const snapshot = OfferSnapshotSchema.parse(JSON.parse(offer.snapshot_json));
      if (customer) {
        const link = await privateLinkOf(deps, tx, { schoolId: offer.school_id, id: offer.request_id });
        await enqueue(
          tx,
          customerEmail({
            schoolId: offer.school_id,
            requestId: offer.request_id,
            to: customer.email,
            firstName: customer.firstName,
            language: customer.language,
            fileNumber: snapshot.fileNumber,
            link,
            params: {
              template: 'quote_expiry_reminder',
              offerId: offer.id,
              offerNumber: snapshot.number,
              offerKind: snapshot.kind,
              validUntil,
            },
          }),
        );
      }
      await journal(tx, {
        schoolId: offer.school_id,
        requestId: offer.request_id,
        actor: { kind: 'system', schoolId: offer.school_id, name: 'Schuss' },
        action: 'offer.reminder_sent',
        details: { number: offer.number, validUntil },
      });
      return true;
    });
    if (isSent) sent++;
  }
  return sent;
}

/** Sweeps on a timer that does not keep the process alive; the answer stops it (after a sweep under way). */
export function startOfferReminders(deps: AppDeps, everyMs = OFFER_REMINDERS_EVERY_MS): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    // A failed sweep is tried again at the next tick: nothing was marked sent.
    running = running.then(() => sweepOfferReminders(deps)).catch(() => undefined);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
