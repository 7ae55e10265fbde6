import { z } from 'zod';
import { cleanEmail } from '../../domain/email-address.js';
import type { StaffText } from '../../domain/errors.js';
import { staffError, textIssue, textOfIssue } from '../../domain/schema-texts.js';
import { STATUSES } from '../../domain/status.js';
import { EMAIL_MESSAGES } from '../common.messages.js';
import { EmailSchema, humanText, staffWords } from '../common.schemas.js';
import { REQUEST_LABELS as LABEL, REQUEST_MESSAGES as M } from './requests.messages.js';

export const LANGUAGES = ['fr', 'en', 'de', 'it', 'es', 'nl'] as const;
export const LanguageSchema = z.enum(LANGUAGES, { error: staffError(M.unknownLanguage) });

/**
 * A text typed in the staff app, under the one text rule (humanText): line breaks allowed in
 * multi-line texts only; with `required`, a text showing nothing is refused with that message.
 */
export function text(max: number, label: StaffText, o: { required?: StaffText; multiline?: boolean } = {}) {
  return humanText({ max, multiline: o.multiline ?? false, words: staffWords(label), required: o.required });
}

/** A phone number as people type it; empty means none. */
export const PhoneSchema = text(30, LABEL.phone).refine(
  (s) => s === '' || /^[+0-9 ().-]{6,30}$/.test(s),
  textIssue(M.badPhone),
);

export const CustomerInputSchema = z.object({
  email: EmailSchema,
  firstName: text(80, LABEL.firstName, { required: M.firstNameRequired }),
  lastName: text(80, LABEL.lastName, { required: M.lastNameRequired }),
  phone: PhoneSchema.optional(),
  language: LanguageSchema.default('fr'),
});

export const CreateStaffRequestSchema = z.object({
  customer: CustomerInputSchema,
  message: text(10_000, LABEL.message, { multiline: true, required: M.requestRequired }),
  categoryId: z.string().max(64).nullable().optional(),
});
export type CreateStaffRequestInput = z.infer<typeof CreateStaffRequestSchema>;

export const UpdateRequestSchema = z.object({
  /** The version of the file the secretary's screen started the edit from: a stale edit is refused. */
  version: z.number().int().positive(),
  categoryId: z.string().max(64).nullable().optional(),
  language: LanguageSchema.optional(),
  /**
   * Refused rather than silently ignored: the "Commentaire client" is the customer's now
   * (PATCH /api/requests/:id/customer with `note`), and a page from before that change must
   * not believe it saved one.
   */
  staffComment: z.never({ error: staffError(M.staffCommentMoved) }).optional(),
});
export type UpdateRequestInput = z.infer<typeof UpdateRequestSchema>;

export const RequestSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  source: z.enum(['vel', 'contact', 'custom', 'email', 'staff']),
  status: z.enum(STATUSES),
  language: z.string(),
  categoryId: z.string().nullable(),
  totalCents: z.number().int(),
  paidCents: z.number().int(),
  /** A custom lesson has no price yet: the total is "à chiffrer", not 0 €. */
  isToBePriced: z.boolean(),
  isOnlinePaymentAllowed: z.boolean(),
  isEnteredInPos: z.boolean(),
  lastMessageAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  version: z.number().int(),
  customer: z.object({
    id: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().nullable(),
    language: z.string(),
    /** "Commentaire client": about the customer, the same on every file of theirs. */
    note: z.string(),
    /** Who last changed the note, when, and from which file. */
    noteChange: z
      .object({ byName: z.string(), at: z.string(), fileNumber: z.string().nullable() })
      .nullable(),
    /** The customer's version: edits of the customer (from any file) send the one they started from. */
    version: z.number().int(),
  }),
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const ReplySchema = z.object({
  body: text(10_000, LABEL.message, { multiline: true, required: M.replyRequired }),
});

/**
 * A change of the customer from one of their files: the customer's version the edit started
 * from, and only the fields the secretary changed (a field left out is left as it is).
 */
export const UpdateCustomerSchema = z
  .object({
    version: z.number().int().positive(),
    firstName: text(80, LABEL.firstName, { required: M.firstNameRequired }).optional(),
    lastName: text(80, LABEL.lastName, { required: M.lastNameRequired }).optional(),
    email: z.string().optional(),
    phone: PhoneSchema.optional(),
    note: text(5000, LABEL.note, { multiline: true }).optional(),
  })
  .transform((v, ctx) => {
    const { email, ...rest } = v;
    if (Object.keys(rest).length === 1 && email === undefined) {
      ctx.addIssue({ code: 'custom', path: [], ...textIssue(M.nothingToSave) });
      return z.NEVER;
    }
    if (email === undefined) return { ...rest, email: undefined, emailAsTyped: undefined };
    const parsed = EmailSchema.safeParse(email);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        ...textIssue(first ? textOfIssue(first) : EMAIL_MESSAGES.invalid),
      });
      return z.NEVER;
    }
    return { ...rest, email: parsed.data, emailAsTyped: cleanEmail(email) };
  });
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerSchema>;
