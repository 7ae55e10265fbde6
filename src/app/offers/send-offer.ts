import {
  findOfferRecipient,
  insertOffer,
  lastOfferVersion,
  listLinesForOffer,
  nextCounterValue,
  setRequestOfferValidUntil,
} from '../../db/repositories/index.js';
import type { StaffLanguage } from '../../domain/errors.js';
import { AppError, validation } from '../../domain/errors.js';
import { type Cents, cents } from '../../domain/money.js';
import { dayIn, plusDays, yearIn } from '../../domain/time-zone.js';
import { amountDueOf, totalsOf } from '../../domain/totals.js';
import type { Devis } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import { crashPoint } from '../crash-points.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { newId } from '../ids.js';
import { fileDepositCentsOf } from '../payments/balance-schedule.js';
import { privateLinkOf } from '../portal/private-link.js';
import { changeRequest } from '../requests/change-request.js';
import { readKeyedText } from '../requests/keyed-text.schemas.js';
import { transact } from '../tx.js';
import { devisOf } from './offer-devis.js';
import { loadOfferSchool } from './offer-school.js';
import type { OfferSnapshot } from './offer-snapshot.js';
import { OFFER_MESSAGES } from './offers.messages.js';

export type PaymentLinkAmount = 'balance' | 'deposit' | { cents: number };

const PREFIX = { quote: 'DEV', payment_link: 'LP' } as const;

/** "DEV-2026-0001": quotes and payment links are numbered per school and year, gapless. */
export function formatOfferNumber(kind: keyof typeof PREFIX, year: number, sequence: number): string {
  return `${PREFIX[kind]}-${year}-${String(sequence).padStart(4, '0')}`;
}

/** "Envoyer un devis": a numbered quote of the lines as they are, e-mailed with the private link and its PDF. */
export function sendQuote(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { version: number },
  language: StaffLanguage = 'fr',
) {
  return sendOffer(deps, actor, requestId, { kind: 'quote', version: input.version }, language);
}

/** "Envoyer un lien de paiement": the balance, the deposit the file's rule asks, or an amount typed by the secretary. */
export function sendPaymentLink(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { version: number; amount: PaymentLinkAmount },
  language: StaffLanguage = 'fr',
) {
  return sendOffer(
    deps,
    actor,
    requestId,
    { kind: 'payment_link', version: input.version, amount: input.amount },
    language,
  );
}

async function sendOffer(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { kind: 'quote' | 'payment_link'; version: number; amount?: PaymentLinkAmount },
  language: StaffLanguage,
): Promise<Devis> {
  const devis = await transact(deps, async (tx) => {
    const school = await loadOfferSchool(tx.trx, actor.schoolId);
    const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version };
    const { result: validUntil } = await changeRequest(tx, target, async (file) => {
      const request = file.request;
      if (request.archivedAt !== null)
        throw new AppError('INVALID_STATE', OFFER_MESSAGES.archived, {
          fields: { version: OFFER_MESSAGES.archivedField },
        });
      const lines = await listLinesForOffer(tx.trx, actor.schoolId, requestId);
      const active = lines.filter((l) => Boolean(l.is_active));
      const totals = totalsOf(
        active.map((l) => ({
          isActive: true,
          totalCents: cents(Number(l.total_cents)),
          vatRateBp: l.vat_rate_bp,
        })),
      );
      if (active.length === 0 || totals.totalCents === 0)
        throw new AppError('INVALID_STATE', OFFER_MESSAGES.nothingToSend, {
          fields: { lines: active.length === 0 ? OFFER_MESSAGES.noLine : OFFER_MESSAGES.zeroTotal },
        });
      const amount =
        input.kind === 'payment_link'
          ? amountOf(
              input.amount ?? 'balance',
              totals.totalCents,
              request.paidCents,
              fileDepositCentsOf(
                {
                  depositRuleJson: request.depositRuleJson,
                  totalCents: totals.totalCents,
                  paidCents: request.paidCents,
                },
                school.sales,
              ),
            )
          : null;
      const today = dayIn(tx.now, school.timeZone);
      const until = plusDays(today, school.sales.quoteValidityDays);
      const year = yearIn(tx.now, school.timeZone);
      const sequence = await nextCounterValue(tx.trx, actor.schoolId, `${input.kind}:${year}`);
      const number = formatOfferNumber(input.kind, year, sequence);
      const version = (await lastOfferVersion(tx.trx, actor.schoolId, requestId, input.kind)) + 1;
      const customer = await findOfferRecipient(tx.trx, actor.schoolId, requestId);
      const snapshot: OfferSnapshot = {
        kind: input.kind,
        number,
        version,
        fileNumber: request.number,
        sentAt: tx.now,
        sentOn: today,
        validUntil: until,
        customer: {
          name: `${customer?.firstName ?? ''} ${customer?.lastName ?? ''}`.trim(),
          email: customer?.email ?? '',
        },
        school: { name: school.name, legal: school.sales.legal },
        lines: active.map((l) => ({
          label: lineLabel(l, school.sales.customLessonLabel),
          quantity: Number(l.quantity),
          unitPriceCents: Number(l.unit_price_cents),
          totalCents: Number(l.total_cents),
          vatRateBp: l.vat_rate_bp,
        })),
        totals: { ...totals, paidCents: request.paidCents },
        amountCents: amount,
      };
      const offerId = newId('offer');
      await insertOffer(tx.trx, {
        id: offerId,
        school_id: actor.schoolId,
        request_id: requestId,
        kind: input.kind,
        number,
        total_cents: totals.totalCents,
        deposit_cents: amount,
        snapshot_json: JSON.stringify(snapshot),
        sent_at: tx.now,
        sent_by_user_id: actor.userId,
        version,
        amount_cents: amount,
        valid_until: until,
        reminder_sent_at: null,
      });
      file.edit({ offerSentAt: tx.now });
      file.journal(
        input.kind === 'quote'
          ? {
              action: 'offer.quote_sent',
              details: { number, totalCents: totals.totalCents, validUntil: until },
            }
          : {
              action: 'offer.payment_link_sent',
              details: { number, amountCents: amount ?? 0, validUntil: until },
            },
      );
      if (customer) {
        const link = await privateLinkOf(deps, tx, { schoolId: actor.schoolId, id: requestId });
        file.enqueue(offerEmail({ schoolId: actor.schoolId, requestId, offerId, snapshot }, link, customer));
      }
      return until;
    });
    await setRequestOfferValidUntil(tx.trx, actor.schoolId, requestId, validUntil);
    const answer = await devisOf(tx, actor, requestId, language);
    crashPoint('offer.before-commit');
    return answer;
  });
  crashPoint('offer.after-commit');
  return devis;
}

/** What a payment link asks for, refused with a message on the `amount` field when it cannot be paid. */
function amountOf(amount: PaymentLinkAmount, total: Cents, paid: Cents, deposit: Cents): Cents {
  const due = amountDueOf(total, paid);
  if (due === 0) throw validation({ amount: OFFER_MESSAGES.nothingDue });
  const asked = amount === 'balance' ? due : amount === 'deposit' ? deposit : amount.cents;
  if (!Number.isSafeInteger(asked)) throw validation({ amount: OFFER_MESSAGES.invalidAmount });
  if (asked <= 0) throw validation({ amount: OFFER_MESSAGES.amountZero });
  if (asked > due) throw validation({ amount: OFFER_MESSAGES.amountAboveDue });
  return cents(asked);
}

/** A line's label as the customer reads it: the school's words, or the custom lesson's generated label. */
function lineLabel(
  line: { label: string; label_key: string | null; label_params_json: string | null },
  customLessonLabel: string,
): string {
  const keyed = readKeyedText(line.label_key, line.label_params_json);
  if (keyed?.key === 'line.custom_lesson') {
    const p = keyed.params;
    return [customLessonLabel, p.practice, `${p.sessions} × ${p.duration}`].filter(Boolean).join(' — ');
  }
  return line.label || customLessonLabel;
}

/** The customer e-mail of a sent quote or payment link (rendered at delivery, the quote PDF attached). */
export function offerEmail(
  offer: { schoolId: string; requestId: string; offerId: string; snapshot: OfferSnapshot },
  link: string,
  customer: { email: string; firstName: string; language: string },
) {
  const { snapshot } = offer;
  const common = {
    schoolId: offer.schoolId,
    requestId: offer.requestId,
    to: customer.email,
    firstName: customer.firstName,
    language: customer.language,
    fileNumber: snapshot.fileNumber,
    link,
  };
  const facts = { offerId: offer.offerId, offerNumber: snapshot.number, validUntil: snapshot.validUntil };
  return customerEmail({
    ...common,
    params:
      snapshot.kind === 'quote'
        ? { template: 'quote', ...facts, totalCents: snapshot.totals.totalCents }
        : {
            template: 'payment_link',
            ...facts,
            amountCents: snapshot.amountCents ?? snapshot.totals.totalCents,
          },
  });
}
