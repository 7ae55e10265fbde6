import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysInclusive,
  isLineToBePriced,
  isTotalToBePriced,
  type LinePriceUnit,
  type PricingLine,
  priceOf,
  quantityOf,
  sessionHours,
} from './line-pricing.js';
import { cents } from './money.js';

const line = (overrides: Partial<PricingLine> = {}): PricingLine => ({
  kind: 'custom',
  isActive: true,
  unitPriceCents: 0,
  ...overrides,
});

describe('lines to be priced ("à chiffrer")', () => {
  it('a custom lesson without a price is to be priced; once priced it is not', () => {
    expect(isLineToBePriced(line())).toBe(true);
    expect(isLineToBePriced(line({ unitPriceCents: 4500 }))).toBe(false);
  });

  it('catalogue products and extras are never to be priced, even at 0 €', () => {
    expect(isLineToBePriced(line({ kind: 'catalog' }))).toBe(false);
    expect(isLineToBePriced(line({ kind: 'extra' }))).toBe(false);
  });

  it('the total waits for a price only while an active line does', () => {
    expect(isTotalToBePriced([line({ kind: 'catalog', unitPriceCents: 9000 }), line()])).toBe(true);
    expect(
      isTotalToBePriced([line({ kind: 'catalog', unitPriceCents: 9000 }), line({ isActive: false })]),
    ).toBe(false);
    expect(isTotalToBePriced([])).toBe(false);
  });
});

const UNITS: LinePriceUnit[] = ['participant', 'session', 'hour', 'file'];
const factsArb = fc.record({
  participants: fc.integer({ min: 0, max: 12 }),
  sessionDays: fc.integer({ min: 1, max: 14 }),
  hours: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
});

describe('the price of a line', () => {
  it('is the unit price times the quantity, to the cent, whatever the unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }).map(cents),
        fc.constantFrom(...UNITS),
        factsArb,
        (unit, priceUnit, facts) => {
          const quantity = quantityOf(priceUnit, facts);
          const price = priceOf(unit, quantity);
          expect(Number.isSafeInteger(price.totalCents)).toBe(true);
          expect(price.totalCents).toBe(unit * quantity);
          expect(price.quantity).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });

  it('counts participants, session days, hours (1 when unknown) or one per file', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        expect(quantityOf('participant', facts)).toBe(Math.max(1, facts.participants));
        expect(quantityOf('session', facts)).toBe(facts.sessionDays);
        expect(quantityOf('hour', facts)).toBe(facts.hours && facts.hours >= 1 ? facts.hours : 1);
        expect(quantityOf('file', facts)).toBe(1);
      }),
    );
  });

  it('counts a session’s days with both ends, across months', () => {
    expect(daysInclusive('2026-12-21', '2026-12-26')).toBe(6);
    expect(daysInclusive('2026-12-30', '2027-01-02')).toBe(4);
    expect(daysInclusive('2027-02-14', '2027-02-14')).toBe(1);
  });

  it('knows a session’s hours only when its daily span is whole hours', () => {
    expect(sessionHours(5, '09:00', '11:00')).toBe(10);
    expect(sessionHours(1, '09:00', '10:30')).toBeNull();
    expect(sessionHours(1, '14:00', '14:00')).toBeNull();
  });
});
