/**
 * The sale half of Schuss (the "Devis" onglet, Paramètres → Catalogue / Moniteurs / Devis et
 * paiements): the HTTP contract the routes implement and the staff app calls. Schemas are the
 * source of truth: routes validate with them, the web takes their types. Amounts are integer
 * cents everywhere; prices are TTC (VAT included), as French customers read them.
 *
 * Routes (all staff, `/api`; admin only where marked):
 *   GET    /api/catalogue                         → CatalogueSchema (products with sessions, extras, instructors)
 *   POST   /api/catalogue/products         admin  ProductInputSchema → ProductSchema (201)
 *   PATCH  /api/catalogue/products/:id     admin  ProductPatchSchema (every input field optional, + isArchived) → ProductSchema
 *   POST   /api/catalogue/products/:id/sessions   admin  SessionInputSchema → SessionSchema (201)
 *   PATCH  /api/catalogue/sessions/:id     admin  SessionPatchSchema (+ isActive) → SessionSchema
 *   POST   /api/catalogue/instructors      admin  InstructorInputSchema → InstructorSchema (201)
 *   PATCH  /api/catalogue/instructors/:id  admin  InstructorPatchSchema → InstructorSchema
 *   POST   /api/catalogue/instructors/:id/days-off   admin  DayOffInputSchema → InstructorSchema (201)
 *   DELETE /api/catalogue/instructors/:id/days-off/:day  admin → InstructorSchema
 *   GET    /api/settings/sales                    → SalesSettingsSchema
 *   PUT    /api/settings/sales             admin  SalesSettingsSchema → SalesSettingsSchema
 *
 *   GET    /api/requests/:id/devis                → DevisSchema (lines, totals, VAT, offers, what the form asked)
 *   POST   /api/requests/:id/lines                AddLineSchema → DevisSchema (201)
 *   PATCH  /api/requests/:id/lines/:lineId        EditLineSchema → DevisSchema
 *   DELETE /api/requests/:id/lines/:lineId        ?version= → DevisSchema
 *   GET    /api/requests/:id/availability?instructorId=&from=&to=  → AvailabilitySchema
 *   POST   /api/requests/:id/custom-lesson        ValidateCustomLessonSchema → DevisSchema ("ÉDITER" → Valider)
 *   POST   /api/requests/:id/quotes               SendQuoteSchema → DevisSchema (201) ("Envoyer un devis")
 *   POST   /api/requests/:id/payment-links        SendPaymentLinkSchema → DevisSchema (201) ("Envoyer un lien de paiement")
 *   POST   /api/requests/:id/offers/:offerId/extend   ExtendOfferSchema → DevisSchema
 *   GET    /api/requests/:id/offers/:offerId/pdf  → application/pdf (the quote as sent)
 *   POST   /api/requests/:id/private-link         { version } → { ok: true } (revoke and re-issue the customer's link)
 *
 * Every write on a request carries the `version` of the file the screen shows (a stale one is a
 * CONFLICT naming who changed what), goes through `changeRequest`, and answers the new Devis.
 */
import { z } from 'zod';
import { CUSTOMER_LANGUAGES, LEVELS, PRACTICES, SLOTS } from '../vocabulary.js';

const id = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format HH:MM.');
/** An amount in integer cents, never negative. */
const cents = z.number().int().min(0).max(100_000_000);
const vatRateBp = z.number().int().min(0).max(10_000);

export const PRICE_UNITS = ['participant', 'session', 'hour', 'file'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** The kinds a catalogue product may be; `extra` are the add-ons (insurance…). */
export const PRODUCT_KINDS = ['cours_collectif', 'cours_particulier', 'club_enfants', 'extra'] as const;

// ── Catalogue ────────────────────────────────────────────────────────────────────────────────

export const SessionSchema = z.object({
  id,
  productId: id,
  startsOn: day,
  endsOn: day,
  startTime: time,
  endTime: time,
  meetingPoint: z.string(),
  capacity: z.number().int(),
  /** Places held by lines of other files (paid or not), so the screen can say what is left. */
  taken: z.number().int(),
  isActive: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;

export const SessionInputSchema = z.object({
  startsOn: day,
  endsOn: day,
  startTime: time,
  endTime: time,
  meetingPoint: z.string().trim().max(200),
  capacity: z.number().int().min(0).max(1000),
});

export const ProductSchema = z.object({
  id,
  kind: z.string(),
  /** The school's own name (French); `names` per customer language, falling back to it. */
  name: z.string(),
  names: z.record(z.string(), z.string()),
  description: z.string().nullable(),
  practice: z.enum(PRACTICES).nullable(),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  /** Empty: every level. */
  levels: z.array(z.enum(LEVELS)),
  priceCents: cents,
  priceUnit: z.enum(PRICE_UNITS),
  vatRateBp,
  /** "Vendu en ligne": the POS software imports these lines once paid. */
  isOnlineSale: z.boolean(),
  /** An extra the customer may remove before paying. */
  isOptional: z.boolean(),
  isArchived: z.boolean(),
  sessions: z.array(SessionSchema),
});
export type Product = z.infer<typeof ProductSchema>;

export const ProductInputSchema = z.object({
  kind: z.enum(PRODUCT_KINDS),
  name: z.string().trim().min(1).max(120),
  names: z.partialRecord(z.enum(CUSTOMER_LANGUAGES), z.string().trim().max(120)).default({}),
  description: z.string().trim().max(2000).nullable().default(null),
  practice: z.enum(PRACTICES).nullable().default(null),
  ageMin: z.number().int().min(0).max(120).nullable().default(null),
  ageMax: z.number().int().min(0).max(120).nullable().default(null),
  levels: z.array(z.enum(LEVELS)).default([]),
  priceCents: cents,
  priceUnit: z.enum(PRICE_UNITS),
  vatRateBp: vatRateBp.default(1000),
  isOnlineSale: z.boolean().default(true),
  isOptional: z.boolean().default(false),
});

export const InstructorSchema = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  languages: z.array(z.string()),
  practices: z.array(z.enum(PRACTICES)),
  isActive: z.boolean(),
  /** Days off, "YYYY-MM-DD", from today on. */
  daysOff: z.array(z.object({ day, reason: z.string() })),
});
export type Instructor = z.infer<typeof InstructorSchema>;

export const InstructorInputSchema = z.object({
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  languages: z.array(z.enum(CUSTOMER_LANGUAGES)).min(1),
  practices: z.array(z.enum(PRACTICES)).default([]),
  isActive: z.boolean().default(true),
});

export const DayOffInputSchema = z.object({ day, reason: z.string().trim().max(200).default('') });

export const CatalogueSchema = z.object({
  products: z.array(ProductSchema),
  instructors: z.array(InstructorSchema),
});
export type Catalogue = z.infer<typeof CatalogueSchema>;

// ── Patches: every field optional and no default, so what a PATCH leaves out stays as it is ─────
// (`.partial()` of a schema with defaults would fill them in and overwrite the stored values.)

function withoutDefaults<S extends z.ZodRawShape>(shape: S) {
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    out[key] = (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType;
  }
  return z
    .object(out as unknown as { [K in keyof S]: S[K] extends z.ZodDefault<infer T> ? T : S[K] })
    .partial();
}

export const ProductPatchSchema = withoutDefaults(ProductInputSchema.shape).extend({
  isArchived: z.boolean().optional(),
});
export type ProductPatch = z.infer<typeof ProductPatchSchema>;

export const SessionPatchSchema = SessionInputSchema.partial().extend({ isActive: z.boolean().optional() });
export type SessionPatch = z.infer<typeof SessionPatchSchema>;

export const InstructorPatchSchema = withoutDefaults(InstructorInputSchema.shape);
export type InstructorPatch = z.infer<typeof InstructorPatchSchema>;

// ── Settings: Paramètres → Devis et paiements (`sales` in schools.settings_json) ────────────

export const SalesSettingsSchema = z.object({
  /** What custom lessons are called: "esf sur mesure" for the demo school. */
  customLessonLabel: z.string().trim().min(1).max(60).default('Cours sur mesure'),
  quoteValidityDays: z.number().int().min(1).max(365).default(14),
  /** The deposit a payment link proposes, in basis points (3000 = 30 %). */
  defaultDepositBp: z.number().int().min(0).max(10_000).default(3000),
  /** A reminder goes to the customer this many days before a quote expires (0: none). */
  reminderDaysBeforeExpiry: z.number().int().min(0).max(60).default(3),
  /** The school's deposit rule: a percentage (defaultDepositBp) or a fixed amount (defaultDepositFixedCents). */
  depositKind: z.enum(['percentage', 'fixed']).default('percentage'),
  defaultDepositFixedCents: z.number().int().min(0).max(100_000_000).default(0),
  /** Once a deposit is paid, the balance is due this many days before the first lesson. */
  balanceDaysBeforeFirstLesson: z.number().int().min(0).max(365).default(14),
  /** The balance reminder goes this many days before it is due (0: none). */
  balanceReminderDaysBefore: z.number().int().min(0).max(60).default(3),
  /** Another reminder goes once the balance is overdue. */
  isBalanceOverdueReminder: z.boolean().default(true),
  /** Printed on quotes. */
  legal: z
    .object({
      companyName: z.string().trim().max(200).default(''),
      address: z.string().trim().max(500).default(''),
      siret: z.string().trim().max(20).default(''),
      vatNumber: z.string().trim().max(20).default(''),
      mentions: z.string().trim().max(2000).default(''),
    })
    .default({ companyName: '', address: '', siret: '', vatNumber: '', mentions: '' }),
});
export type SalesSettings = z.infer<typeof SalesSettingsSchema>;

// ── The Devis onglet ─────────────────────────────────────────────────────────────────────────

export const ParticipantSchema = z.object({
  firstName: z.string().trim().min(1).max(80),
  birthDate: day,
  level: z.enum(LEVELS),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const DevisLineSchema = z.object({
  id,
  kind: z.enum(['catalog', 'custom', 'extra']),
  productId: id.nullable(),
  sessionId: id.nullable(),
  instructorId: id.nullable(),
  /** The label as the reader sees it (a custom lesson's generated label rendered). */
  label: z.string(),
  quantity: z.number().int(),
  unitPriceCents: cents,
  totalCents: cents,
  vatRateBp,
  isOnlineSale: z.boolean(),
  isOptional: z.boolean(),
  isActive: z.boolean(),
  /** No price yet ("à chiffrer"). */
  isToBePriced: z.boolean(),
  participants: z.array(ParticipantSchema.extend({ birthDate: z.string(), level: z.string() })),
  /** A custom lesson: its schedule as validated (or asked). */
  schedule: z
    .object({
      dates: z.object({ from: z.string(), to: z.string().nullable() }).nullable(),
      slots: z.array(z.string()),
      hours: z.number().nullable(),
      sessions: z.number().int().nullable(),
    })
    .nullable(),
  /** Lines cannot change once something is paid on the file. */
  isLocked: z.boolean(),
});
export type DevisLine = z.infer<typeof DevisLineSchema>;

export const VatRowSchema = z.object({
  rateBp: vatRateBp,
  totalCents: cents,
  netCents: cents,
  vatCents: cents,
});

export const OfferSchema = z.object({
  id,
  kind: z.enum(['quote', 'payment_link']),
  /** "DEV-2026-0001" for a quote, "LP-2026-0001" for a payment link. */
  number: z.string(),
  version: z.number().int(),
  totalCents: cents,
  /** What a payment link asks for. */
  amountCents: cents.nullable(),
  validUntil: day.nullable(),
  isExpired: z.boolean(),
  /** Expires within the school's reminder days ("expire bientôt"). */
  isExpiringSoon: z.boolean(),
  sentAt: z.string(),
  sentByName: z.string().nullable(),
  /** The latest of its kind: the one the customer sees. */
  isCurrent: z.boolean(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const DevisSchema = z.object({
  requestId: id,
  version: z.number().int(),
  lines: z.array(DevisLineSchema),
  totals: z.object({
    totalCents: cents,
    netCents: cents,
    vatCents: cents,
    vat: z.array(VatRowSchema),
    paidCents: z.number().int(),
    dueCents: cents,
    /** The school's default deposit of this total. */
    defaultDepositCents: cents,
  }),
  offers: z.array(OfferSchema),
  /** Can a quote or a payment link be sent now (a line, a total above zero, not archived)? */
  canSend: z.boolean(),
  customLessonLabel: z.string(),
});
export type Devis = z.infer<typeof DevisSchema>;

const version = z.number().int().positive();
/** How many times a custom lesson is given (a week of mornings: 5). */
const sessionCount = z.number().int().min(1).max(30);
/** Booking an instructor over a day off or another lesson needs a reason (journaled); without one it is refused. */
const overrideReason = z.string().trim().max(500).optional();

export const AddLineSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('catalog'),
    version,
    productId: id,
    sessionId: id,
    participants: z.array(ParticipantSchema).min(1).max(12),
  }),
  z.object({
    kind: z.literal('extra'),
    version,
    productId: id,
    quantity: z.number().int().min(1).max(12).optional(),
  }),
  z.object({
    kind: z.literal('custom'),
    version,
    label: z.string().trim().max(120).optional(),
    dates: z.object({ from: day, to: day.nullable() }),
    slots: z.array(z.enum(SLOTS)).min(1),
    hours: z.number().positive().max(100),
    sessions: sessionCount.default(1),
    instructorId: id.nullable(),
    participants: z.array(ParticipantSchema).min(1).max(12),
    priceCents: cents,
    vatRateBp: vatRateBp.default(1000),
    overrideReason,
  }),
]);
export type AddLine = z.infer<typeof AddLineSchema>;

export const EditLineSchema = z.object({
  version,
  quantity: z.number().int().min(1).max(100).optional(),
  unitPriceCents: cents.optional(),
  participants: z.array(ParticipantSchema).min(1).max(12).optional(),
  sessionId: id.optional(),
});

export const AvailabilitySchema = z.object({
  instructorId: id,
  /** Days off and validated lessons of the instructor in the range, by day. */
  busy: z.array(
    z.object({
      day,
      kind: z.enum(['day_off', 'lesson']),
      /** The day off's reason, or the file number and slots of the lesson. */
      detail: z.string(),
      requestId: id.nullable(),
      /** The slots a lesson takes; empty for a day off (or a lesson of unknown slots): the whole day. */
      slots: z.array(z.string()),
    }),
  ),
});
export type Availability = z.infer<typeof AvailabilitySchema>;
export type BusyDay = Availability['busy'][number];

/**
 * Does a busy day stop a lesson in these slots? A day off or a lesson of unknown slots takes the
 * whole day; another lesson only the slots it shares. The server refuses exactly what the screen flags.
 */
export function isClash(busy: Pick<BusyDay, 'kind' | 'slots'>, slots: readonly string[]): boolean {
  return busy.kind === 'day_off' || busy.slots.length === 0 || busy.slots.some((s) => slots.includes(s));
}

export const ValidateCustomLessonSchema = z.object({
  version,
  lineId: id,
  dates: z.object({ from: day, to: day.nullable() }),
  slots: z.array(z.enum(SLOTS)).min(1),
  hours: z.number().positive().max(100),
  sessions: sessionCount,
  instructorId: id.nullable(),
  /** Who takes the lesson, as the secretary checked them; left out, those on the line stay. */
  participants: z.array(ParticipantSchema).min(1).max(12).optional(),
  priceCents: cents,
  overrideReason,
});

export const SendQuoteSchema = z.object({ version });

export const SendPaymentLinkSchema = z.object({
  version,
  /** The balance, the school's default deposit, or an amount typed by the secretary (cents). */
  amount: z.union([z.literal('balance'), z.literal('deposit'), z.object({ cents: cents.min(1) })]),
});

export const ExtendOfferSchema = z.object({ version, validUntil: day });
