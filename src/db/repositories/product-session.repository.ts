import type { Session } from '../../shared/contracts/sales.js';
import type { ProductSessionsTable } from '../schema.js';
import type { Db } from './db.js';

/**
 * Catalogue sessions (dates, times, meeting point, capacity) and the places lines hold in them.
 * `taken` is the sum of `participant_count` over the ACTIVE lines on the session, whatever the
 * file (paid or not): what is left to sell is `capacity - taken`.
 */

export interface NewProductSession {
  id: string;
  schoolId: string;
  productId: string;
  startsOn: string;
  endsOn: string;
  startTime: string;
  endTime: string;
  meetingPoint: string;
  capacity: number;
  createdAt: string;
}

export interface ProductSessionChange {
  startsOn?: string;
  endsOn?: string;
  startTime?: string;
  endTime?: string;
  meetingPoint?: string;
  capacity?: number;
  isActive?: boolean;
}

const SESSION_COLUMNS = [
  'id',
  'product_id',
  'starts_on',
  'ends_on',
  'start_time',
  'end_time',
  'meeting_point',
  'capacity',
  'is_active',
] as const;

type SessionRow = Pick<ProductSessionsTable, (typeof SESSION_COLUMNS)[number]>;

function toSession(row: SessionRow, taken: number): Session {
  return {
    id: row.id,
    productId: row.product_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    startTime: row.start_time,
    endTime: row.end_time,
    meetingPoint: row.meeting_point,
    capacity: Number(row.capacity),
    taken,
    isActive: row.is_active === 1,
  };
}

/** Places held in each of these sessions by active lines of the school's files (absent: 0). */
export async function countTakenPlaces(
  db: Db,
  schoolId: string,
  sessionIds: readonly string[],
): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('lines')
    .select((eb) => ['session_id', eb.fn.sum<number | string>('participant_count').as('taken')])
    .where('school_id', '=', schoolId)
    .where('session_id', 'in', sessionIds)
    .where('is_active', '=', 1)
    .groupBy('session_id')
    .execute();
  return new Map(rows.map((r) => [r.session_id as string, Number(r.taken ?? 0)]));
}

async function withTaken(db: Db, schoolId: string, rows: readonly SessionRow[]): Promise<Session[]> {
  const taken = await countTakenPlaces(
    db,
    schoolId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSession(r, taken.get(r.id) ?? 0));
}

/** Every session of the school's products, by product then first day and time. */
export async function listSessionsOfSchool(db: Db, schoolId: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('product_sessions')
    .select(SESSION_COLUMNS)
    .where('school_id', '=', schoolId)
    .orderBy('product_id')
    .orderBy('starts_on')
    .orderBy('start_time')
    .orderBy('id')
    .execute();
  return withTaken(db, schoolId, rows);
}

/** The sessions of one product of the school, by first day and time. */
export async function listSessionsOfProduct(db: Db, schoolId: string, productId: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('product_sessions')
    .select(SESSION_COLUMNS)
    .where('school_id', '=', schoolId)
    .where('product_id', '=', productId)
    .orderBy('starts_on')
    .orderBy('start_time')
    .orderBy('id')
    .execute();
  return withTaken(db, schoolId, rows);
}

/** One session of the school, with its places taken; another school's id finds nothing. */
export async function findSessionInSchool(db: Db, schoolId: string, id: string): Promise<Session | null> {
  const row = await db
    .selectFrom('product_sessions')
    .select(SESSION_COLUMNS)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const [session] = await withTaken(db, schoolId, [row]);
  return session ?? null;
}

/** Adds sessions to products of their school, active. */
export async function insertProductSessions(db: Db, sessions: readonly NewProductSession[]): Promise<void> {
  if (sessions.length === 0) return;
  await db
    .insertInto('product_sessions')
    .values(
      sessions.map((s) => ({
        id: s.id,
        school_id: s.schoolId,
        product_id: s.productId,
        starts_on: s.startsOn,
        ends_on: s.endsOn,
        start_time: s.startTime,
        end_time: s.endTime,
        meeting_point: s.meetingPoint,
        capacity: s.capacity,
        is_active: 1 as const,
        created_at: s.createdAt,
      })),
    )
    .execute();
}

/** Changes a session of the school; null when the school has no such session. */
export async function updateProductSessionInSchool(
  db: Db,
  schoolId: string,
  id: string,
  change: ProductSessionChange,
): Promise<Session | null> {
  const set = {
    ...(change.startsOn !== undefined && { starts_on: change.startsOn }),
    ...(change.endsOn !== undefined && { ends_on: change.endsOn }),
    ...(change.startTime !== undefined && { start_time: change.startTime }),
    ...(change.endTime !== undefined && { end_time: change.endTime }),
    ...(change.meetingPoint !== undefined && { meeting_point: change.meetingPoint }),
    ...(change.capacity !== undefined && { capacity: change.capacity }),
    ...(change.isActive !== undefined && { is_active: change.isActive ? (1 as const) : (0 as const) }),
  };
  if (Object.keys(set).length > 0) {
    const updated = await db
      .updateTable('product_sessions')
      .set(set)
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return null;
  }
  return findSessionInSchool(db, schoolId, id);
}
