import { findIntakeFingerprint } from '../../db/repositories/index.js';
import { AppError, type FieldErrors } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { blockedFor } from '../auth/rate-limiter.js';
import { normalizeEmail } from '../common.schemas.js';
import { safeEqual, sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { type KeyedText, keyedColumns } from '../requests/keyed-text.schemas.js';
import { findOrCreateCustomer, notifyStaff, openRequest } from '../requests/request-core.js';
import { enqueue, type Tx, transact } from '../tx.js';
import { type IntakeMessages, intakeMessages, type Language } from './intake.i18n.js';
import {
  type CustomInput,
  fieldsError,
  type IntakeInput,
  parseIntake,
  type VelInput,
} from './intake.schemas.js';
import { INTAKE_FORMS, type IntakeForm } from './intake.vocabulary.js';
import { checkDates, checkSessions, dayIn } from './intake-rules.js';
import {
  findIntakeSchool,
  type IntakeSchool,
  type OfferedInstructor,
  offeredInstructors,
  offeredProductKinds,
} from './intake-school.js';
import { checkAltcha, checkFormToken } from './spam-guard.js';

/** One submission of a public form, as it reached the HTTP edge (JSON API or HTML page). */
export interface PublicSubmission {
  slug: string;
  body: unknown;
  ip: string;
  /** The `x-intake-key` header: a school's own web server posting on behalf of its visitors. */
  intakeKey: string | null;
  /** The visitor's language (explicit choice, then Accept-Language, then French). */
  language: Language;
}

export interface IntakeResult {
  number: string;
}

const SWEEP_EVERY_MS = 60_000;

export function isFormEnabled(school: IntakeSchool, form: IntakeForm): boolean {
  return school.settings[form].isEnabled;
}

/** The school of a public slug, or the visitor-language 404. */
export async function requireIntakeSchool(
  deps: AppDeps,
  slug: string,
  language: Language,
): Promise<IntakeSchool> {
  const school = await findIntakeSchool(deps.db.kysely, slug);
  if (!school) throw new AppError('NOT_FOUND', intakeMessages(language).schoolNotFound);
  return school;
}

function rateLimited(m: IntakeMessages, wait: number): AppError {
  return new AppError('RATE_LIMITED', m.rateLimited(Math.max(1, Math.ceil(wait / 60))), {
    retryAfterSeconds: wait,
  });
}

/** Refusals that say the submission itself was wrong: they count against the invalid limit. */
const INVALID_CODES: ReadonlySet<string> = new Set(['VALIDATION', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * A visitor (or a school's server) submits a public form. Everything that can refuse it is
 * checked before anything is written: the school, the limits of this school for this IP, the
 * key or the form being open, the fields, the honeypot, then either the school's intake key or
 * the minimum fill time and the ALTCHA proof of work, then the per-address limit. The answer
 * carries the new file's number and nothing else, whether the e-mail was known or not.
 *
 * Limits are counted in the database and per school: a flood on one school's form does not
 * touch the others. Refused submissions and recorded ones are counted apart (a visitor's typos
 * do not eat their quota; a bot's garbage gets its own, smaller, patience). An identical replay
 * answers the number already given and counts nothing.
 */
export async function submitPublicIntake(deps: AppDeps, submission: PublicSubmission): Promise<IntakeResult> {
  const { language } = submission;
  const m = intakeMessages(language);
  const school = await requireIntakeSchool(deps, submission.slug, language);
  const nowMs = deps.clock.now().getTime();
  const db = deps.db.kysely;
  const limits = deps.intake.limits;
  const isViaKey = submission.intakeKey !== null;
  const visitor = `${school.id}|${submission.ip}`;
  const recordedLimit = isViaKey ? limits.keyPerIp : limits.perIp;

  const wait = await blockedFor(
    db,
    [
      { limit: limits.invalidPerIp, key: visitor },
      { limit: recordedLimit, key: visitor },
    ],
    nowMs,
  );
  if (wait > 0) throw rateLimited(m, wait);

  let result: { number: string; isDuplicate: boolean };
  let emailKey: string;
  try {
    const checked = await checkSubmission(deps, school, submission, nowMs);
    emailKey = `${school.id}|${normalizeEmail(checked.input.customer.email)}`;
    const emailWait = await blockedFor(db, [{ limit: limits.perEmail, key: emailKey }], nowMs);
    const replay = emailWait > 0 ? await findReplay(deps, school, checked.input) : null;
    if (emailWait > 0 && !replay) throw rateLimited(m, emailWait);
    result =
      replay ?? (await recordIntake(deps, school, checked.input, { language, challenge: checked.challenge }));
  } catch (error) {
    if (error instanceof AppError && INVALID_CODES.has(error.code)) {
      await limits.invalidPerIp.count(db, visitor, nowMs);
    }
    throw error;
  }
  if (!result.isDuplicate) {
    await recordedLimit.count(db, visitor, nowMs);
    await limits.perEmail.count(db, emailKey, nowMs);
  }
  await sweepExpired(deps, nowMs);
  return { number: result.number };
}

/** The key or the proof of work, the form being open, the fields and the honeypot. */
async function checkSubmission(
  deps: AppDeps,
  school: IntakeSchool,
  submission: PublicSubmission,
  nowMs: number,
): Promise<{ input: IntakeInput; challenge?: { id: string; expiresAt: string } }> {
  const m = intakeMessages(submission.language);
  const tuning = deps.config.intake;
  const isViaKey = submission.intakeKey !== null;
  if (isViaKey) {
    const key = submission.intakeKey ?? '';
    if (!school.intakeKeyHash || !safeEqual(sha256(key), school.intakeKeyHash)) {
      throw new AppError('FORBIDDEN', 'Clé d’intégration invalide pour cette école.');
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

  const token = checkFormToken(deps.intake.secrets, tuning, school.id, input.formToken, nowMs);
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

/**
 * The number already given to this very submission within the duplicate window, if any: asked
 * only when the address's quota is full, so that a replay still gets its number.
 */
async function findReplay(
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
): Promise<{ number: string; isDuplicate: true } | null> {
  const fingerprint = fingerprintOf(input, normalizeEmail(input.customer.email));
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.intake.duplicateWindowMs).toISOString();
  const previous = await findIntakeFingerprint(deps.db.kysely, school.id, fingerprint, cutoff);
  return previous ? { number: previous, isDuplicate: true } : null;
}

export interface RecordOptions {
  language: Language;
  /** The solved ALTCHA challenge to spend with this submission (browser path). */
  challenge?: { id: string; expiresAt: string };
}

class DuplicateInFlight extends Error {}

/**
 * Turns an accepted submission into a request of the school, in one transaction: the customer
 * found by e-mail or created, the numbered request (a dossier with a custom-lesson line for the
 * custom form), its first message, the journal, staff notifications, the acknowledgement e-mail
 * with the customer's private link. An identical submission within the duplicate window gets the
 * number already given, and writes nothing.
 */
export async function recordIntake(
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  options: RecordOptions,
): Promise<{ number: string; isDuplicate: boolean }> {
  const m = intakeMessages(options.language);
  const now = deps.clock.now();
  const dateErrors = checkDates(input, dayIn(now, school.timeZone), m);
  const fields: FieldErrors = { ...dateErrors, ...checkSessions(input, dateErrors, m) };
  let instructor: OfferedInstructor | null = null;
  if (input.form === 'vel') {
    if (!school.settings.vel.practices.includes(input.practice)) fields.practice = m.unknownPractice;
    const kinds = await offeredProductKinds(deps.db.kysely, school.id);
    if (!kinds.includes(input.productType)) fields.productType = m.unknownProductType;
  } else if (input.form === 'custom') {
    if (!school.settings.custom.practices.includes(input.practice)) fields.practice = m.unknownPractice;
    if (!school.settings.custom.durations.includes(input.duration)) fields.duration = m.unknownDuration;
    if (input.instructorId !== undefined) {
      [instructor = null] = await offeredInstructors(deps.db.kysely, school, input.instructorId);
      if (!instructor) fields.instructorId = m.unknownInstructor;
    }
  }
  if (Object.keys(fields).length > 0) throw fieldsError(options.language, fields);

  const emailNormalized = normalizeEmail(input.customer.email);
  const fingerprint = fingerprintOf(input, emailNormalized);
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

/** Unique-key violations, as each driver reports them. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

async function recordOnce(
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  instructor: OfferedInstructor | null,
  options: RecordOptions,
  fingerprint: string,
  now: Date,
): Promise<{ number: string; isDuplicate: boolean }> {
  const m = intakeMessages(options.language);
  try {
    return await transact(deps, async (tx) => {
      if (options.challenge) await spendChallenge(tx, options.challenge, m);
      const cutoff = new Date(now.getTime() - deps.config.intake.duplicateWindowMs).toISOString();
      const previous = await tx.trx
        .selectFrom('intake_fingerprints')
        .select('request_number')
        .where('school_id', '=', school.id)
        .where('fingerprint', '=', fingerprint)
        .where('created_at', '>=', cutoff)
        .executeTakeFirst();
      if (previous) return { number: previous.request_number, isDuplicate: true };

      const number = await openIntakeRequest(tx, deps, school, input, instructor, options.language);
      const claimed = await tx.trx
        .insertInto('intake_fingerprints')
        .values({ school_id: school.id, fingerprint, request_number: number, created_at: tx.now })
        .onConflict((oc) =>
          oc
            .columns(['school_id', 'fingerprint'])
            .doUpdateSet((eb) => ({
              request_number: eb.ref('excluded.request_number'),
              created_at: eb.ref('excluded.created_at'),
            }))
            .where('intake_fingerprints.created_at', '<', cutoff),
        )
        .executeTakeFirst();
      // A twin committed first (PostgreSQL runs them concurrently): give everything back.
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) throw new DuplicateInFlight();
      return { number, isDuplicate: false };
    });
  } catch (error) {
    if (!(error instanceof DuplicateInFlight)) throw error;
    const twin = await deps.db.kysely
      .selectFrom('intake_fingerprints')
      .select('request_number')
      .where('school_id', '=', school.id)
      .where('fingerprint', '=', fingerprint)
      .executeTakeFirstOrThrow();
    return { number: twin.request_number, isDuplicate: true };
  }
}

/** A solved challenge opens one submission: a second use finds its row and is refused. */
async function spendChallenge(tx: Tx, challenge: { id: string; expiresAt: string }, m: IntakeMessages) {
  const spent = await tx.trx
    .insertInto('intake_challenges')
    .values({ id: challenge.id, expires_at: challenge.expiresAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(spent.numInsertedOrUpdatedRows ?? 0) !== 1) {
    throw new AppError('VALIDATION', m.altchaReused, { fields: { altcha: m.altchaReused } });
  }
}

/** Same school, form, address and content: the same submission, whatever the spam fields say. */
function fingerprintOf(input: IntakeInput, emailNormalized: string): string {
  const { website: _w, formToken: _t, altcha: _a, language: _l, ...content } = input;
  return sha256(
    JSON.stringify([emailNormalized, { ...content, customer: { ...content.customer, email: '' } }]),
  );
}

async function openIntakeRequest(
  tx: Tx,
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  instructor: OfferedInstructor | null,
  language: Language,
): Promise<string> {
  const { customer } = await findOrCreateCustomer(tx, school.id, {
    email: input.customer.email,
    firstName: input.customer.firstName,
    lastName: input.customer.lastName,
    phone: input.customer.phone ?? null,
    language,
  });
  const actor: Actor = {
    kind: 'customer',
    schoolId: school.id,
    customerId: customer.id,
    name: `${customer.first_name} ${customer.last_name}`,
  };
  const payload = submissionPayload(input, language, instructor);
  const { request, portalToken } = await openRequest(tx, {
    schoolId: school.id,
    schoolTimeZone: school.timeZone,
    source: input.form,
    customer,
    language,
    actor,
    firstMessage:
      input.form === 'custom'
        ? { authorKind: 'system', body: { key: 'message.created_from_sale', params: {} }, payload }
        : { authorKind: 'customer', body: firstMessageBody(input), payload },
    lines:
      input.form === 'custom'
        ? [
            {
              kind: 'custom',
              product_id: null,
              label: '',
              ...customLineLabel(input),
              quantity: 1,
              unit_price_cents: 0,
              total_cents: 0,
              vat_rate_bp: 1000,
              is_online_sale: 0,
              is_optional: 0,
              is_active: 1,
              details_json: JSON.stringify(customLineDetails(input, instructor)),
              pos_imported_at: null,
            },
          ]
        : [],
  });

  const notification = {
    kind: 'request.created',
    requestId: request.id,
    payload: { number: request.number, source: request.source, customerName: actor.name },
  };
  await notifyStaff(tx, school.id, { ...notification, onlyUserIds: school.settings.notifyUserIds });

  const m = intakeMessages(language);
  await enqueue(tx, {
    schoolId: school.id,
    kind: 'email',
    payload: {
      to: input.customer.email,
      subject: m.email.subject(request.number, school.name),
      text: m.email.body({
        firstName: input.customer.firstName,
        number: request.number,
        link: `${deps.config.publicUrl}/c/${portalToken}`,
        school: school.name,
      }),
    },
  });
  tx.publish({ schoolId: school.id, type: 'request.changed', requestId: request.id });
  return request.number;
}

/** What was submitted, structured per form type: the staff app renders it in the conversation. */
export function submissionPayload(
  input: IntakeInput,
  language: Language,
  instructor: OfferedInstructor | null,
): Record<string, unknown> {
  const customer = {
    firstName: input.customer.firstName,
    lastName: input.customer.lastName,
    email: input.customer.email,
    phone: input.customer.phone ?? null,
  };
  switch (input.form) {
    case 'contact':
      return { form: 'contact', language, customer, message: input.message };
    case 'vel':
      return {
        form: 'vel',
        language,
        customer,
        participants: input.participants,
        productType: input.productType,
        practice: input.practice,
        dates: { from: input.dates.from, to: input.dates.to ?? null },
        message: input.message ?? '',
      };
    case 'custom':
      return {
        form: 'custom',
        language,
        customer,
        ...customLineDetails(input, instructor),
        message: input.message ?? '',
      };
    default: {
      const never: never = input;
      return never;
    }
  }
}

function customLineDetails(input: CustomInput, instructor: OfferedInstructor | null) {
  return {
    participants: input.participants,
    practice: input.practice,
    dates: { from: input.dates.from, to: input.dates.to ?? null },
    slots: input.slots,
    duration: input.duration,
    sessions: input.sessions,
    instructor: instructor
      ? { id: instructor.id, name: `${instructor.firstName} ${instructor.lastName}` }
      : null,
    lessonLanguage: input.lessonLanguage,
  };
}

/** The custom lesson's label, generated: a key with parameters, rendered in each reader's language. */
function customLineLabel(input: CustomInput): { label_key: string | null; label_params_json: string | null } {
  const { key, paramsJson } = keyedColumns({
    key: 'line.custom_lesson',
    params: { practice: input.practice, duration: input.duration, sessions: input.sessions },
  });
  return { label_key: key, label_params_json: paramsJson };
}

/** The customer's words, or for a VEL form without a message, a summary for staff lists. */
function firstMessageBody(input: Exclude<IntakeInput, CustomInput>): string | KeyedText {
  if (input.message) return input.message;
  const vel = input as VelInput;
  return {
    key: 'message.vel_summary',
    params: {
      productType: vel.productType,
      practice: vel.practice,
      participants: vel.participants.length,
      from: vel.dates.from,
      to: vel.dates.to ?? null,
    },
  };
}

/** Spent challenges and old fingerprints are useless once expired: swept about once a minute. */
async function sweepExpired(deps: AppDeps, nowMs: number): Promise<void> {
  if (nowMs - deps.intake.lastSweepMs < SWEEP_EVERY_MS) return;
  deps.intake.lastSweepMs = nowMs;
  const now = new Date(nowMs).toISOString();
  const cutoff = new Date(nowMs - deps.config.intake.duplicateWindowMs).toISOString();
  await deps.db.kysely.deleteFrom('intake_challenges').where('expires_at', '<', now).execute();
  await deps.db.kysely.deleteFrom('intake_fingerprints').where('created_at', '<', cutoff).execute();
}
