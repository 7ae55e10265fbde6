import type { Db } from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { INTAKE_FORMS, type IntakeForm } from '../../shared/vocabulary.js';
import { blockedFor } from '../auth/rate-limiter.js';
import { normalizeEmail } from '../common.schemas.js';
import { safeEqual, sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { type IntakeMessages, intakeMessages } from './intake.i18n.js';
import { INTAKE_MESSAGES } from './intake.messages.js';
import { type IntakeInput, parseIntake } from './intake.schemas.js';
import { type IntakeSchool, isFormEnabled } from './intake-school.js';
import { findReplay, type SolvedChallenge } from './record-intake.js';
import { checkAltcha, checkFormToken } from './spam-guard.js';
import type { PublicSubmission } from './submit-intake.js';

/** A submission let through the gate, with what recording it needs. */
export interface Admitted {
  input: IntakeInput;
  /** The solved ALTCHA challenge to spend with the submission (browser path). */
  challenge?: SolvedChallenge;
  /** The number already given to this very submission, when the address's quota is full. */
  replay: { number: string; isDuplicate: true } | null;
}

/** The spam defences around one submission, per school and per IP (see `openSpamGate`). */
export interface SpamGate {
  /** The key or the proof of work, the form being open, the fields, the honeypot, then the per-address limit. */
  admit(): Promise<Admitted>;
  /** Runs the admission and the recording: a refusal of the submission itself counts against the invalid limit. */
  countingRefusals<T>(work: () => Promise<T>): Promise<T>;
  /**
   * A new request was recorded: it counts against the IP's and the address's quotas — in `db`,
   * the transaction that records it, so that both commit together (one commit, not three).
   */
  countRecorded(db: Db): Promise<void>;
}

/** Refusals that say the submission itself was wrong: they count against the invalid limit. */
const INVALID_CODES: ReadonlySet<string> = new Set(['VALIDATION', 'FORBIDDEN', 'NOT_FOUND']);

/** Too many tries from one address or e-mail: when to come back, in the visitor's words. */
export function rateLimited(m: IntakeMessages, wait: number): AppError {
  return new AppError('RATE_LIMITED', m.rateLimited(Math.max(1, Math.ceil(wait / 60))), {
    retryAfterSeconds: wait,
  });
}

/**
 * Lets a submission reach the gate only when this IP is within both of this school's limits:
 * the invalid one and the recorded one (smaller for a browser than for a school's server posting
 * with its key). Limits are counted in the database and per school: a flood on one school's form
 * does not touch the others. Refused and recorded submissions are counted apart (a visitor's
 * typos do not eat their quota; a bot's garbage gets its own, smaller, patience).
 */
export async function openSpamGate(
  deps: AppDeps,
  school: IntakeSchool,
  submission: PublicSubmission,
): Promise<SpamGate> {
  const m = intakeMessages(submission.language);
  const db = deps.db.kysely;
  const limits = deps.intake.limits;
  const nowMs = deps.clock.now().getTime();
  const visitor = `${school.id}|${submission.ip}`;
  const recordedLimit = submission.intakeKey !== null ? limits.keyPerIp : limits.perIp;

  const wait = await blockedFor(
    db,
    [
      { limit: limits.invalidPerIp, key: visitor },
      { limit: recordedLimit, key: visitor },
    ],
    nowMs,
  );
  if (wait > 0) throw rateLimited(m, wait);

  let emailKey: string | null = null;
  return {
    async admit() {
      const admitted = await checkSubmission(deps, school, submission, nowMs);
      emailKey = `${school.id}|${normalizeEmail(admitted.input.customer.email)}`;
      const emailWait = await blockedFor(db, [{ limit: limits.perEmail, key: emailKey }], nowMs);
      if (emailWait === 0) return { ...admitted, replay: null };
      // An identical replay still gets its number, and counts nothing.
      const replay = await findReplay(deps, school, admitted.input);
      if (!replay) throw rateLimited(m, emailWait);
      return { ...admitted, replay };
    },
    async countingRefusals(work) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof AppError && INVALID_CODES.has(error.code)) {
          await limits.invalidPerIp.count(db, visitor, nowMs);
        }
        throw error;
      }
    },
    async countRecorded(recording) {
      await recordedLimit.count(recording, visitor, nowMs);
      if (emailKey !== null) await limits.perEmail.count(recording, emailKey, nowMs);
    },
  };
}

/**
 * The school's intake key (a school's server) or the form being open, the fields and the
 * honeypot, then the minimum fill time and the ALTCHA proof of work (a browser).
 */
async function checkSubmission(
  deps: AppDeps,
  school: IntakeSchool,
  submission: PublicSubmission,
  nowMs: number,
): Promise<Omit<Admitted, 'replay'>> {
  const m = intakeMessages(submission.language);
  const isViaKey = submission.intakeKey !== null;
  if (isViaKey) {
    const key = submission.intakeKey ?? '';
    if (!school.intakeKeyHash || !safeEqual(sha256(key), school.intakeKeyHash)) {
      throw new AppError('FORBIDDEN', INTAKE_MESSAGES.invalidIntakeKey);
    }
  }

  const rawForm = (submission.body as { form?: unknown } | null)?.form;
  if (
    (INTAKE_FORMS as readonly unknown[]).includes(rawForm) &&
    !isFormEnabled(school, rawForm as IntakeForm)
  ) {
    throw new AppError('NOT_FOUND', m.formClosed);
  }

  const input = parseIntake(submission.body, submission.language);
  if (input.website) throw new AppError('VALIDATION', m.honeypot);
  if (isViaKey) return { input };

  const token = checkFormToken(deps.intake.secrets, deps.config.intake, school.id, input.formToken, nowMs);
  if (token === 'too_fast') throw new AppError('VALIDATION', m.tooFast);
  if (token !== 'ok')
    throw new AppError('VALIDATION', m.formExpired, { fields: { formToken: m.formExpired } });
  const pow = await checkAltcha(deps.intake.secrets, input.altcha, nowMs);
  if (!pow.ok) {
    const message =
      pow.reason === 'missing'
        ? m.altchaMissing
        : pow.reason === 'expired'
          ? m.altchaExpired
          : m.altchaInvalid;
    throw new AppError('VALIDATION', message, { fields: { altcha: message } });
  }
  return { input, challenge: { id: pow.challengeId, expiresAt: pow.expiresAt } };
}
