import { PostgresAdapter } from 'kysely';
import { type Cents, cents } from '../../domain/money.js';
import type { Db } from './db.js';
import { findPayment, type Payment } from './payment.repository.js';

/**
 * A payment of the school, locked for the rest of the transaction on PostgreSQL (`for update`):
 * two refunds of one payment count what remains refundable one after the other (SQLite's write
 * transactions already run one at a time).
 */
export async function lockPayment(db: Db, schoolId: string, id: string): Promise<Payment | undefined> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await db
      .selectFrom('payments')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .forUpdate()
      .execute();
  return findPayment(db, schoolId, id);
}

/** What was already given back on a payment (a positive amount: the sum of its refunds). */
export async function refundedOf(db: Db, schoolId: string, paymentId: string): Promise<Cents> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('refunded'))
    .where('school_id', '=', schoolId)
    .where('refund_of_payment_id', '=', paymentId)
    .executeTakeFirst();
  return cents(-Number(row?.refunded ?? 0));
}

/** A payment (or refund) by the provider's id of it: the unique (provider, provider_ref). */
export async function findPaymentIdByProviderRef(
  db: Db,
  provider: string,
  providerRef: string,
): Promise<{ id: string; schoolId: string } | undefined> {
  const row = await db
    .selectFrom('payments')
    .select(['id', 'school_id'])
    .where('provider', '=', provider)
    .where('provider_ref', '=', providerRef)
    .executeTakeFirst();
  return row && { id: row.id, schoolId: row.school_id };
}

/** Our refund row learns the provider's id of it once the provider has refunded. */
export async function setRefundProviderRef(
  db: Db,
  schoolId: string,
  id: string,
  providerRef: string,
): Promise<void> {
  await db
    .updateTable('payments')
    .set({ provider_ref: providerRef })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('kind', '=', 'refund')
    .execute();
}

/** Drops a refund row the provider did not carry out (it was held while the provider was asked). */
export async function deleteHeldRefund(db: Db, schoolId: string, id: string): Promise<void> {
  await db
    .deleteFrom('payments')
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('kind', '=', 'refund')
    .execute();
}
