import { describe, expect, it } from 'vitest';
import { cents } from './money.js';
import { type PayFacts, payOptionsOf, scheduledDepositOf } from './pay-options.js';

const base: PayFacts = {
  isOnlinePaymentAllowed: true,
  isArchived: false,
  latestOffer: {
    kind: 'payment_link',
    amountCents: cents(9_000),
    validUntil: '2026-12-20',
    paidBeforeCents: cents(0),
  },
  today: '2026-12-10',
  totalCents: cents(30_000),
  paidCents: cents(0),
  depositCents: cents(9_000),
};

describe('payOptionsOf', () => {
  it('a link for the balance sent after a deposit offers the balance only, never a "deposit"', () => {
    // 90 € paid, then "Envoyer un lien de paiement" for the 210 € left: it asks 210 € on top of 90 €.
    const balanceLink: PayFacts = {
      ...base,
      paidCents: cents(9_000),
      latestOffer: {
        kind: 'payment_link',
        amountCents: cents(21_000),
        validUntil: '2026-12-20',
        paidBeforeCents: cents(9_000),
      },
    };
    expect(payOptionsOf(balanceLink)).toEqual([{ purpose: 'balance', amountCents: 21_000 }]);
    expect(scheduledDepositOf(balanceLink)).toBeNull();
    // A second deposit link after a first payment: what it asks on top of what was paid.
    const secondDeposit: PayFacts = {
      ...balanceLink,
      latestOffer: { ...balanceLink.latestOffer!, amountCents: cents(6_000) },
    };
    expect(payOptionsOf(secondDeposit)).toEqual([
      { purpose: 'deposit', amountCents: 6_000 },
      { purpose: 'balance', amountCents: 21_000 },
    ]);
    expect(scheduledDepositOf(secondDeposit)).toBe(15_000);
  });

  it('a deposit link offers the deposit and the whole balance', () => {
    expect(payOptionsOf(base)).toEqual([
      { purpose: 'deposit', amountCents: 9_000 },
      { purpose: 'balance', amountCents: 30_000 },
    ]);
  });

  it('once the deposit is paid, only the balance; what remains of a partly paid deposit before', () => {
    expect(payOptionsOf({ ...base, paidCents: cents(9_000) })).toEqual([
      { purpose: 'balance', amountCents: 21_000 },
    ]);
    expect(payOptionsOf({ ...base, paidCents: cents(4_000) })).toEqual([
      { purpose: 'deposit', amountCents: 5_000 },
      { purpose: 'balance', amountCents: 26_000 },
    ]);
  });

  it('a quote offers the balance, and the deposit of the file’s rule while nothing is paid', () => {
    const quote = {
      ...base,
      latestOffer: {
        kind: 'quote' as const,
        amountCents: null,
        validUntil: '2026-12-20',
        paidBeforeCents: cents(0),
      },
    };
    expect(payOptionsOf(quote)).toEqual([
      { purpose: 'deposit', amountCents: 9_000 },
      { purpose: 'balance', amountCents: 30_000 },
    ]);
    expect(payOptionsOf({ ...quote, depositCents: cents(0) })).toEqual([
      { purpose: 'balance', amountCents: 30_000 },
    ]);
    // A fixed-amount rule is taken to the cent (not rounded through a percentage of the total).
    expect(payOptionsOf({ ...quote, totalCents: cents(29_999), depositCents: cents(10_001) })).toEqual([
      { purpose: 'deposit', amountCents: 10_001 },
      { purpose: 'balance', amountCents: 29_999 },
    ]);
    // A deposit that is the whole total is no deposit: the balance only.
    expect(payOptionsOf({ ...quote, depositCents: cents(30_000) })).toEqual([
      { purpose: 'balance', amountCents: 30_000 },
    ]);
    expect(payOptionsOf({ ...quote, paidCents: cents(100) })).toEqual([
      { purpose: 'balance', amountCents: 29_900 },
    ]);
  });

  it('offers nothing when not allowed, archived, unsent, expired or fully paid', () => {
    expect(payOptionsOf({ ...base, isOnlinePaymentAllowed: false })).toEqual([]);
    expect(payOptionsOf({ ...base, isArchived: true })).toEqual([]);
    expect(payOptionsOf({ ...base, latestOffer: null })).toEqual([]);
    expect(payOptionsOf({ ...base, today: '2026-12-21' })).toEqual([]);
    expect(payOptionsOf({ ...base, today: '2026-12-20' })).toHaveLength(2);
    expect(payOptionsOf({ ...base, paidCents: cents(30_000) })).toEqual([]);
  });

  it('the schedule’s deposit step: the link’s deposit, the quote’s rule, none for a balance link', () => {
    expect(scheduledDepositOf(base)).toBe(9_000);
    const quote = {
      ...base,
      latestOffer: { kind: 'quote' as const, amountCents: null, validUntil: null, paidBeforeCents: cents(0) },
    };
    expect(scheduledDepositOf({ ...quote, depositCents: cents(5_000) })).toBe(5_000);
    expect(scheduledDepositOf({ ...quote, depositCents: cents(0) })).toBeNull();
    const balanceLink = {
      kind: 'payment_link' as const,
      amountCents: cents(30_000),
      validUntil: null,
      paidBeforeCents: cents(0),
    };
    expect(scheduledDepositOf({ ...base, latestOffer: balanceLink })).toBeNull();
    expect(scheduledDepositOf({ ...base, latestOffer: null })).toBeNull();
  });
});
