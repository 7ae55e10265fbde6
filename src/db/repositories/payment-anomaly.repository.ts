import type { Db } from './db.js';

/** Something staff must look at: a signed event that does not match ours, a payment for an archived file… */
export interface NewPaymentAnomaly {
  id: string;
  schoolId: string;
  requestId: string | null;
  paymentId: string | null;
  eventId: string | null;
  reason: string;
  amountCents: number | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export async function insertPaymentAnomaly(db: Db, anomaly: NewPaymentAnomaly): Promise<void> {
  await db
    .insertInto('payment_anomalies')
    .values({
      id: anomaly.id,
      school_id: anomaly.schoolId,
      request_id: anomaly.requestId,
      payment_id: anomaly.paymentId,
      event_id: anomaly.eventId,
      reason: anomaly.reason,
      amount_cents: anomaly.amountCents,
      details_json: JSON.stringify(anomaly.details),
      created_at: anomaly.createdAt,
      resolved_at: null,
      resolved_by_user_id: null,
      resolution_note: null,
    })
    .execute();
}
