import { PostgresAdapter } from 'kysely';
import { type Cents, cents } from '../../domain/money.js';
import { type SalesSettings, SalesSettingsSchema } from '../../shared/contracts/sales.js';
import type { Db } from './db.js';

/**
 * The school's "Devis et paiements" settings (defaults for what is not set) and its time zone,
 * read in one query: what the Devis onglet prices, names and dates with. Read-only here (the
 * settings screen writes them).
 */
export async function findSchoolSalesContext(
  db: Db,
  schoolId: string,
): Promise<{ settings: SalesSettings; timeZone: string }> {
  const row = await db
    .selectFrom('schools')
    .select(['settings_json', 'time_zone'])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  let raw: unknown = {};
  try {
    raw = (JSON.parse(row.settings_json) as { sales?: unknown } | null)?.sales ?? {};
  } catch {
    // not JSON: defaults
  }
  const parsed = SalesSettingsSchema.safeParse(raw);
  return { settings: parsed.success ? parsed.data : SalesSettingsSchema.parse({}), timeZone: row.time_zone };
}

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
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', productId)
    .executeTakeFirst();
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
  let query = db
    .selectFrom('product_sessions')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', sessionId);
  if (db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    productId: row.product_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    startTime: row.start_time,
    endTime: row.end_time,
    meetingPoint: row.meeting_point,
    capacity: Number(row.capacity),
    isActive: Number(row.is_active) === 1,
  };
}

/** Places held in a session by the active lines of the school's files, but for one line. */
export async function countPlacesHeld(
  db: Db,
  schoolId: string,
  sessionId: string,
  exceptLineId: string | null,
): Promise<number> {
  let query = db
    .selectFrom('lines')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('participant_count'), eb.lit(0)).as('held'))
    .where('school_id', '=', schoolId)
    .where('session_id', '=', sessionId)
    .where('is_active', '=', 1);
  if (exceptLineId !== null) query = query.where('id', '!=', exceptLineId);
  const row = await query.executeTakeFirst();
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
