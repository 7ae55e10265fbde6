import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The number given to a submission of this fingerprint since `since`, if any. */
export async function findIntakeFingerprint(
  db: Kysely<Database>,
  schoolId: string,
  fingerprint: string,
  since: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('intake_fingerprints')
    .select('request_number')
    .where('school_id', '=', schoolId)
    .where('fingerprint', '=', fingerprint)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return row?.request_number ?? null;
}
