import { preparedQuery } from '../prepared-query.js';
import type { Db } from './db.js';

export type PaymentEventOutcome = 'applied' | 'ignored' | 'anomaly';

/**
 * Claims a provider event once: the insert is the dedup key (unique provider + event id), in the
 * transaction that applies the event. False when the event was already received — on PostgreSQL a
 * concurrent delivery of the same event waits for the first one's commit, then finds it here.
 */
export async function claimPaymentEvent(
  db: Db,
  event: {
    id: string;
    provider: string;
    providerEventId: string;
    type: string;
    payloadJson: string;
    receivedAt: string;
  },
): Promise<boolean> {
  const rows = await insertPaymentEvent(
    db,
    event.id,
    event.provider,
    event.providerEventId,
    event.type,
    event.payloadJson,
    event.receivedAt,
  );
  return rows.length > 0;
}

// One per webhook delivery, claimed then settled: both statements are built and compiled once.
const insertPaymentEvent = preparedQuery(
  (
    db,
    id: string,
    provider: string,
    providerEventId: string,
    type: string,
    payloadJson: string,
    receivedAt: string,
  ) =>
    db
      .insertInto('payment_events')
      .values({
        id,
        provider,
        provider_event_id: providerEventId,
        type,
        school_id: null,
        request_id: null,
        attempt_id: null,
        outcome: 'ignored',
        payload_json: payloadJson,
        received_at: receivedAt,
      })
      .onConflict((oc) => oc.columns(['provider', 'provider_event_id']).doNothing())
      .returning('id'),
);

const updatePaymentEvent = preparedQuery(
  (
    db,
    id: string,
    outcome: PaymentEventOutcome,
    schoolId: string | null,
    requestId: string | null,
    attemptId: string | null,
  ) =>
    db
      .updateTable('payment_events')
      .set({ outcome, school_id: schoolId, request_id: requestId, attempt_id: attemptId })
      .where('id', '=', id),
);

/** What the event turned out to be, and what of ours it binds to. */
export async function settlePaymentEvent(
  db: Db,
  id: string,
  settled: {
    outcome: PaymentEventOutcome;
    schoolId: string | null;
    requestId: string | null;
    attemptId: string | null;
  },
): Promise<void> {
  await updatePaymentEvent(db, id, settled.outcome, settled.schoolId, settled.requestId, settled.attemptId);
}

/** The events received for one attempt, oldest first (tests and the staff view). */
export async function listPaymentEventsOfAttempt(
  db: Db,
  attemptId: string,
): Promise<{ providerEventId: string; type: string; outcome: PaymentEventOutcome }[]> {
  const rows = await db
    .selectFrom('payment_events')
    .select(['provider_event_id', 'type', 'outcome'])
    .where('attempt_id', '=', attemptId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ providerEventId: r.provider_event_id, type: r.type, outcome: r.outcome }));
}
