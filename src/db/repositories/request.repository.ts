import type { Kysely } from 'kysely';
import type { PricingLine } from '../../domain/line-pricing.js';
import type { StatusFacts } from '../../domain/status.js';
import { preparedQuery } from '../prepared-query.js';
import type { Database, RequestsTable } from '../schema.js';

export type RequestRow = RequestsTable;

const selectRequestInSchool = preparedQuery((db, schoolId: string, id: string) =>
  db.selectFrom('requests').selectAll().where('school_id', '=', schoolId).where('id', '=', id),
);

export async function findRequestInSchool(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<RequestRow | undefined> {
  return (await selectRequestInSchool(db, schoolId, id))[0] as RequestRow | undefined;
}

export function insertRequest(db: Kysely<Database>, row: RequestRow): Promise<unknown> {
  return db.insertInto('requests').values(row).execute();
}

/** An active line's label as stored: the school's words, or a generated label's key and parameters. */
export interface StoredLineLabel {
  label: string;
  labelKey: string | null;
  labelParamsJson: string | null;
}

/**
 * The facts the status rule reads, loaded in the caller's transaction, with what the lists keep
 * beside the status: the active lines' labels and their prices.
 */
export async function loadStatusFacts(
  db: Kysely<Database>,
  request: RequestRow,
): Promise<StatusFacts & { serviceLabels: StoredLineLabel[]; pricing: PricingLine[] }> {
  const [lines, paid] = await Promise.all([
    db
      .selectFrom('lines')
      .select([
        'kind',
        'is_active',
        'unit_price_cents',
        'total_cents',
        'is_online_sale',
        'pos_imported_at',
        'label',
        'label_key',
        'label_params_json',
      ])
      .orderBy('position')
      .where('school_id', '=', request.school_id)
      .where('request_id', '=', request.id)
      .execute(),
    db
      .selectFrom('payments')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('paid'))
      .where('school_id', '=', request.school_id)
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    source: request.source,
    archivedAt: request.archived_at,
    customValidatedAt: request.custom_validated_at,
    offerSentAt: request.offer_sent_at,
    isEnteredInPos: request.is_entered_in_pos === 1,
    paidCents: Number(paid.paid),
    serviceLabels: lines
      .filter((l) => l.is_active === 1)
      .map((l) => ({ label: l.label, labelKey: l.label_key, labelParamsJson: l.label_params_json })),
    pricing: lines.map((l) => ({
      kind: l.kind,
      isActive: l.is_active === 1,
      unitPriceCents: Number(l.unit_price_cents),
    })),
    lines: lines.map((l) => ({
      isActive: l.is_active === 1,
      totalCents: Number(l.total_cents),
      isOnlineSale: l.is_online_sale === 1,
      isPosImported: l.pos_imported_at !== null,
    })),
  };
}

/**
 * Increments a per-school counter inside the caller's transaction and returns the new value.
 * The row lock (PostgreSQL) or the write lock (SQLite, BEGIN IMMEDIATE) serialises concurrent
 * callers, and a rollback gives the number back: numbers are unique and gapless.
 */
export async function nextCounterValue(
  db: Kysely<Database>,
  schoolId: string,
  name: string,
): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ school_id: schoolId, name, value: 1 })
    .onConflict((oc) =>
      oc.columns(['school_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** What the customer's private link shows of a file: found by the link's hash alone, school included. */
export interface PortalFileRow {
  number: string;
  language: string;
  created_at: string;
  school_name: string;
  school_time_zone: string;
  customer_first_name: string;
}

/**
 * The file a private link opens. The hash is unique across schools, so it alone says which
 * school: every column read is then that school's (joined on the request's own school_id).
 */
export function findPortalFile(db: Kysely<Database>, tokenHash: string): Promise<PortalFileRow | undefined> {
  return db
    .selectFrom('requests')
    .innerJoin('schools', 'schools.id', 'requests.school_id')
    .innerJoin('customers', (join) =>
      join
        .onRef('customers.id', '=', 'requests.customer_id')
        .onRef('customers.school_id', '=', 'requests.school_id'),
    )
    .select([
      'requests.number',
      'requests.language',
      'requests.created_at',
      'schools.name as school_name',
      'schools.time_zone as school_time_zone',
      'customers.first_name as customer_first_name',
    ])
    .where('requests.portal_token_hash', '=', tokenHash)
    .executeTakeFirst();
}
