/**
 * What a public form submitted, as stored with the first message of the request
 * (`messages.payload_json`): written by the intake (`src/app/intake`), by the bench seed and the
 * demo, read by the staff app's conversation. One schema for all of them.
 *
 * Reading is lenient on purpose: the JSON comes from the database, possibly written by an older
 * or newer version. Missing texts read as empty, keys this version does not know are left out,
 * and a payload this version cannot read at all is shown raw rather than dropped
 * (`readFormPayload`). Writers type what they write as `FormPayload`: every field the reader
 * knows, and no other (form-payload.test.ts and src/app/intake/submission-payload.test.ts check
 * that what is written reads back as written).
 */
import { z } from 'zod';

const text = z.string().catch('');

export const PayloadParticipantSchema = z.object({
  firstName: text,
  birthDate: text,
  level: text,
});
export type PayloadParticipant = z.infer<typeof PayloadParticipantSchema>;

export const PayloadDatesSchema = z.object({
  from: z.string().min(1),
  to: z.string().nullable().catch(null),
});
export type PayloadDates = z.infer<typeof PayloadDatesSchema>;

const PayloadCustomerSchema = z.object({
  firstName: text,
  lastName: text,
  email: text,
  phone: z.string().nullable().catch(null),
});

const participants = z.array(PayloadParticipantSchema).catch([]);
const dates = PayloadDatesSchema.nullable().catch(null);
const common = {
  language: text,
  customer: PayloadCustomerSchema.optional().catch(undefined),
  message: text,
};

export const VelPayloadSchema = z.object({
  form: z.literal('vel'),
  ...common,
  participants,
  productType: text,
  practice: text,
  dates,
});

export const ContactPayloadSchema = z.object({ form: z.literal('contact'), ...common });

export const CustomPayloadSchema = z.object({
  form: z.literal('custom'),
  ...common,
  participants,
  practice: text,
  dates,
  slots: z.array(z.string()).catch([]),
  duration: text,
  sessions: z.number().int().nullable().catch(null),
  instructor: z.object({ id: z.string(), name: z.string() }).nullable().catch(null),
  lessonLanguage: text,
});

export const FormPayloadSchema = z.discriminatedUnion('form', [
  VelPayloadSchema,
  ContactPayloadSchema,
  CustomPayloadSchema,
]);

/** A payload as the intake writes it (every field present). */
export type FormPayload = z.input<typeof FormPayloadSchema>;
/** A payload as read back: every field present, defaults for what was missing. */
export type ReadFormPayload = z.output<typeof FormPayloadSchema>;

/** An inbound e-mail's message keeps its channel, sender and Message-ID (src/app/inbound): no form. */
function isEmailChannel(payload: unknown): boolean {
  return (
    typeof payload === 'object' && payload !== null && (payload as { channel?: unknown }).channel === 'email'
  );
}

/** null when the message carries no form data (a reply, an e-mail, a staff note). */
export function readFormPayload(
  payload: unknown,
): ReadFormPayload | { form: 'unknown'; raw: unknown } | null {
  if (payload === null || payload === undefined || isEmailChannel(payload)) return null;
  const parsed = FormPayloadSchema.safeParse(payload);
  return parsed.success ? parsed.data : { form: 'unknown', raw: payload };
}
