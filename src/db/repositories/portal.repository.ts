import { type Cents, cents } from '../../domain/money.js';
import type { Request } from '../../domain/request.js';
import { preparedQuery } from '../prepared-query.js';
import type { PaymentAttemptState } from '../schema.js';
import type { Db } from './db.js';
import { toRequest } from './request.repository.js';

/**
 * What the customer's private page (`/c/:token`) reads beside the request itself: which file a
 * link opens (by its token's hash only), the school's words, the schedule columns, and one
 * checkout attempt of that file.
 */

// The page view reads the whole file row with the link: one statement instead of three.
const selectPortalFile = preparedQuery((db, tokenHash: string) =>
  db
    .selectFrom('requests')
    .innerJoin('schools', 'schools.id', 'requests.school_id')
    .selectAll('requests')
    .select([
      'schools.name as school_name',
      'schools.time_zone as school_time_zone',
      'schools.default_language as school_language',
      'schools.settings_json as school_settings_json',
    ])
    .where('requests.portal_token_hash', '=', tokenHash),
);

/** The file a private link opens, whole, with its school. */
export async function findPortalFile(
  db: Db,
  tokenHash: string,
): Promise<(PortalTarget & { request: Request }) | undefined> {
  const [row] = await selectPortalFile(db, tokenHash);
  if (!row) return undefined;
  const { school_name, school_time_zone, school_language, school_settings_json, ...request } = row;
  return {
    schoolId: row.school_id,
    requestId: row.id,
    balanceDueOn: row.balance_due_on,
    request: toRequest(request),
    school: {
      name: school_name,
      timeZone: school_time_zone,
      defaultLanguage: school_language,
      settingsJson: school_settings_json,
    },
  };
}

export interface PortalTarget {
  schoolId: string;
  requestId: string;
  balanceDueOn: string | null;
  school: { name: string; timeZone: string; defaultLanguage: string; settingsJson: string };
}

/** The file a private link's token hash opens, with its school; a hash that opens none: undefined. */
export async function findPortalTarget(db: Db, tokenHash: string): Promise<PortalTarget | undefined> {
  return findPortalFile(db, tokenHash);
}

/** A checkout attempt of this file (the return from a checkout names it); another file's: undefined. */
export async function findPaymentAttemptOfRequest(
  db: Db,
  schoolId: string,
  requestId: string,
  attemptId: string,
): Promise<{ state: PaymentAttemptState; amountCents: Cents } | undefined> {
  const row = await db
    .selectFrom('payment_attempts')
    .select(['state', 'amount_cents'])
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .where('id', '=', attemptId)
    .executeTakeFirst();
  return row && { state: row.state, amountCents: cents(Number(row.amount_cents)) };
}

/** Takes a line out of the totals, or puts it back (call inside the change of its file). */
export async function setLineActive(
  db: Db,
  schoolId: string,
  lineId: string,
  change: { isActive: boolean; at: string },
): Promise<void> {
  await db
    .updateTable('lines')
    .set({ is_active: change.isActive ? 1 : 0, updated_at: change.at })
    .where('school_id', '=', schoolId)
    .where('id', '=', lineId)
    .execute();
}
