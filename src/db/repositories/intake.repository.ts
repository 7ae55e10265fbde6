import { preparedQuery } from '../prepared-query.js';
import type { Db } from './db.js';

/**
 * The public intake's reads and writes: the school behind a form slug, what its forms offer
 * (catalogue kinds, instructors), spent ALTCHA challenges and submission fingerprints.
 */

/** The school of a public slug, as the intake needs it. `settingsJson` is read by the settings' schema. */
export interface IntakeSchoolRow {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  defaultLanguage: string;
  intakeKeyHash: string | null;
  settingsJson: string;
  /** Disabled by the operator (`schuss school disable`): every form is closed. */
  isDisabled: boolean;
}

/** Every form page and every submission starts with this read: built once. */
const selectSchoolBySlug = preparedQuery((db, slug: string) =>
  db
    .selectFrom('schools')
    .select([
      'id',
      'slug',
      'name',
      'time_zone',
      'default_language',
      'intake_key_hash',
      'settings_json',
      'disabled_at',
    ])
    .where('slug', '=', slug),
);

export async function findIntakeSchoolBySlug(db: Db, slug: string): Promise<IntakeSchoolRow | null> {
  const [row] = await selectSchoolBySlug(db, slug);
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    defaultLanguage: row.default_language,
    intakeKeyHash: row.intake_key_hash,
    settingsJson: row.settings_json,
    isDisabled: row.disabled_at !== null,
  };
}

/** The kinds of the school's active catalogue products (archived ones are no longer offered), each once. */
export async function findActiveProductKinds(db: Db, schoolId: string): Promise<string[]> {
  return (await selectActiveProductKinds(db, schoolId)).map((r) => r.kind);
}

// Read by every VEL submission: built and compiled once.
const selectActiveProductKinds = preparedQuery((db, schoolId: string) =>
  db
    .selectFrom('products')
    .select('kind')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('is_active', '=', 1)
    .where('archived_at', 'is', null),
);

export interface ActiveInstructor {
  id: string;
  firstName: string;
  lastName: string;
  languages: string[];
}

/** The school's active instructors (or the one asked for), by first then last name. */
export async function findActiveInstructors(
  db: Db,
  schoolId: string,
  onlyId?: string,
): Promise<ActiveInstructor[]> {
  let query = db
    .selectFrom('instructors')
    .select(['id', 'first_name', 'last_name', 'languages'])
    .where('school_id', '=', schoolId)
    .where('is_active', '=', 1);
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  const rows = await query.orderBy('first_name').orderBy('last_name').execute();
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    languages: r.languages.split(',').filter(Boolean),
  }));
}

/**
 * The number given to a submission of this fingerprint, if any: since `since` (the duplicate
 * window), or whenever when `since` is null (the twin that committed first).
 */
export async function findIntakeFingerprint(
  db: Db,
  schoolId: string,
  fingerprint: string,
  since: string | null,
): Promise<string | null> {
  let query = db
    .selectFrom('intake_fingerprints')
    .select('request_number')
    .where('school_id', '=', schoolId)
    .where('fingerprint', '=', fingerprint);
  if (since !== null) query = query.where('created_at', '>=', since);
  const row = await query.executeTakeFirst();
  return row?.request_number ?? null;
}

/**
 * Gives the fingerprint to this request number, taking it over from a submission older than
 * `staleBefore`. false when a live submission holds it (a twin committed first).
 */
export async function claimIntakeFingerprint(
  db: Db,
  claim: {
    schoolId: string;
    fingerprint: string;
    requestNumber: string;
    createdAt: string;
    staleBefore: string;
  },
): Promise<boolean> {
  const claimed = await db
    .insertInto('intake_fingerprints')
    .values({
      school_id: claim.schoolId,
      fingerprint: claim.fingerprint,
      request_number: claim.requestNumber,
      created_at: claim.createdAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['school_id', 'fingerprint'])
        .doUpdateSet((eb) => ({
          request_number: eb.ref('excluded.request_number'),
          created_at: eb.ref('excluded.created_at'),
        }))
        .where('intake_fingerprints.created_at', '<', claim.staleBefore),
    )
    .executeTakeFirst();
  return Number(claimed.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Records a solved challenge as spent: false when it already was. */
export async function spendIntakeChallenge(
  db: Db,
  challenge: { id: string; expiresAt: string },
): Promise<boolean> {
  const spent = await db
    .insertInto('intake_challenges')
    .values({ id: challenge.id, expires_at: challenge.expiresAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(spent.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Deletes spent challenges expired before `now` and fingerprints older than `fingerprintsBefore`. */
export async function deleteExpiredIntakeRows(
  db: Db,
  cutoffs: { now: string; fingerprintsBefore: string },
): Promise<void> {
  await db.deleteFrom('intake_challenges').where('expires_at', '<', cutoffs.now).execute();
  await db.deleteFrom('intake_fingerprints').where('created_at', '<', cutoffs.fingerprintsBefore).execute();
}
