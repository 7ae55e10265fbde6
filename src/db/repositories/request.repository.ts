import type { Kysely } from 'kysely';
import type { ChangeMarks } from '../../domain/edit-conflicts.js';
import type { PricingLine } from '../../domain/line-pricing.js';
import { type Cents, cents } from '../../domain/money.js';
import type { LastMessage, Request, RequestEdit } from '../../domain/request.js';
import type { Source, Status, StatusLine } from '../../domain/status.js';
import { preparedQuery } from '../prepared-query.js';
import type { Database, RequestsTable } from '../schema.js';
import { readChangeMarks, writeChangeMarks } from './change-marks.repository.js';
import type { LineRow } from './line.repository.js';
import { listLinesOfRequest } from './request-page.repository.js';

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

/** A request row as the use cases see it: booleans, `Cents`, its `Status`, its change marks parsed. */
export function toRequest(row: RequestRow): Request {
  return {
    id: row.id,
    schoolId: row.school_id,
    number: row.number,
    source: row.source,
    customerId: row.customer_id,
    language: row.language,
    categoryId: row.category_id,
    isOnlinePaymentAllowed: Number(row.is_online_payment_allowed) === 1,
    isEnteredInPos: Number(row.is_entered_in_pos) === 1,
    customValidatedAt: row.custom_validated_at,
    offerSentAt: row.offer_sent_at,
    archivedAt: row.archived_at,
    status: row.status,
    totalCents: cents(Number(row.total_cents)),
    paidCents: cents(Number(row.paid_cents)),
    isToBePriced: Number(row.is_to_be_priced) === 1,
    lastMessageAt: row.last_message_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
    version: Number(row.version),
    changeMarks: readChangeMarks(row.change_marks_json),
  };
}

/** The request of a school, or undefined (another school's id looks like no id at all). */
export async function findRequest(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<Request | undefined> {
  const row = await findRequestInSchool(db, schoolId, id);
  return row ? toRequest(row) : undefined;
}

/**
 * The request as a change starts from, with its own facts as stored and what was last
 * materialised from them (the status rule's starting point): one read of the row.
 */
export async function findRequestForChange(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<{ request: Request; facts: StoredFacts } | undefined> {
  const row = await findRequestInSchool(db, schoolId, id);
  return row ? { request: toRequest(row), facts: toStoredFacts(schoolId, id, row) } : undefined;
}

function editColumns(edit: RequestEdit): Partial<RequestRow> {
  const columns: Partial<RequestRow> = {};
  if (edit.categoryId !== undefined) columns.category_id = edit.categoryId;
  if (edit.language !== undefined) columns.language = edit.language;
  if (edit.isOnlinePaymentAllowed !== undefined)
    columns.is_online_payment_allowed = edit.isOnlinePaymentAllowed ? 1 : 0;
  if (edit.isEnteredInPos !== undefined) columns.is_entered_in_pos = edit.isEnteredInPos ? 1 : 0;
  if (edit.customValidatedAt !== undefined) columns.custom_validated_at = edit.customValidatedAt;
  if (edit.offerSentAt !== undefined) columns.offer_sent_at = edit.offerSentAt;
  if (edit.archivedAt !== undefined) columns.archived_at = edit.archivedAt;
  return columns;
}

function lastMessageColumns(message: LastMessage): Partial<RequestRow> {
  return {
    last_message_at: message.at,
    last_message_preview: message.preview,
    last_message_key: message.key,
    last_message_params_json: message.paramsJson,
    last_message_author: message.author,
  };
}

/** The columns the status rule reads on the request row, and what is materialised from them. */
const FACT_COLUMNS = [
  'source',
  'archived_at',
  'custom_validated_at',
  'offer_sent_at',
  'is_entered_in_pos',
  'status',
  'total_cents',
  'paid_cents',
  'services_json',
  'is_to_be_priced',
] as const;

/** The request's own facts as stored, with what was last materialised from them. */
export interface StoredFacts {
  schoolId: string;
  requestId: string;
  source: Source;
  archivedAt: string | null;
  customValidatedAt: string | null;
  offerSentAt: string | null;
  isEnteredInPos: boolean;
  stored: {
    status: Status;
    totalCents: Cents;
    paidCents: Cents;
    servicesJson: string;
    isToBePriced: boolean;
  };
}

function toStoredFacts(
  schoolId: string,
  requestId: string,
  row: Pick<RequestRow, (typeof FACT_COLUMNS)[number]>,
): StoredFacts {
  return {
    schoolId,
    requestId,
    source: row.source,
    archivedAt: row.archived_at,
    customValidatedAt: row.custom_validated_at,
    offerSentAt: row.offer_sent_at,
    isEnteredInPos: Number(row.is_entered_in_pos) === 1,
    stored: {
      status: row.status,
      totalCents: cents(Number(row.total_cents)),
      paidCents: cents(Number(row.paid_cents)),
      servicesJson: row.services_json,
      isToBePriced: Number(row.is_to_be_priced) === 1,
    },
  };
}

export interface RequestWrite {
  schoolId: string;
  id: string;
  /** The version the change was computed from: the write happens only if it is still current. */
  fromVersion: number;
  edit: RequestEdit;
  lastMessage?: LastMessage;
  changeMarks?: ChangeMarks;
  /** Bump the version (a change of the file); false for the conversation moving on alone. */
  isNewVersion: boolean;
  /** What the status rule derived for the row after the change, when it differs from what is stored. */
  materialized?: MaterializedColumns;
  at: string;
  byName: string;
}

/** What the status rule derives, stored on the row beside the facts. */
export interface MaterializedColumns {
  status: Status;
  totalCents: Cents;
  paidCents: Cents;
  servicesJson: string;
  isToBePriced: boolean;
}

function materializedColumns(m: MaterializedColumns): Partial<RequestRow> {
  return {
    status: m.status,
    total_cents: m.totalCents,
    paid_cents: m.paidCents,
    services_json: m.servicesJson,
    is_to_be_priced: m.isToBePriced ? 1 : 0,
  };
}

type ChangeStatement = (
  db: Kysely<Database>,
  ...values: unknown[]
) => Promise<Pick<RequestRow, (typeof FACT_COLUMNS)[number]>[]>;

/**
 * The guarded UPDATE of a change, one per set of columns it writes (a line added writes the
 * version and the materialised columns; a reply only the last message): each shape is built and
 * compiled once (`preparedQuery`), its values passed per call.
 */
const changeStatements = new Map<string, ChangeStatement>();

function changeStatement(columns: readonly string[], isNewVersion: boolean): ChangeStatement {
  const shape = `${isNewVersion ? 'v' : '-'}:${columns.join(',')}`;
  let statement = changeStatements.get(shape);
  if (!statement) {
    statement = preparedQuery((db, ...values: unknown[]) => {
      const [schoolId, id, fromVersion, ...rest] = values;
      const set = Object.fromEntries(columns.map((column, i) => [column, rest[i]])) as Partial<RequestRow>;
      return db
        .updateTable('requests')
        .set((eb) => (isNewVersion ? { ...set, version: eb('version', '+', 1) } : set))
        .where('school_id', '=', schoolId as string)
        .where('id', '=', id as string)
        .where('version', '=', fromVersion as number)
        .returning(FACT_COLUMNS);
    }) as ChangeStatement;
    changeStatements.set(shape, statement);
  }
  return statement;
}

/**
 * Writes a change of a request in one statement — its edits, its last message, its change
 * marks, the new version and what the status rule derived from the facts after the change —
 * guarded by the version it was computed from. Answers the request's facts as stored after it,
 * or undefined when someone changed the request in the meantime (nothing was written).
 */
export async function writeRequestChange(
  db: Kysely<Database>,
  write: RequestWrite,
): Promise<StoredFacts | undefined> {
  const columns: Partial<RequestRow> = {
    ...editColumns(write.edit),
    ...(write.lastMessage && lastMessageColumns(write.lastMessage)),
    ...(write.materialized && materializedColumns(write.materialized)),
  };
  if (write.changeMarks) columns.change_marks_json = writeChangeMarks(write.changeMarks);
  if (write.isNewVersion) {
    columns.updated_at = write.at;
    columns.updated_by_name = write.byName;
  }
  const names = Object.keys(columns) as (keyof RequestRow)[];
  const statement = changeStatement(names, write.isNewVersion);
  const [row] = await statement(
    db,
    write.schoolId,
    write.id,
    write.fromVersion,
    ...names.map((name) => columns[name]),
  );
  return row ? toStoredFacts(write.schoolId, write.id, row) : undefined;
}

/** Who changed the request last and its change marks: what a refused stale edit is told. */
export async function findVersionStamp(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<
  { version: number; updatedByName: string | null; updatedAt: string; changeMarks: ChangeMarks } | undefined
> {
  const row = await db
    .selectFrom('requests')
    .select(['version', 'updated_by_name', 'updated_at', 'change_marks_json'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        version: Number(row.version),
        updatedByName: row.updated_by_name,
        updatedAt: row.updated_at,
        changeMarks: readChangeMarks(row.change_marks_json),
      }
    : undefined;
}

/** What the status rule derives, written back beside the facts (only what differs). */
export async function writeMaterialized(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
  materialized: MaterializedColumns,
): Promise<void> {
  await updateMaterialized(
    db,
    schoolId,
    id,
    materialized.status,
    materialized.totalCents,
    materialized.paidCents,
    materialized.servicesJson,
    materialized.isToBePriced ? 1 : 0,
  );
}

const updateMaterialized = preparedQuery(
  (
    db,
    schoolId: string,
    id: string,
    status: Status,
    totalCents: number,
    paidCents: number,
    servicesJson: string,
    isToBePriced: 0 | 1,
  ) =>
    db
      .updateTable('requests')
      .set({
        status,
        total_cents: totalCents,
        paid_cents: paidCents,
        services_json: servicesJson,
        is_to_be_priced: isToBePriced,
      })
      .where('school_id', '=', schoolId)
      .where('id', '=', id),
);

/** Keeps the tab counts in step with status changes, inside the same transaction. */
export async function adjustStatusCount(
  db: Kysely<Database>,
  schoolId: string,
  status: Status,
  delta: number,
): Promise<void> {
  await upsertStatusCount(db, schoolId, status, delta);
}

const upsertStatusCount = preparedQuery((db, schoolId: string, status: Status, delta: number) =>
  db
    .insertInto('status_counts')
    .values({ school_id: schoolId, status, count: delta })
    .onConflict((oc) =>
      oc
        .columns(['school_id', 'status'])
        .doUpdateSet((eb) => ({ count: eb('status_counts.count', '+', delta) })),
    ),
);

/** The lines and payments the status rule reads beside the request's own facts (and the Devis shows). */
export interface LineFacts {
  /** The file's lines as stored, in their order. */
  rows: LineRow[];
  lines: StatusLine[];
  paidCents: Cents;
  serviceLabels: StoredLineLabel[];
  pricing: PricingLine[];
}

/**
 * What the status rule reads, as stored now in the caller's transaction (after a change wrote
 * its lines, payments or columns): the request's own facts with the sum of its payments (one
 * statement), and its lines (one statement).
 */
export async function loadStatusFacts(
  db: Kysely<Database>,
  schoolId: string,
  requestId: string,
): Promise<{ facts: StoredFacts; beside: LineFacts }> {
  const [[row], rows] = await Promise.all([
    selectFactsAndPaid(db, schoolId, requestId),
    listLinesOfRequest(db, schoolId, requestId),
  ]);
  if (!row) throw new Error(`request ${requestId} vanished inside its own transaction`);
  return {
    facts: toStoredFacts(schoolId, requestId, row),
    beside: toLineFacts(rows, cents(Number(row.paid ?? 0))),
  };
}

const selectFactsAndPaid = preparedQuery((db, schoolId: string, id: string) =>
  db
    .selectFrom('requests')
    .select(FACT_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('payments')
        .select((p) => p.fn.coalesce(p.fn.sum<number>('payments.amount_cents'), p.lit(0)).as('paid'))
        .whereRef('payments.school_id', '=', 'requests.school_id')
        .whereRef('payments.request_id', '=', 'requests.id')
        .as('paid'),
    )
    .where('school_id', '=', schoolId)
    .where('id', '=', id),
);

/** The lines and payments of a file as the status rule and the Devis read them. */
export async function loadLineFacts(
  db: Kysely<Database>,
  schoolId: string,
  requestId: string,
): Promise<LineFacts> {
  const [rows, paid] = await Promise.all([
    listLinesOfRequest(db, schoolId, requestId),
    selectPaid(db, schoolId, requestId),
  ]);
  return toLineFacts(rows, cents(Number(paid[0]?.paid ?? 0)));
}

function toLineFacts(rows: LineRow[], paidCents: Cents): LineFacts {
  const lines: StatusLine[] = [];
  const serviceLabels: StoredLineLabel[] = [];
  const pricing: PricingLine[] = [];
  for (const l of rows) {
    const isActive = Number(l.is_active) === 1;
    if (isActive)
      serviceLabels.push({ label: l.label, labelKey: l.label_key, labelParamsJson: l.label_params_json });
    pricing.push({ kind: l.kind, isActive, unitPriceCents: Number(l.unit_price_cents) });
    lines.push({
      isActive,
      totalCents: cents(Number(l.total_cents)),
      isOnlineSale: Number(l.is_online_sale) === 1,
      isPosImported: l.pos_imported_at !== null,
    });
  }
  return { rows, paidCents, serviceLabels, pricing, lines };
}

const selectPaid = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('paid'))
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId),
);

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
  const [row] = await incrementCounter(db, schoolId, name);
  if (!row) throw new Error(`counter ${name} returned no value`);
  return Number(row.value);
}

const incrementCounter = preparedQuery((db, schoolId: string, name: string) =>
  db
    .insertInto('counters')
    .values({ school_id: schoolId, name, value: 1 })
    .onConflict((oc) =>
      oc.columns(['school_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
    )
    .returning('value'),
);
