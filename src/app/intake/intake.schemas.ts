import { z } from 'zod';
import { AppError, type FieldErrors } from '../../domain/errors.js';
import { isInvisible } from '../../domain/text-rules.js';
import {
  DURATIONS,
  LEVELS,
  MAX_PARTICIPANTS,
  MAX_SESSIONS,
  PRACTICES,
  SLOTS,
} from '../../shared/vocabulary.js';
import { emailAddress, humanText } from '../common.schemas.js';
import { LANGUAGES } from '../requests/requests.schemas.js';
import { type IntakeMessages, intakeMessages, type Language } from './intake.i18n.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const MAX_MESSAGE = 5_000;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Blank form fields arrive as ''; an optional field treats them (and invisible-only ones) as absent. */
const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && isInvisible(value)) ? undefined : value;

function buildSchema(m: IntakeMessages) {
  const invalid = (required?: string) => ({
    error: (issue: { input: unknown }) => (issue.input === undefined && required ? required : m.invalid),
  });

  const words = { tooLong: m.tooLong, control: m.controlChars, broken: m.brokenChars };

  const line = (max: number, required: string) =>
    humanText({ max, multiline: false, words, required, invalid: invalid(required) });

  const optionalLine = (max: number) =>
    z.preprocess(
      blankToUndefined,
      humanText({ max, multiline: false, words, invalid: invalid() }).optional(),
    );

  /**
   * Counted as the page's counter counts it: line breaks as one character (browsers post them
   * as CR LF). Too long is refused with the length, never cut.
   */
  const message = (required: string | null) => {
    const text = humanText({
      max: MAX_MESSAGE,
      multiline: true,
      words: { ...words, tooLong: m.messageTooLong },
      required: required ?? undefined,
      invalid: invalid(required ?? undefined),
    });
    const lineBreaks = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v);
    return required
      ? z.preprocess(lineBreaks, text)
      : z.preprocess((v) => blankToUndefined(lineBreaks(v)), text.optional());
  };

  const date = (required: string) =>
    z
      .string(invalid(required))
      .trim()
      .pipe(z.string().min(1, required))
      .refine(isCalendarDate, m.dateInvalid);

  const choice = <T extends readonly [string, ...string[]]>(values: T, required: string, unknown: string) =>
    z.preprocess(
      blankToUndefined,
      z.enum(values, { error: (issue) => (issue.input === undefined ? required : unknown) }),
    );

  /** A missing group reports its own first field, so the page can point at it. */
  const group = <T extends z.ZodType>(schema: T) =>
    z.preprocess((v) => (v === undefined || v === '' ? {} : v), schema);

  const emailWords = {
    invalid: m.emailInvalid,
    tooLong: m.emailInvalid,
    control: m.emailInvalid,
    broken: m.brokenChars,
  };

  const customer = group(
    z.object(
      {
        firstName: line(80, m.required.firstName),
        lastName: line(80, m.required.lastName),
        email: z
          .string(invalid(m.required.email))
          .trim()
          .pipe(z.string().min(1, m.required.email))
          .pipe(emailAddress(emailWords)),
        phone: optionalLine(30).refine(
          (s) => s === undefined || /^[+0-9 ().-]{6,30}$/.test(s),
          m.phoneInvalid,
        ),
      },
      invalid(m.required.email),
    ),
  );

  const participant = z.object(
    {
      firstName: line(80, m.required.participantFirstName),
      birthDate: date(m.required.birthDate),
      level: choice(LEVELS, m.required.level, m.unknownChoice),
    },
    invalid(),
  );

  const participants = z
    .array(participant, invalid(m.participantsMin))
    .min(1, m.participantsMin)
    .max(MAX_PARTICIPANTS, m.participantsMax(MAX_PARTICIPANTS));

  const dates = group(
    z.object(
      {
        from: date(m.required.dateFrom),
        to: z.preprocess(
          blankToUndefined,
          z.string(invalid()).trim().refine(isCalendarDate, m.dateInvalid).optional(),
        ),
      },
      invalid(m.required.dateFrom),
    ),
  );

  /**
   * The visitor's language (also read from `?lang=` and Accept-Language), then the anti-spam
   * fields: the honeypot, the form token and the ALTCHA payload, checked and never stored.
   */
  const envelope = {
    language: z.enum(LANGUAGES).optional().catch(undefined),
    website: z.string().max(500).optional().catch('filled'),
    formToken: z.string().max(500).optional().catch(undefined),
    altcha: z.string().max(20_000).optional().catch(undefined),
  };

  const vel = z.object({
    form: z.literal('vel'),
    ...envelope,
    customer,
    participants,
    productType: z.preprocess(
      blankToUndefined,
      z.string(invalid(m.required.productType)).trim().max(64, m.unknownProductType),
    ),
    practice: choice(PRACTICES, m.required.practice, m.unknownPractice),
    dates,
    message: message(null),
  });

  const contact = z.object({
    form: z.literal('contact'),
    ...envelope,
    customer,
    message: message(m.required.message),
  });

  const custom = z.object({
    form: z.literal('custom'),
    ...envelope,
    customer,
    participants,
    practice: choice(PRACTICES, m.required.practice, m.unknownPractice),
    dates,
    slots: z.preprocess(
      (v) => (typeof v === 'string' ? (v === '' ? [] : [v]) : v),
      z
        .array(z.enum(SLOTS, { error: m.unknownChoice }), invalid(m.required.slots))
        .min(1, m.required.slots)
        .max(SLOTS.length)
        .transform((list) => SLOTS.filter((s) => list.includes(s))),
    ),
    duration: choice(DURATIONS, m.required.duration, m.unknownDuration),
    // Absent (an API client that does not ask): one session. Left empty on the form: asked for.
    sessions: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v)) : v),
      z
        .number({ error: (issue) => (issue.input === null ? m.required.sessions : m.sessions(MAX_SESSIONS)) })
        .int(m.sessions(MAX_SESSIONS))
        .min(1, m.sessions(MAX_SESSIONS))
        .max(MAX_SESSIONS, m.sessions(MAX_SESSIONS))
        .default(1),
    ),
    instructorId: z.preprocess(blankToUndefined, z.string(invalid()).max(64, m.unknownInstructor).optional()),
    lessonLanguage: choice(LANGUAGES, m.required.lessonLanguage, m.unknownChoice),
    message: message(null),
  });

  return z.discriminatedUnion('form', [vel, contact, custom], { error: m.unknownForm });
}

type IntakeSchema = ReturnType<typeof buildSchema>;
export type IntakeInput = z.output<IntakeSchema>;
export type VelInput = Extract<IntakeInput, { form: 'vel' }>;
export type ContactInput = Extract<IntakeInput, { form: 'contact' }>;
export type CustomInput = Extract<IntakeInput, { form: 'custom' }>;

const schemas = new Map<Language, IntakeSchema>();

/** The submission schema with its messages in one language (built once per language). */
export function intakeSchema(language: Language): IntakeSchema {
  let schema = schemas.get(language);
  if (!schema) {
    schema = buildSchema(intakeMessages(language));
    schemas.set(language, schema);
  }
  return schema;
}

/** The French schema, for the API documentation. */
export const IntakeRequestDocSchema = intakeSchema('fr');

/** A VALIDATION error whose `fields` use dotted paths (`participants.0.birthDate`). */
export function fieldsError(language: Language, fields: FieldErrors): AppError {
  const entries = Object.values(fields);
  const message = entries.length === 1 && entries[0] ? entries[0] : intakeMessages(language).summary;
  return new AppError('VALIDATION', message, { fields });
}

/** Parses a submission (JSON body or form fields made nested) with messages in the visitor's language. */
export function parseIntake(raw: unknown, language: Language): IntakeInput {
  const result = intakeSchema(language).safeParse(raw);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || 'form';
    fields[path] ??= issue.message;
  }
  throw fieldsError(language, fields);
}
