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
  const row = await db
    .insertInto('payment_events')
    .values({
      id: event.id,
      provider: event.provider,
      provider_event_id: event.providerEventId,
      type: event.type,
      school_id: null,
      request_id: null,
      attempt_id: null,
      outcome: 'ignored',
      payload_json: event.payloadJson,
      received_at: event.receivedAt,
    })
    .onConflict((oc) => oc.columns(['provider', 'provider_event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

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
  await db
    .updateTable('payment_events')
    .set({
      outcome: settled.outcome,
      school_id: settled.schoolId,
      request_id: settled.requestId,
      attempt_id: settled.attemptId,
    })
    .where('id', '=', id)
    .execute();
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
