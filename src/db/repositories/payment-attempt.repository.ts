import { PostgresAdapter } from 'kysely';
import { type Cents, cents } from '../../domain/money.js';
import { preparedQuery } from '../prepared-query.js';
import type { PaymentAttemptState } from '../schema.js';
import type { Db } from './db.js';

/** One "Payer" click that reached (or is about to reach) a provider: our amount and binding. */
export interface PaymentAttempt {
  id: string;
  schoolId: string;
  requestId: string;
  offerId: string | null;
  provider: string;
  amountCents: Cents;
  currency: string;
  purpose: 'deposit' | 'balance' | 'amount';
  state: PaymentAttemptState;
  providerSessionId: string | null;
  checkoutUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function insertPaymentAttempt(db: Db, attempt: PaymentAttempt): Promise<void> {
  await db
    .insertInto('payment_attempts')
    .values({
      id: attempt.id,
      school_id: attempt.schoolId,
      request_id: attempt.requestId,
      offer_id: attempt.offerId,
      provider: attempt.provider,
      amount_cents: attempt.amountCents,
      currency: attempt.currency,
      purpose: attempt.purpose,
      state: attempt.state,
      provider_session_id: attempt.providerSessionId,
      checkout_url: attempt.checkoutUrl,
      created_at: attempt.createdAt,
      updated_at: attempt.updatedAt,
    })
    .execute();
}

/**
 * The attempt a webhook speaks of, locked for the rest of the transaction on PostgreSQL so that
 * the events of one attempt apply one after the other (SQLite's write transactions already do).
 * Looked up by the provider's session id first, then by the attempt id the metadata names.
 */
export async function lockAttemptForEvent(
  db: Db,
  provider: string,
  ref: { providerSessionId: string | null; attemptId: string | null },
): Promise<PaymentAttempt | undefined> {
  if (ref.providerSessionId) {
    const [row] = await lockAttemptBySession(db, provider, ref.providerSessionId);
    if (row) return toAttempt(row);
  }
  if (!ref.attemptId) return undefined;
  const [row] = await lockAttemptById(db, ref.attemptId);
  return row ? toAttempt(row) : undefined;
}

// Every webhook delivery looks its attempt up and moves it on: built and compiled once per dialect.
const forUpdateOnPostgres = <Q extends { forUpdate(): Q }>(db: Db, query: Q): Q =>
  db.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query;

const lockAttemptBySession = preparedQuery((db, provider: string, providerSessionId: string) =>
  forUpdateOnPostgres(
    db,
    db
      .selectFrom('payment_attempts')
      .selectAll()
      .where('provider', '=', provider)
      .where('provider_session_id', '=', providerSessionId),
  ),
);

const lockAttemptById = preparedQuery((db, id: string) =>
  forUpdateOnPostgres(db, db.selectFrom('payment_attempts').selectAll().where('id', '=', id)),
);

const updateAttemptState = preparedQuery(
  (db, schoolId: string, id: string, state: PaymentAttemptState, at: string) =>
    db
      .updateTable('payment_attempts')
      .set({ state, updated_at: at })
      .where('school_id', '=', schoolId)
      .where('id', '=', id),
);

/** An attempt by its provider session (the sandbox's hosted page). */
export async function findAttemptBySession(
  db: Db,
  provider: string,
  providerSessionId: string,
): Promise<PaymentAttempt | undefined> {
  const row = await db
    .selectFrom('payment_attempts')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_session_id', '=', providerSessionId)
    .executeTakeFirst();
  return row ? toAttempt(row) : undefined;
}

/** The attempt of this file still waiting for the payer, for this purpose, amount and provider (a second click). */
export async function findReusableAttempt(
  db: Db,
  key: {
    schoolId: string;
    requestId: string;
    provider: string;
    purpose: string;
    amountCents: Cents;
    since: string;
  },
): Promise<PaymentAttempt | undefined> {
  const row = await db
    .selectFrom('payment_attempts')
    .selectAll()
    .where('school_id', '=', key.schoolId)
    .where('request_id', '=', key.requestId)
    .where('provider', '=', key.provider)
    .where('purpose', '=', key.purpose as PaymentAttempt['purpose'])
    .where('amount_cents', '=', key.amountCents)
    .where('state', 'in', ['created', 'open'])
    .where('created_at', '>=', key.since)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toAttempt(row) : undefined;
}

/** The provider answered: its session and page, unless an event already moved the attempt on. */
export async function setAttemptCheckout(
  db: Db,
  schoolId: string,
  id: string,
  checkout: { providerSessionId: string; checkoutUrl: string; at: string },
): Promise<void> {
  await db
    .updateTable('payment_attempts')
    .set({
      provider_session_id: checkout.providerSessionId,
      checkout_url: checkout.checkoutUrl,
      state: 'open',
      updated_at: checkout.at,
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('state', '=', 'created')
    .execute();
}

export async function setAttemptState(
  db: Db,
  schoolId: string,
  id: string,
  state: PaymentAttemptState,
  at: string,
): Promise<void> {
  await updateAttemptState(db, schoolId, id, state, at);
}

export async function findAttempt(db: Db, schoolId: string, id: string): Promise<PaymentAttempt | undefined> {
  const row = await db
    .selectFrom('payment_attempts')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAttempt(row) : undefined;
}

/**
 * The request row locked for the rest of the transaction on PostgreSQL (`for update`): two
 * "Payer" clicks on one file decide one after the other whether an attempt is already open.
 */
export async function lockRequestRow(db: Db, schoolId: string, requestId: string): Promise<boolean> {
  let query = db
    .selectFrom('requests')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId);
  if (db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

/** What a checkout needs to know of the file a private link opens (by the token's hash). */
export interface CheckoutFile {
  schoolId: string;
  requestId: string;
  number: string;
  language: string;
  schoolName: string;
  schoolTimeZone: string;
  schoolSettingsJson: string;
  customerEmail: string;
  customerFirstName: string;
}

export async function findCheckoutFile(db: Db, tokenHash: string): Promise<CheckoutFile | undefined> {
  const row = await checkoutFileQuery(db)
    .where('requests.portal_token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && toCheckoutFile(row);
}

/** The same, by the file's id within its school (the sandbox's page). */
export async function findCheckoutFileById(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<CheckoutFile | undefined> {
  const row = await checkoutFileQuery(db)
    .where('requests.school_id', '=', schoolId)
    .where('requests.id', '=', requestId)
    .executeTakeFirst();
  return row && toCheckoutFile(row);
}

function checkoutFileQuery(db: Db) {
  return db
    .selectFrom('requests')
    .innerJoin('schools', 'schools.id', 'requests.school_id')
    .innerJoin('customers', (join) =>
      join
        .onRef('customers.id', '=', 'requests.customer_id')
        .onRef('customers.school_id', '=', 'requests.school_id'),
    )
    .select([
      'requests.school_id',
      'requests.id',
      'requests.number',
      'requests.language',
      'schools.name as school_name',
      'schools.time_zone as school_time_zone',
      'schools.settings_json as school_settings_json',
      'customers.email as customer_email',
      'customers.first_name as customer_first_name',
    ]);
}

function toCheckoutFile(row: {
  school_id: string;
  id: string;
  number: string;
  language: string;
  school_name: string;
  school_time_zone: string;
  school_settings_json: string;
  customer_email: string;
  customer_first_name: string;
}): CheckoutFile {
  return {
    schoolId: row.school_id,
    requestId: row.id,
    number: row.number,
    language: row.language,
    schoolName: row.school_name,
    schoolTimeZone: row.school_time_zone,
    schoolSettingsJson: row.school_settings_json,
    customerEmail: row.customer_email,
    customerFirstName: row.customer_first_name,
  };
}

// Read by every portal page and checkout: built and compiled once.
const selectLatestOffer = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('offers')
    .select(['id', 'kind', 'amount_cents', 'valid_until', 'snapshot_json'])
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1),
);

/** The quote or payment link the customer sees (the latest sent). */
export async function findLatestOffer(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<
  | {
      id: string;
      kind: 'quote' | 'payment_link';
      amountCents: Cents | null;
      validUntil: string | null;
      paidBeforeCents: Cents;
    }
  | undefined
> {
  const [row] = await selectLatestOffer(db, schoolId, requestId);
  return (
    row && {
      id: row.id,
      kind: row.kind,
      amountCents: row.amount_cents === null ? null : cents(Number(row.amount_cents)),
      validUntil: row.valid_until,
      paidBeforeCents: paidBeforeOf(row.snapshot_json),
    }
  );
}

/** What was paid when an offer was sent, from its snapshot (`totals.paidCents`); 0 when unreadable. */
export function paidBeforeOf(snapshotJson: string): Cents {
  try {
    const paid = (JSON.parse(snapshotJson) as { totals?: { paidCents?: unknown } }).totals?.paidCents;
    return typeof paid === 'number' && Number.isSafeInteger(paid) && paid > 0 ? cents(paid) : cents(0);
  } catch {
    return cents(0);
  }
}

function toAttempt(row: {
  id: string;
  school_id: string;
  request_id: string;
  offer_id: string | null;
  provider: string;
  amount_cents: number;
  currency: string;
  purpose: 'deposit' | 'balance' | 'amount';
  state: PaymentAttemptState;
  provider_session_id: string | null;
  checkout_url: string | null;
  created_at: string;
  updated_at: string;
}): PaymentAttempt {
  return {
    id: row.id,
    schoolId: row.school_id,
    requestId: row.request_id,
    offerId: row.offer_id,
    provider: row.provider,
    amountCents: cents(Number(row.amount_cents)),
    currency: row.currency,
    purpose: row.purpose,
    state: row.state,
    providerSessionId: row.provider_session_id,
    checkoutUrl: row.checkout_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
