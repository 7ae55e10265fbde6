import { type Cents, cents } from './money.js';
import { amountDueOf } from './totals.js';

/**
 * What the customer's "Payer" button may offer, from the file's facts alone — one rule shared by
 * the portal (which buttons it shows) and the checkout (which amount it accepts):
 * - nothing while online payment is not allowed ("Autoriser le paiement en ligne" unticked), the
 *   file is archived, nothing was sent, the latest quote or link has expired, or nothing is due;
 * - a payment link for a deposit offers that deposit (what remains of it) and the whole balance;
 *   once the deposit is paid, the balance;
 * - a payment link for the balance, or a quote, offers the balance — a quote also the deposit
 *   the file's rule asks (its own, else the school's) while nothing is paid yet.
 */
export type PayPurpose = 'deposit' | 'balance';

export interface PayOption {
  purpose: PayPurpose;
  amountCents: Cents;
}

export interface PayFacts {
  isOnlinePaymentAllowed: boolean;
  isArchived: boolean;
  /** The latest quote or payment link sent (the customer always sees the latest). */
  latestOffer: {
    kind: 'quote' | 'payment_link';
    amountCents: Cents | null;
    validUntil: string | null;
    /**
     * What was already paid when it was sent: a payment link asks its amount on top of that
     * (a link for the balance after a deposit is no deposit link).
     */
    paidBeforeCents: Cents;
  } | null;
  /** Today in the school's time zone, "YYYY-MM-DD". */
  today: string;
  totalCents: Cents;
  paidCents: Cents;
  /**
   * The deposit the file's rule asks of its total, in cents (a percentage of it, or a fixed
   * amount — the file's own rule, else the school's); 0: no deposit.
   */
  depositCents: Cents;
}

export function payOptionsOf(facts: PayFacts): PayOption[] {
  const offer = facts.latestOffer;
  if (!facts.isOnlinePaymentAllowed || facts.isArchived || offer === null) return [];
  if (offer.validUntil !== null && offer.validUntil < facts.today) return [];
  const due = amountDueOf(facts.totalCents, facts.paidCents);
  if (due <= 0) return [];
  const balance: PayOption = { purpose: 'balance', amountCents: due };
  let deposit: Cents | null = null;
  if (offer.kind === 'payment_link' && offer.amountCents !== null) {
    const left = offer.paidBeforeCents + offer.amountCents - facts.paidCents;
    if (left > 0 && left < due) deposit = cents(left);
  } else if (offer.kind === 'quote' && facts.paidCents === 0 && facts.depositCents > 0) {
    if (facts.depositCents < due) deposit = facts.depositCents;
  }
  return deposit === null ? [balance] : [{ purpose: 'deposit', amountCents: deposit }, balance];
}

/**
 * The deposit step of the customer's schedule: what a payment link for a deposit asks, or the
 * deposit a quote's file rule asks; null when there is none (a link for the balance, no deposit).
 */
export function scheduledDepositOf(
  facts: Pick<PayFacts, 'latestOffer' | 'depositCents' | 'totalCents'>,
): Cents | null {
  const offer = facts.latestOffer;
  if (offer === null) return null;
  // A link's deposit step is reached once what was paid before it plus what it asks is paid.
  const asked =
    offer.kind === 'payment_link'
      ? offer.amountCents === null
        ? null
        : offer.paidBeforeCents + offer.amountCents
      : facts.depositCents;
  return asked !== null && asked > 0 && asked < facts.totalCents ? cents(asked) : null;
}
