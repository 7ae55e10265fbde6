import { z } from 'zod';

/**
 * The point-of-sale software's contract (version 1, stable: the school's counter software reads
 * it) and the staff app's Paramètres → Logiciel de caisse.
 *
 *   GET  /api/pos/v1/orders?state=ready[&cursor=…&limit=…]   Bearer <POS key> — JSON (PosOrderPage) or CSV (Accept: text/csv)
 *   POST /api/pos/v1/orders/:number/ack                       Bearer <POS key> — marks the online lines imported
 *   GET  /api/pos/v1/openapi.json                             this contract as an OpenAPI 3 document
 *   GET  /api/settings/pos-keys · POST (create, shown once) · DELETE /api/settings/pos-keys/:id (revoke)   admin
 *   GET  /api/pos/export.csv                                  staff: "Export pour le logiciel"
 *   POST /api/requests/:id/pos-import                         staff: "Marquer comme importé"
 *   PUT  /api/requests/:id/entered-in-pos                     staff: "Saisi dans logiciel"
 */
export const POS_SCHEMA_VERSION = 'schuss.pos.v1';

/** An amount in integer cents (EUR), VAT included. */
const money = z.number().int().describe('An amount in cents (EUR), VAT included');

export const PosParticipantSchema = z.object({
  firstName: z.string(),
  birthDate: z.string().describe('YYYY-MM-DD, or empty when not given'),
  level: z.string().describe('Level key: first_time, beginner, …'),
});

export const PosSessionSchema = z.object({
  id: z.string(),
  startsOn: z.string().describe('First day, YYYY-MM-DD (school time zone)'),
  endsOn: z.string().describe('Last day, YYYY-MM-DD'),
  startTime: z.string().describe('HH:MM'),
  endTime: z.string().describe('HH:MM'),
  meetingPoint: z.string(),
});

export const PosLineSchema = z.object({
  id: z.string(),
  productId: z.string().nullable(),
  productKind: z.string().nullable().describe('cours_collectif, cours_particulier, club_enfants, extra…'),
  label: z.string().describe('The product as the school names it'),
  quantity: z.number().int(),
  unitPriceCents: money,
  totalCents: money,
  vatRateBp: z.number().int().describe('VAT rate in basis points (1000 = 10 %)'),
  vatCents: money.describe('VAT included in totalCents'),
  session: PosSessionSchema.nullable(),
  dates: z.object({ from: z.string(), to: z.string().nullable() }).nullable(),
  participants: z.array(PosParticipantSchema),
});

export const PosPaymentSchema = z.object({
  id: z.string(),
  kind: z.enum(['online', 'manual', 'refund']),
  method: z.string().describe('online, cash, cheque, transfer, holiday_vouchers, ancv_connect, card_desk'),
  amountCents: z.number().int().describe('Positive for a payment, negative for a refund'),
  currency: z.string(),
  provider: z.string().nullable(),
  providerRef: z.string().nullable(),
  receivedAt: z.string().describe('UTC ISO instant'),
});

export const PosOrderSchema = z.object({
  number: z.string().describe('The file number: what /ack takes'),
  createdAt: z.string(),
  customer: z.object({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    language: z.string(),
  }),
  totalCents: money.describe('Total of the file (every active line)'),
  paidCents: money.describe('Paid, net of refunds'),
  lines: z.array(PosLineSchema).describe('The lines sold online not yet imported: what to import'),
  payments: z.array(PosPaymentSchema),
});
export type PosOrder = z.infer<typeof PosOrderSchema>;

export const PosOrderPageSchema = z.object({
  schema: z.literal(POS_SCHEMA_VERSION),
  orders: z.array(PosOrderSchema),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
});
export type PosOrderPage = z.infer<typeof PosOrderPageSchema>;

export const PosOrdersQuerySchema = z.object({
  state: z.literal('ready').describe('Only "ready": fully paid files with online lines not yet imported'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PosAckSchema = z.object({
  schema: z.literal(POS_SCHEMA_VERSION),
  number: z.string(),
  importedLines: z.number().int().describe('Lines marked imported by this call (0 when acknowledged before)'),
  status: z
    .string()
    .describe('The file’s status after the acknowledgement (processed when nothing else is missing)'),
});
export type PosAck = z.infer<typeof PosAckSchema>;

// ── Paramètres → Logiciel de caisse ──

export const PosKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  keyHint: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type PosKeyView = z.infer<typeof PosKeyViewSchema>;

export const PosKeysViewSchema = z.object({
  keys: z.array(PosKeyViewSchema),
  uses: z.array(
    z.object({
      keyName: z.string(),
      operation: z.enum(['list', 'ack']),
      detail: z.string(),
      usedAt: z.string(),
    }),
  ),
});
export type PosKeysView = z.infer<typeof PosKeysViewSchema>;

export const CreatePosKeySchema = z.object({ name: z.string().trim().min(1).max(80) });
export const CreatedPosKeySchema = PosKeyViewSchema.extend({
  key: z.string().describe('The key itself: shown this once, never again'),
});
export type CreatedPosKey = z.infer<typeof CreatedPosKeySchema>;

export const EnteredInPosBodySchema = z.object({ version: z.number().int(), isEnteredInPos: z.boolean() });
export const PosImportBodySchema = z.object({ version: z.number().int() });
export const FileStatusSchema = z.object({ version: z.number().int(), status: z.string() });
export type FileStatus = z.infer<typeof FileStatusSchema>;
