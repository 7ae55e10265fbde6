import { z } from 'zod';
import { STATUSES } from '../../domain/status.js';
import { hasForbiddenCharacters } from '../../domain/text-rules.js';
import { EmailSchema } from '../common.schemas.js';

export const LANGUAGES = ['fr', 'en', 'de', 'it', 'es', 'nl'] as const;
export const LanguageSchema = z.enum(LANGUAGES, { error: 'Langue inconnue (fr, en, de, it, es ou nl).' });

/** Printable text: no control characters except line breaks and tabs. */
export function text(max: number, label: string) {
  return z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères au plus.`)
    .refine((s) => !hasForbiddenCharacters(s, true), `${label} : caractères de contrôle interdits.`);
}

/** A phone number as people type it; empty means none. */
export const PhoneSchema = text(30, 'Téléphone').refine(
  (s) => s === '' || /^[+0-9 ().-]{6,30}$/.test(s),
  'Numéro de téléphone invalide.',
);

export const CustomerInputSchema = z.object({
  email: EmailSchema,
  firstName: text(80, 'Prénom').pipe(z.string().min(1, 'Indiquez le prénom.')),
  lastName: text(80, 'Nom').pipe(z.string().min(1, 'Indiquez le nom.')),
  phone: PhoneSchema.optional(),
  language: LanguageSchema.default('fr'),
});

export const CreateStaffRequestSchema = z.object({
  customer: CustomerInputSchema,
  message: text(10_000, 'Message').pipe(z.string().min(1, 'Écrivez la demande du client.')),
  categoryId: z.string().max(64).nullable().optional(),
});
export type CreateStaffRequestInput = z.infer<typeof CreateStaffRequestSchema>;

export const UpdateRequestSchema = z.object({
  /** The version the secretary's screen was showing: a stale edit is refused. */
  version: z.number().int().positive(),
  categoryId: z.string().max(64).nullable().optional(),
  language: LanguageSchema.optional(),
  staffComment: text(5000, 'Commentaire client').optional(),
});
export type UpdateRequestInput = z.infer<typeof UpdateRequestSchema>;

export const RequestSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  source: z.enum(['vel', 'contact', 'custom', 'email', 'staff']),
  status: z.enum(STATUSES),
  language: z.string(),
  categoryId: z.string().nullable(),
  staffComment: z.string(),
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
  }),
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const ReplySchema = z.object({
  body: text(10_000, 'Message').pipe(z.string().min(1, 'Écrivez votre réponse.')),
});

export const UpdateCustomerSchema = z
  .object({
    version: z.number().int().positive(),
    firstName: text(80, 'Prénom').pipe(z.string().min(1, 'Indiquez le prénom.')),
    lastName: text(80, 'Nom').pipe(z.string().min(1, 'Indiquez le nom.')),
    email: z.string(),
    phone: PhoneSchema.optional(),
  })
  .transform((v, ctx) => {
    const parsed = EmailSchema.safeParse(v.email);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: parsed.error.issues[0]?.message ?? 'Adresse e-mail invalide.',
      });
      return z.NEVER;
    }
    return { ...v, email: parsed.data, emailAsTyped: v.email.trim().normalize('NFC') };
  });
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerSchema>;
