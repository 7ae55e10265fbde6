import { isUniqueViolation } from '../../db/db-errors.js';
import {
  claimIntakeFingerprint,
  type Db,
  findIntakeFingerprint,
  spendIntakeChallenge,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { normalizeEmail } from '../common.schemas.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { type Tx, transact } from '../tx.js';
import { checkAgainstSchool } from './form-checks.js';
import { type IntakeMessages, intakeMessages, type Language } from './intake.i18n.js';
import type { IntakeInput } from './intake.schemas.js';
import { openIntakeRequest } from './intake-request.js';
import type { IntakeSchool, OfferedInstructor } from './intake-school.js';

/** A solved ALTCHA challenge: spent with the submission it opened. */
export interface SolvedChallenge {
  id: string;
  expiresAt: string;
}

export interface RecordOptions {
  language: Language;
  /** The solved ALTCHA challenge to spend with this submission (browser path). */
  challenge?: SolvedChallenge;
  /** Counts a new request against the sender's quotas, inside the transaction that records it. */
  countRecorded?: (db: Db) => Promise<void>;
}

export interface Recorded {
  number: string;
  isDuplicate: boolean;
}

class DuplicateInFlight extends Error {}

/**
 * Turns an accepted submission into a request of the school, in one transaction (see
 * intake-request.ts). An identical submission within the duplicate window gets the number
 * already given, and writes nothing.
 */
export async function recordIntake(
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  options: RecordOptions,
): Promise<Recorded> {
  const now = deps.clock.now();
  const instructor = await checkAgainstSchool(deps, school, input, options.language, now);
  const fingerprint = fingerprintOf(input);
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordOnce(deps, school, input, instructor, options, fingerprint, now);
    } catch (error) {
      // PostgreSQL: a twin transaction created the same new customer (or claimed the same
      // fingerprint) first. Once it committed, a second pass finds what it wrote.
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * The number already given to this very submission within the duplicate window, if any: asked
 * only when the address's quota is full, so that a replay still gets its number.
 */
export async function findReplay(
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
): Promise<{ number: string; isDuplicate: true } | null> {
  const previous = await findIntakeFingerprint(
    deps.db.kysely,
    school.id,
    fingerprintOf(input),
    duplicateCutoff(deps, deps.clock.now()),
  );
  return previous ? { number: previous, isDuplicate: true } : null;
}

async function recordOnce(
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  instructor: OfferedInstructor | null,
  options: RecordOptions,
  fingerprint: string,
  now: Date,
): Promise<Recorded> {
  const m = intakeMessages(options.language);
  try {
    return await transact(deps, async (tx) => {
      if (options.challenge) await spendChallenge(tx, options.challenge, m);
      const cutoff = duplicateCutoff(deps, now);
      const previous = await findIntakeFingerprint(tx.trx, school.id, fingerprint, cutoff);
      if (previous) return { number: previous, isDuplicate: true };

      const number = await openIntakeRequest(tx, deps, school, input, instructor, options.language);
      const isClaimed = await claimIntakeFingerprint(tx.trx, {
        schoolId: school.id,
        fingerprint,
        requestNumber: number,
        createdAt: tx.now,
        staleBefore: cutoff,
      });
      // A twin committed first (PostgreSQL runs them concurrently): give everything back.
      if (!isClaimed) throw new DuplicateInFlight();
      await options.countRecorded?.(tx.trx);
      return { number, isDuplicate: false };
    });
  } catch (error) {
    if (!(error instanceof DuplicateInFlight)) throw error;
    const twin = await findIntakeFingerprint(deps.db.kysely, school.id, fingerprint, null);
    if (twin === null) throw new Error('intake fingerprint vanished after a duplicate in flight');
    return { number: twin, isDuplicate: true };
  }
}

/** A solved challenge opens one submission: a second use finds its row and is refused. */
async function spendChallenge(tx: Tx, challenge: SolvedChallenge, m: IntakeMessages): Promise<void> {
  if (!(await spendIntakeChallenge(tx.trx, challenge))) {
    throw new AppError('VALIDATION', m.altchaReused, { fields: { altcha: m.altchaReused } });
  }
}

/** Submissions older than this are no longer duplicates of a new one. */
function duplicateCutoff(deps: AppDeps, now: Date): string {
  return new Date(now.getTime() - deps.config.intake.duplicateWindowMs).toISOString();
}

/** Same school, form, address and content: the same submission, whatever the spam fields say. */
function fingerprintOf(input: IntakeInput): string {
  const { website: _w, formToken: _t, altcha: _a, language: _l, ...content } = input;
  return sha256(
    JSON.stringify([
      normalizeEmail(input.customer.email),
      { ...content, customer: { ...content.customer, email: '' } },
    ]),
  );
}
