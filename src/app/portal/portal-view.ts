import { z } from 'zod';
import {
  findCustomerInSchool,
  findPaymentAttemptOfRequest,
  findPortalFile,
  findPortalTarget,
  findRequest,
  type LineRow,
  listLinesOfRequest,
  listMessagesOfRequest,
  listOffersOfRequest,
  listPaymentsOfRequest,
  type PortalTarget,
  readSalesSettings,
} from '../../db/repositories/index.js';
import { type Cents, cents } from '../../domain/money.js';
import { payOptionsOf, scheduledDepositOf } from '../../domain/pay-options.js';
import type { Request } from '../../domain/request.js';
import { dayIn } from '../../domain/time-zone.js';
import { amountDueOf, totalsOf } from '../../domain/totals.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { lineLabel } from '../devis/get-devis.js';
import { isLanguage, type Language } from '../intake/intake.i18n.js';
import { renderOfferPdf } from '../offers/offer-pdf.js';
import { latestOfferOf, payFactsOf } from '../payments/pay-facts.js';
import { readKeyedText } from '../requests/keyed-text.schemas.js';
import { LANGUAGES } from '../requests/requests.schemas.js';

/**
 * What the customer's private page shows, and nothing else: a STRICT schema (an unknown key is an
 * error, not silently dropped), so a field added to the view is a decision, checked by the tests
 * field by field. No internal id appears except what a form of the page posts back (a removable
 * extra's line id); never the staff's comment, the journal, staff e-mails or another file.
 */
const money = z.number().int();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.iso.datetime();

export const PortalMessageSchema = z.strictObject({
  from: z.enum(['customer', 'school']),
  /** The staff member's name on a reply; null for the customer's own words and Schuss's. */
  staffName: z.string().nullable(),
  /** What was written; for a message Schuss wrote, its subject (the product asked for) or empty. */
  body: z.string(),
  /** A message Schuss wrote by itself, named so the page says it in the customer's language. */
  generated: z.enum(['created_from_sale']).nullable(),
  at: instant,
});

export const PortalLineSchema = z.strictObject({
  label: z.string(),
  quantity: z.number(),
  unitPriceCents: money,
  totalCents: money,
  vatRateBp: z.number().int(),
  isOptional: z.boolean(),
  /** false: the customer (or the school) took it out; it no longer counts. */
  isActive: z.boolean(),
  /** The id the "remove" form posts, only while the customer may remove this extra. */
  removeId: z.string().nullable(),
});

export const PortalViewSchema = z.strictObject({
  language: z.enum(LANGUAGES),
  school: z.strictObject({ name: z.string(), timeZone: z.string() }),
  file: z.strictObject({
    number: z.string(),
    receivedAt: instant,
    customerFirstName: z.string(),
    /** An archived file shows its conversation only (with the reply box). */
    isArchived: z.boolean(),
  }),
  conversation: z.array(PortalMessageSchema),
  /** The reply box: every file takes the customer's reply, an archived one too (it is recorded and shown). */
  canReply: z.boolean(),
  /** The latest quote or payment link sent; null before one is sent, and on an archived file. */
  offer: z
    .strictObject({
      kind: z.enum(['quote', 'payment_link']),
      number: z.string(),
      sentAt: instant,
      validUntil: day.nullable(),
      isExpired: z.boolean(),
      /** What a payment link asks for; null for a quote. */
      amountCents: money.nullable(),
      /** The lines changed since it was sent (an extra removed): its PDF is the one as sent. */
      isChangedSinceSent: z.boolean(),
    })
    .nullable(),
  lines: z.array(PortalLineSchema),
  totals: z
    .strictObject({
      totalCents: money,
      netCents: money,
      vatCents: money,
      vat: z.array(
        z.strictObject({ rateBp: z.number().int(), totalCents: money, netCents: money, vatCents: money }),
      ),
      paidCents: money,
      dueCents: money,
    })
    .nullable(),
  payments: z.array(
    z.strictObject({
      receivedAt: instant,
      /** Positive for a payment, negative for a refund. */
      amountCents: money,
      method: z.string(),
    }),
  ),
  schedule: z
    .strictObject({
      /** The deposit asked (the payment link's amount, or the school's share of a quote); null: none. */
      depositCents: money.nullable(),
      isDepositPaid: z.boolean(),
      /** What the balance step asks: what remains once the deposit is paid (0: the balance is paid). */
      balanceCents: money,
      balanceDueOn: day.nullable(),
    })
    .nullable(),
  /** Exactly `payOptionsOf(...)`: the "Payer" buttons. */
  payOptions: z.array(z.strictObject({ purpose: z.enum(['deposit', 'balance']), amountCents: money })),
  /** The return from a checkout (`?paiement=<attempt>`): how that attempt stands. */
  paymentReturn: z
    .strictObject({ state: z.enum(['pending', 'succeeded', 'failed']), amountCents: money })
    .nullable(),
});
export type PortalView = z.infer<typeof PortalViewSchema>;
export type PortalLine = z.infer<typeof PortalLineSchema>;

/** Private links are 256-bit base64url tokens; anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The file a private link opens, or null for one that opens none (unknown, revoked, malformed):
 * callers answer those the same way. Only the token's hash is compared.
 */
export async function resolvePortalLink(
  deps: Pick<AppDeps, 'db'>,
  token: string,
): Promise<PortalTarget | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  return (await findPortalTarget(deps.db.kysely, sha256(token))) ?? null;
}

/** The customer's language, else the school's, else French. */
export function portalLanguageOf(request: Pick<Request, 'language'>, schoolLanguage: string): Language {
  if (isLanguage(request.language)) return request.language;
  return isLanguage(schoolLanguage) ? schoolLanguage : 'fr';
}

/** A removable extra: optional, still counted, not yet in the till, and nothing paid on the file. */
export function isRemovable(line: LineRow, paidCents: Cents, isArchived: boolean): boolean {
  return (
    !isArchived &&
    paidCents === 0 &&
    Number(line.is_optional) === 1 &&
    Number(line.is_active) === 1 &&
    line.pos_imported_at === null
  );
}

/**
 * The customer's private page as data (`/c/:token`), validated by `PortalViewSchema`: null when
 * the link opens no file. `language` is the customer's choice on the page (`?lang=`); `attemptId`
 * the checkout they come back from. Read outside any transaction (a page view writes nothing).
 */
export async function portalViewOf(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  token: string,
  options: { language?: Language; attemptId?: string } = {},
): Promise<PortalView | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const db = deps.db.kysely;
  const target = await findPortalFile(db, sha256(token));
  if (!target) return null;
  const { schoolId, requestId, request } = target;
  const [customer, messages, rows, offers, payments, attempt] = await Promise.all([
    findCustomerInSchool(db, schoolId, request.customerId),
    listMessagesOfRequest(db, schoolId, requestId),
    listLinesOfRequest(db, schoolId, requestId),
    listOffersOfRequest(db, schoolId, requestId),
    listPaymentsOfRequest(db, schoolId, requestId),
    options.attemptId && options.attemptId.length <= 64
      ? findPaymentAttemptOfRequest(db, schoolId, requestId, options.attemptId)
      : undefined,
  ]);
  const language = options.language ?? portalLanguageOf(request, target.school.defaultLanguage);
  const sales = readSalesSettings(target.school.settingsJson);
  const today = dayIn(deps.clock.now(), target.school.timeZone);
  const isArchived = request.archivedAt !== null;

  const conversation = messages.map((m) => {
    const keyed = readKeyedText(m.body_key, m.body_params_json);
    return {
      from: m.author_kind === 'staff' ? ('school' as const) : ('customer' as const),
      staffName: m.author_kind === 'staff' ? (m.author_user_name ?? null) : null,
      body: keyed?.key === 'message.vel_summary' ? keyed.params.productType : keyed ? '' : m.body,
      generated: keyed?.key === 'message.created_from_sale' ? ('created_from_sale' as const) : null,
      at: m.created_at,
    };
  });
  const base = {
    language,
    school: { name: target.school.name, timeZone: target.school.timeZone },
    file: {
      number: request.number,
      receivedAt: request.createdAt,
      customerFirstName: customer?.first_name ?? '',
      isArchived,
    },
    conversation,
    canReply: true,
  };
  // The latest as the checkout reads it (findLatestOffer): the page offers what checkout accepts.
  const latestOffer = latestOfferOf(offers);
  const latest = latestOffer ? offers.find((o) => o.id === latestOffer.id) : undefined;
  if (isArchived || !latest) {
    return PortalViewSchema.parse({
      ...base,
      offer: null,
      lines: [],
      totals: null,
      payments: [],
      schedule: null,
      payOptions: [],
      paymentReturn: null,
    });
  }

  const paidCents = request.paidCents;
  const staffLanguage = language === 'fr' ? 'fr' : 'en';
  const lines: PortalLine[] = rows.map((row) => ({
    label: lineLabel(row, staffLanguage, sales.customLessonLabel),
    quantity: Number(row.quantity),
    unitPriceCents: Number(row.unit_price_cents),
    totalCents: Number(row.total_cents),
    vatRateBp: Number(row.vat_rate_bp),
    isOptional: Number(row.is_optional) === 1,
    isActive: Number(row.is_active) === 1,
    removeId: isRemovable(row, paidCents, isArchived) ? row.id : null,
  }));
  const totals = totalsOf(
    lines.map((l) => ({ isActive: l.isActive, totalCents: cents(l.totalCents), vatRateBp: l.vatRateBp })),
  );
  const dueCents = amountDueOf(totals.totalCents, paidCents);
  const offerAmount = latest.amount_cents === null ? null : cents(Number(latest.amount_cents));
  // The same facts, read by the same loader, as the checkout's: the buttons are what it accepts.
  const facts = payFactsOf(request, target.school, deps.clock.now(), {
    latestOffer,
    depositRuleJson: target.depositRuleJson,
  });
  const depositCents = scheduledDepositOf(facts);
  const isDepositPaid = depositCents !== null && paidCents >= depositCents;
  // Deposit and balance steps add up to the total: the deposit still due is not counted twice.
  const depositLeft = depositCents === null || isDepositPaid ? 0 : depositCents - paidCents;

  return PortalViewSchema.parse({
    ...base,
    offer: {
      kind: latest.kind,
      number: latest.number,
      sentAt: latest.sent_at,
      validUntil: latest.valid_until,
      isExpired: latest.valid_until !== null && latest.valid_until < today,
      amountCents: offerAmount,
      isChangedSinceSent: Number(latest.total_cents) !== totals.totalCents,
    },
    lines,
    totals: { ...totals, paidCents, dueCents },
    payments: payments.map((p) => ({
      receivedAt: p.receivedAt,
      amountCents: p.amountCents,
      method: p.kind === 'refund' ? 'refund' : p.method,
    })),
    schedule: {
      depositCents,
      isDepositPaid,
      balanceCents: cents(Math.max(0, dueCents - depositLeft)),
      balanceDueOn: target.balanceDueOn,
    },
    payOptions: payOptionsOf(facts),
    paymentReturn: attempt
      ? {
          state:
            attempt.state === 'succeeded'
              ? 'succeeded'
              : attempt.state === 'failed' || attempt.state === 'expired'
                ? 'failed'
                : 'pending',
          amountCents: attempt.amountCents,
        }
      : null,
  });
}

/** The PDF of the quote or payment link the page shows (the latest sent), as it was sent; null: none. */
export async function portalOfferPdf(
  deps: Pick<AppDeps, 'db'>,
  token: string,
): Promise<{ filename: string; pdf: Buffer } | null> {
  const target = await resolvePortalLink(deps, token);
  if (!target) return null;
  const db = deps.db.kysely;
  const request = await findRequest(db, target.schoolId, target.requestId);
  if (!request || request.archivedAt !== null) return null;
  const latest = (await listOffersOfRequest(db, target.schoolId, target.requestId)).at(-1);
  if (!latest) return null;
  return renderOfferPdf(db, { schoolId: target.schoolId, requestId: target.requestId, offerId: latest.id });
}
