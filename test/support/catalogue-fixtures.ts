import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

/**
 * Catalogue rows written straight into the database, for tests of what is sold from the
 * catalogue (the catalogue's own API is tested on its own).
 */
const tag = () => randomBytes(5).toString('hex');
const CREATED = '2026-11-01T08:00:00.000Z';

export interface ProductFixture {
  kind?: string;
  name?: string;
  priceCents?: number;
  priceUnit?: 'participant' | 'session' | 'hour' | 'file';
  vatRateBp?: number;
  ageMin?: number | null;
  ageMax?: number | null;
  levels?: string[];
  isOnlineSale?: boolean;
  isOptional?: boolean;
  isArchived?: boolean;
}

export async function insertProduct(
  db: Kysely<Database>,
  schoolId: string,
  p: ProductFixture = {},
): Promise<string> {
  const id = `prd_${tag()}`;
  await db
    .insertInto('products')
    .values({
      id,
      school_id: schoolId,
      kind: p.kind ?? 'cours_collectif',
      name: p.name ?? 'Cours collectif enfants',
      description: null,
      price_cents: p.priceCents ?? 21_500,
      vat_rate_bp: p.vatRateBp ?? 1000,
      is_online_sale: p.isOnlineSale === false ? 0 : 1,
      is_optional: p.isOptional ? 1 : 0,
      is_active: 1,
      position: 0,
      created_at: CREATED,
      names_json: '{}',
      practice: 'ski_alpin',
      age_min: p.ageMin === undefined ? null : p.ageMin,
      age_max: p.ageMax === undefined ? null : p.ageMax,
      levels: (p.levels ?? []).join(','),
      price_unit: p.priceUnit ?? 'participant',
      archived_at: p.isArchived ? CREATED : null,
    })
    .execute();
  return id;
}

export interface SessionFixture {
  startsOn?: string;
  endsOn?: string;
  startTime?: string;
  endTime?: string;
  capacity?: number;
  isActive?: boolean;
}

export async function insertSession(
  db: Kysely<Database>,
  schoolId: string,
  productId: string,
  s: SessionFixture = {},
): Promise<string> {
  const id = `pss_${tag()}`;
  await db
    .insertInto('product_sessions')
    .values({
      id,
      school_id: schoolId,
      product_id: productId,
      starts_on: s.startsOn ?? '2026-12-21',
      ends_on: s.endsOn ?? '2026-12-26',
      start_time: s.startTime ?? '09:00',
      end_time: s.endTime ?? '11:30',
      meeting_point: 'Front de neige',
      capacity: s.capacity ?? 8,
      is_active: s.isActive === false ? 0 : 1,
      created_at: CREATED,
    })
    .execute();
  return id;
}

export async function insertInstructor(
  db: Kysely<Database>,
  schoolId: string,
  name: { firstName: string; lastName: string } = { firstName: 'Luc', lastName: 'Martin' },
): Promise<string> {
  const id = `ins_${tag()}`;
  await db
    .insertInto('instructors')
    .values({
      id,
      school_id: schoolId,
      first_name: name.firstName,
      last_name: name.lastName,
      languages: 'fr,en',
      is_active: 1,
      created_at: CREATED,
      practices: 'ski_alpin',
    })
    .execute();
  return id;
}

export async function insertDayOff(
  db: Kysely<Database>,
  schoolId: string,
  instructorId: string,
  day: string,
  reason = '',
): Promise<void> {
  await db
    .insertInto('instructor_unavailabilities')
    .values({
      id: `una_${tag()}`,
      school_id: schoolId,
      instructor_id: instructorId,
      day,
      reason,
      created_at: CREATED,
    })
    .execute();
}

/** A payment received on a file, written beside the change path (as the payments issue will). */
export async function insertPayment(
  db: Kysely<Database>,
  schoolId: string,
  requestId: string,
  amountCents: number,
): Promise<void> {
  await db
    .insertInto('payments')
    .values({
      id: `pay_${tag()}`,
      school_id: schoolId,
      request_id: requestId,
      kind: 'manual',
      method: 'card',
      amount_cents: amountCents,
      provider: null,
      provider_ref: null,
      payer_name: null,
      note: null,
      is_flagged: 0,
      received_at: CREATED,
      recorded_by_user_id: null,
      created_at: CREATED,
    })
    .execute();
}
