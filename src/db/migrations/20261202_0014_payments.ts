import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * Payments (the "Paiement" onglet and the customer portal): checkout attempts bound to a file
 * and an amount before the provider is called (idempotency key), provider webhook events applied
 * once (unique per provider event id), anomalies for staff (a signed event that does not match
 * what we asked for), manual payments with their French methods and references, refunds bound to
 * the payment they refund, and the balance schedule of a file (deposit rule, due date, reminders).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = isPg ? sql`timestamptz` : sql`text`;
  const big = isPg ? sql`bigint` : sql`integer`;

  // Payments point at their file within the school, and refunds at the payment they refund.
  await db.schema
    .createIndex('payments_school_id_id_key')
    .on('payments')
    .columns(['school_id', 'id'])
    .unique()
    .execute();
  await db.schema.alterTable('payments').addColumn('reference', 'text').execute();
  await db.schema.alterTable('payments').addColumn('voucher_count', 'integer').execute();
  await db.schema.alterTable('payments').addColumn('payer_address', 'text').execute();
  await db.schema.alterTable('payments').addColumn('refund_of_payment_id', 'text').execute();
  await db.schema.alterTable('payments').addColumn('attempt_id', 'text').execute();
  await db.schema
    .alterTable('payments')
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('eur'))
    .execute();
  await db.schema
    .createIndex('payments_refund_of_idx')
    .on('payments')
    .columns(['school_id', 'refund_of_payment_id'])
    .execute();

  // One row per "Payer" click that reached a provider: the amount and binding are ours, written
  // before the provider is called; its id is the idempotency key and travels in the metadata.
  await db.schema
    .createTable('payment_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('amount_cents', big, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('eur'))
    /** 'deposit' | 'balance' | 'amount' — what the customer chose to pay. */
    .addColumn('purpose', 'text', (c) => c.notNull())
    /** 'created' | 'open' | 'pending' | 'succeeded' | 'failed' | 'expired' */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('provider_session_id', 'text')
    .addColumn('checkout_url', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('payment_attempts_school_id_key', ['school_id', 'id'])
    .addUniqueConstraint('payment_attempts_provider_session_key', ['provider', 'provider_session_id'])
    .addForeignKeyConstraint('payment_attempts_request_fkey', ['school_id', 'request_id'], 'requests', [
      'school_id',
      'id',
    ])
    .addCheckConstraint('payment_attempts_amount_check', sql`amount_cents > 0`)
    .execute();
  await db.schema
    .createIndex('payment_attempts_request_idx')
    .on('payment_attempts')
    .columns(['school_id', 'request_id', 'created_at'])
    .execute();

  // Every webhook event received, once per provider event id (the dedup key, in the same
  // transaction that records its effect); school and request are null when the event binds to
  // nothing of ours.
  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('request_id', 'text')
    .addColumn('attempt_id', 'text')
    /** 'applied' | 'ignored' | 'anomaly' */
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('received_at', ts, (c) => c.notNull())
    .addUniqueConstraint('payment_events_provider_event_key', ['provider', 'provider_event_id'])
    .execute();

  // What staff must look at: a signed event that does not match our attempt (amount, currency,
  // school, file), a payment for an archived file… Resolved by a secretary, journaled.
  await db.schema
    .createTable('payment_anomalies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('request_id', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('amount_cents', big)
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('resolved_at', ts)
    .addColumn('resolved_by_user_id', 'text')
    .addColumn('resolution_note', 'text')
    .addForeignKeyConstraint(
      'payment_anomalies_resolved_by_fkey',
      ['school_id', 'resolved_by_user_id'],
      'users',
      ['school_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('payment_anomalies_open_idx')
    .on('payment_anomalies')
    .columns(['school_id', 'resolved_at', 'created_at'])
    .execute();

  // The balance schedule of a file: the deposit rule the secretary chose for it (null: the
  // school's), the day the balance is due, and the reminders sent (once each).
  await db.schema.alterTable('requests').addColumn('deposit_rule_json', 'text').execute();
  await db.schema.alterTable('requests').addColumn('balance_due_on', 'text').execute();
  await db.schema.alterTable('requests').addColumn('balance_reminder_sent_at', ts).execute();
  await db.schema.alterTable('requests').addColumn('balance_overdue_sent_at', ts).execute();
  await db.schema
    .createIndex('requests_balance_due_idx')
    .on('requests')
    .columns(['school_id', 'balance_due_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
