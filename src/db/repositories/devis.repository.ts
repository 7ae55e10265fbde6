import { PostgresAdapter } from 'kysely';
import { type Cents, cents } from '../../domain/money.js';
import type { SalesSettings } from '../../shared/contracts/sales.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db } from './db.js';
import { toSessionFacts } from './product-session.repository.js';
import { readSalesSettings } from './settings.repository.js';

/**
 * The school's "Devis et paiements" settings (defaults for what is not set) and its time zone,
 * read in one query: what the Devis onglet prices, names and dates with. Read-only here (the
 * settings screen writes them).
 */
export async function findSchoolSalesContext(
  db: Db,
  schoolId: string,
): Promise<{ settings: SalesSettings; timeZone: string }> {
  const [row] = await selectSalesContext(db, schoolId);
  if (!row) throw new Error(`school ${schoolId} not found`);
  return { settings: readSalesSettings(row.settings_json), timeZone: row.time_zone };
}

// The Devis onglet's hot reads are built and compiled once (see prepared-query.ts).
const selectSalesContext = preparedQuery((db, schoolId: string) =>
  db.selectFrom('schools').select(['settings_json', 'time_zone']).where('id', '=', schoolId),
);

const selectProduct = preparedQuery((db, schoolId: string, productId: string) =>
  db.selectFrom('products').selectAll().where('school_id', '=', schoolId).where('id', '=', productId),
);

const selectSessionForUpdate = preparedQuery((db, schoolId: string, sessionId: string) => {
  const query = db
    .selectFrom('product_sessions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', sessionId);
  // Constant per database: the query is prepared once per dialect.
  return db.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query;
});

const selectPlacesHeld = preparedQuery((db, schoolId: string, sessionId: string) =>
  db
    .selectFrom('lines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('participant_count'), eb.lit(0)).as('held'))
    .where('school_id', '=', schoolId)
    .where('session_id', '=', sessionId)
    .where('is_active', '=', 1),
);

const selectPlacesHeldExcept = preparedQuery(
  (db, schoolId: string, sessionId: string, exceptLineId: string) =>
    db
      .selectFrom('lines')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('participant_count'), eb.lit(0)).as('held'))
      .where('school_id', '=', schoolId)
      .where('session_id', '=', sessionId)
      .where('is_active', '=', 1)
      .where('id', '!=', exceptLineId),
);

/** A catalogue product as a line is priced from it. */
export interface ProductFacts {
  id: string;
  kind: string;
  name: string;
  priceCents: Cents;
  priceUnit: 'participant' | 'session' | 'hour' | 'file';
  vatRateBp: number;
  ageMin: number | null;
  ageMax: number | null;
  levels: string[];
  isOnlineSale: boolean;
  isOptional: boolean;
  isArchived: boolean;
}

const PRICE_UNITS = new Set(['participant', 'session', 'hour', 'file']);

/** A product of the school's catalogue; another school's id is not found (null). */
export async function findProductOfSchool(
  db: Db,
  schoolId: string,
  productId: string,
): Promise<ProductFacts | null> {
  const [row] = await selectProduct(db, schoolId, productId);
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    priceCents: cents(Number(row.price_cents)),
    priceUnit: (PRICE_UNITS.has(row.price_unit)
      ? row.price_unit
      : 'participant') as ProductFacts['priceUnit'],
    vatRateBp: Number(row.vat_rate_bp),
    ageMin: row.age_min === null ? null : Number(row.age_min),
    ageMax: row.age_max === null ? null : Number(row.age_max),
    levels: row.levels.split(',').filter((l) => l !== ''),
    isOnlineSale: Number(row.is_online_sale) === 1,
    isOptional: Number(row.is_optional) === 1,
    isArchived: row.archived_at !== null || Number(row.is_active) !== 1,
  };
}

/** A session of a catalogue product, as a line holds places in it. */
export interface SessionFacts {
  id: string;
  productId: string;
  startsOn: string;
  endsOn: string;
  startTime: string;
  endTime: string;
  meetingPoint: string;
  capacity: number;
  isActive: boolean;
}

/**
 * A session of the school, locked for the rest of the transaction on PostgreSQL (`for update`),
 * so that two secretaries counting its last places do it one after the other; SQLite's write
 * transactions (BEGIN IMMEDIATE) already run one at a time.
 */
export async function lockSessionOfSchool(
  db: Db,
  schoolId: string,
  sessionId: string,
): Promise<SessionFacts | null> {
  const [row] = await selectSessionForUpdate(db, schoolId, sessionId);
  return row ? toSessionFacts(row) : null;
}

/** Places held in a session by the active lines of the school's files, but for one line. */
export async function countPlacesHeld(
  db: Db,
  schoolId: string,
  sessionId: string,
  exceptLineId: string | null,
): Promise<number> {
  const [row] =
    exceptLineId === null
      ? await selectPlacesHeld(db, schoolId, sessionId)
      : await selectPlacesHeldExcept(db, schoolId, sessionId, exceptLineId);
  return Number(row?.held ?? 0);
}

/** An instructor of the school; another school's id is not found (null). */
export async function findInstructorOfSchool(
  db: Db,
  schoolId: string,
  instructorId: string,
): Promise<{ id: string; name: string; isActive: boolean } | null> {
  const row = await db
    .selectFrom('instructors')
    .select(['id', 'first_name', 'last_name', 'is_active'])
    .where('school_id', '=', schoolId)
    .where('id', '=', instructorId)
    .executeTakeFirst();
  return row
    ? { id: row.id, name: `${row.first_name} ${row.last_name}`, isActive: Number(row.is_active) === 1 }
    : null;
}

/** The instructor's days off between two days, both included. */
export async function listDaysOffBetween(
  db: Db,
  schoolId: string,
  instructorId: string,
  from: string,
  to: string,
): Promise<{ day: string; reason: string }[]> {
  return db
    .selectFrom('instructor_unavailabilities')
    .select(['day', 'reason'])
    .where('school_id', '=', schoolId)
    .where('instructor_id', '=', instructorId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

/** A custom lesson given by an instructor on a validated file: its schedule is in `detailsJson`. */
export interface ValidatedLessonRow {
  requestId: string;
  number: string;
  detailsJson: string;
}

/**
 * The active lines an instructor gives on the school's files whose custom lesson is validated,
 * but for one file (the one being edited).
 */
export async function listValidatedLessonsOfInstructor(
  db: Db,
  schoolId: string,
  instructorId: string,
  exceptRequestId: string,
): Promise<ValidatedLessonRow[]> {
  const rows = await db
    .selectFrom('lines')
    .innerJoin('requests', 'requests.id', 'lines.request_id')
    .select(['lines.request_id', 'requests.number', 'lines.details_json'])
    .where('lines.school_id', '=', schoolId)
    .where('requests.school_id', '=', schoolId)
    .where('lines.instructor_id', '=', instructorId)
    .where('lines.is_active', '=', 1)
    .where('requests.custom_validated_at', 'is not', null)
    .where('requests.archived_at', 'is', null)
    .where('lines.request_id', '!=', exceptRequestId)
    .orderBy('requests.number')
    .execute();
  return rows.map((r) => ({ requestId: r.request_id, number: r.number, detailsJson: r.details_json }));
}
