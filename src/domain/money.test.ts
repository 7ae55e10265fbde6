import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  amountDue,
  type Cents,
  cents,
  formatMoney,
  multiply,
  parseEuros,
  percentOf,
  subtract,
  sum,
  vatIncluded,
  ZERO,
} from './money.js';

/** Intl separates groups and the currency with (narrow) no-break spaces; compare on plain spaces. */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** Realistic amounts: up to ±10 million euros, so that amount × 10 000 stays a safe integer. */
const amountArb = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(cents);
const basisPointsArb = fc.integer({ min: 0, max: 10_000 });

describe('cents', () => {
  it('accepts integer amounts, including zero and negatives', () => {
    expect(cents(0)).toBe(0);
    expect(cents(12_345)).toBe(12_345);
    expect(cents(-300)).toBe(-300);
  });

  it('refuses fractions of a cent, NaN, infinities and unsafe integers', () => {
    expect(() => cents(12.5)).toThrow(RangeError);
    expect(() => cents(0.1 + 0.2)).toThrow(RangeError);
    expect(() => cents(Number.NaN)).toThrow(RangeError);
    expect(() => cents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => cents(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('add, subtract, multiply, sum', () => {
  it('adds and subtracts cents exactly', () => {
    expect(add(cents(1_050), cents(2_099), cents(1))).toBe(3_150);
    expect(add()).toBe(ZERO);
    expect(subtract(cents(1_000), cents(1_250))).toBe(-250);
  });

  it('multiplies a unit price by an integer quantity only', () => {
    expect(multiply(cents(4_500), 3)).toBe(13_500);
    expect(() => multiply(cents(4_500), 1.5)).toThrow(RangeError);
  });

  it('sums a list, zero when empty', () => {
    expect(sum([cents(10), cents(20), cents(-5)])).toBe(25);
    expect(sum([])).toBe(0);
  });

  it('sums in any order and grouping to the same total', () => {
    fc.assert(
      fc.property(amountArb, amountArb, amountArb, (a, b, c) => {
        expect(add(add(a, b), c)).toBe(add(a, add(b, c)));
        expect(add(a, b)).toBe(add(b, a));
        expect(sum([a, b, c])).toBe(sum([c, a, b]));
        expect(subtract(add(a, b), b)).toBe(a);
      }),
    );
  });
});

describe('percentOf', () => {
  it('takes a 30 % deposit of 100,01 € as 30,00 € (3000,3 rounds down)', () => {
    expect(percentOf(cents(10_001), 3_000)).toBe(3_000);
  });

  it('rounds exactly half a cent up', () => {
    // 15 % of 10 cents = 1,5 → 2; 50 % of 1 cent = 0,5 → 1.
    expect(percentOf(cents(10), 1_500)).toBe(2);
    expect(percentOf(cents(1), 5_000)).toBe(1);
    // 30 % of 100,05 € = 3001,5 → 3002.
    expect(percentOf(cents(10_005), 3_000)).toBe(3_002);
  });

  it('rounds 33,33 % to the nearest cent', () => {
    expect(percentOf(cents(10_000), 3_333)).toBe(3_333);
    // 33,33 % of 100,01 € = 3333,3333 → 3333.
    expect(percentOf(cents(10_001), 3_333)).toBe(3_333);
    // 33,33 % of 299,99 € = 9998,6667 → 9999.
    expect(percentOf(cents(29_999), 3_333)).toBe(9_999);
    // 33,33 % of 150 € = 4999,5 → 5000 (half up).
    expect(percentOf(cents(15_000), 3_333)).toBe(5_000);
  });

  it('rounds negative halves away from zero', () => {
    expect(percentOf(cents(-1), 5_000)).toBe(-1);
    expect(percentOf(cents(-10_001), 3_000)).toBe(-3_000);
  });

  it('gives 0 at 0 % and the whole amount at 100 %', () => {
    expect(percentOf(cents(12_345), 0)).toBe(0);
    expect(percentOf(cents(12_345), 10_000)).toBe(12_345);
  });

  it('refuses percentages outside 0–100 % or not in whole basis points', () => {
    expect(() => percentOf(cents(100), -1)).toThrow(RangeError);
    expect(() => percentOf(cents(100), 10_001)).toThrow(RangeError);
    expect(() => percentOf(cents(100), 33.33)).toThrow(RangeError);
  });

  it('stays between floor and ceiling of the exact value, at the nearest cent', () => {
    fc.assert(
      fc.property(amountArb, basisPointsArb, (amount, bp) => {
        const result = percentOf(amount, bp);
        // Exact arithmetic in BigInt: 10 000 × result must be within 5 000 of amount × bp.
        const exact = BigInt(amount) * BigInt(bp);
        const scaled = BigInt(result) * 10_000n;
        const floor = exact >= 0n ? exact / 10_000n : -((-exact + 9_999n) / 10_000n);
        expect(BigInt(result) >= floor && BigInt(result) <= floor + 1n).toBe(true);
        const distance = scaled > exact ? scaled - exact : exact - scaled;
        expect(distance <= 5_000n).toBe(true);
        expect(Number.isSafeInteger(result)).toBe(true);
      }),
    );
  });

  it('returns the amount itself at 100 %', () => {
    fc.assert(
      fc.property(amountArb, (amount) => {
        expect(percentOf(amount, 10_000)).toBe(amount);
      }),
    );
  });

  it('refuses an amount too large to compute exactly rather than returning a wrong one', () => {
    expect(() => percentOf(cents(Number.MAX_SAFE_INTEGER), 10_000)).toThrow(RangeError);
  });

  it('over every safe amount, is either the exactly rounded value or a RangeError, never a wrong number', () => {
    const anyCentsArb = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).map(cents);
    fc.assert(
      fc.property(anyCentsArb, basisPointsArb, (amount, bp) => {
        const exact = BigInt(amount) * BigInt(bp);
        const magnitude = exact < 0n ? -exact : exact;
        const rounded = (magnitude + 5_000n) / 10_000n;
        const expected = exact < 0n ? -rounded : rounded;
        let result: Cents;
        try {
          result = percentOf(amount, bp);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect(Number.isSafeInteger(amount * bp)).toBe(false);
          return;
        }
        expect(BigInt(result)).toBe(expected);
      }),
    );
  });

  it('never exceeds the amount for positive amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }).map(cents), basisPointsArb, (amount, bp) => {
        const result = percentOf(amount, bp);
        expect(result).toBeGreaterThanOrEqual(0);
        expect(result).toBeLessThanOrEqual(amount);
      }),
    );
  });
});

describe('vatIncluded', () => {
  it('finds 20,00 € of VAT in 120,00 € TTC at 20 %', () => {
    expect(vatIncluded(cents(12_000), 2_000)).toBe(2_000);
  });

  it('finds 10,00 € of VAT in 110,00 € TTC at 10 %', () => {
    expect(vatIncluded(cents(11_000), 1_000)).toBe(1_000);
  });

  it('rounds the VAT to the nearest cent', () => {
    // 100,00 € TTC at 20 %: 10000 / 6 = 1666,67 → 1667.
    expect(vatIncluded(cents(10_000), 2_000)).toBe(1_667);
    // 100,00 € TTC at 10 %: 10000 / 11 = 909,09 → 909.
    expect(vatIncluded(cents(10_000), 1_000)).toBe(909);
    // 0,09 € TTC at 20 %: 9 / 6 = 1,5 → 2 (half up).
    expect(vatIncluded(cents(9), 2_000)).toBe(2);
  });

  it('is zero at a 0 % rate', () => {
    expect(vatIncluded(cents(12_000), 0)).toBe(0);
  });

  it('refuses a price too large to compute exactly rather than returning a wrong VAT', () => {
    expect(() => vatIncluded(cents(Number.MAX_SAFE_INTEGER), 2_000)).toThrow(RangeError);
  });

  it('refuses negative or fractional rates', () => {
    expect(() => vatIncluded(cents(12_000), -1)).toThrow(RangeError);
    expect(() => vatIncluded(cents(12_000), 19.6)).toThrow(RangeError);
  });

  it('leaves a net price that, taxed again, gives back the TTC price within a cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }).map(cents),
        fc.constantFrom(550, 1_000, 2_000),
        (ttc, rate) => {
          const vat = vatIncluded(ttc, rate);
          const net = ttc - vat;
          const retaxed = net + (net * rate) / 10_000;
          expect(Math.abs(retaxed - ttc)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('amountDue', () => {
  it('is what remains to pay', () => {
    expect(amountDue(cents(10_000), cents(3_000))).toBe(7_000);
    expect(amountDue(cents(10_000), cents(10_000))).toBe(0);
  });

  it('is zero, not negative, after an overpayment', () => {
    expect(amountDue(cents(10_000), cents(12_500))).toBe(0);
  });

  it('is never negative and never more than the total when something was paid', () => {
    fc.assert(
      fc.property(amountArb, amountArb, (total, paid) => {
        const due = amountDue(total, paid);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(due).toBe(Math.max(0, total - paid));
      }),
    );
  });
});

describe('parseEuros', () => {
  it.each([
    ['12', 1_200],
    ['12,5', 1_250],
    ['12,50', 1_250],
    ['12.50', 1_250],
    ['0,05', 5],
    ['1 234,56', 123_456],
    ['1\u00a0234,56', 123_456],
    ['1\u202f234,56 €', 123_456],
    ['  45 € ', 4_500],
    ['-3', -300],
    ['-3,10', -310],
  ])('reads %j as %i cents', (text, expected) => {
    expect(parseEuros(text)).toBe(expected);
  });

  it.each(['', '   ', 'abc', '12,345', '12.', '1,234,56', '1.234,56', '12a', '--3', '+3', '1e3', '€', '3-'])(
    'refuses %j',
    (text) => {
      expect(parseEuros(text)).toBeNull();
    },
  );

  it('refuses an amount too large to be held exactly in cents instead of throwing', () => {
    expect(parseEuros('99999999999999999')).toBeNull();
    expect(parseEuros('1'.repeat(30))).toBeNull();
    expect(parseEuros('90071992547409,91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads back what it would format as cents, for any amount', () => {
    fc.assert(
      fc.property(amountArb, (amount) => {
        const abs = Math.abs(amount);
        const text = `${amount < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
        expect(parseEuros(text)).toBe(amount);
      }),
    );
  });
});

describe('formatMoney', () => {
  it('formats cents in French as "1 234,56 €"', () => {
    expect(plainSpaces(formatMoney(cents(123_456)))).toBe('1 234,56 €');
  });

  it('keeps both decimals', () => {
    expect(plainSpaces(formatMoney(cents(5)))).toBe('0,05 €');
    expect(plainSpaces(formatMoney(cents(1_200)))).toBe('12,00 €');
    expect(plainSpaces(formatMoney(ZERO))).toBe('0,00 €');
  });

  it('puts the minus sign in front of a negative amount', () => {
    expect(plainSpaces(formatMoney(cents(-123_456)))).toBe('-1 234,56 €');
  });

  it('writes the exact cents of amounts too large for a float to hold as euros', () => {
    expect(plainSpaces(formatMoney(cents(900_719_925_474_099)))).toBe('9 007 199 254 740,99 €');
    // 90071992547409.91 is no float: as one, Intl would write …409,90 €.
    expect(plainSpaces(formatMoney(cents(Number.MAX_SAFE_INTEGER)))).toBe('90 071 992 547 409,91 €');
    expect(plainSpaces(formatMoney(cents(Number.MIN_SAFE_INTEGER)))).toBe('-90 071 992 547 409,91 €');
    expect(formatMoney(cents(Number.MAX_SAFE_INTEGER - 2), 'en-GB')).toBe('€90,071,992,547,409.89');
  });

  it('writes negative amounts exactly, the sign where the locale puts it', () => {
    expect(plainSpaces(formatMoney(cents(-5)))).toBe('-0,05 €');
    expect(plainSpaces(formatMoney(cents(-900_719_925_474_099)))).toBe('-9 007 199 254 740,99 €');
    expect(formatMoney(cents(-123_456), 'en-GB')).toBe('-€1,234.56');
  });

  it('writes every safe amount digit for digit, whatever its size', () => {
    const anyCentsArb = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).map(cents);
    fc.assert(
      fc.property(anyCentsArb, (amount) => {
        const exact = BigInt(amount);
        const abs = exact < 0n ? -exact : exact;
        const expected = `${exact < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        expect(formatMoney(amount, 'en-US', 'USD').replace(/[$,]/g, '')).toBe(expected);
      }),
    );
  });

  it('refuses a fraction of a cent rather than writing a wrong amount', () => {
    expect(() => formatMoney(12.5 as Cents)).toThrow(RangeError);
  });

  it('follows the locale and currency it is given', () => {
    expect(formatMoney(cents(123_456), 'en-US', 'USD')).toBe('$1,234.56');
  });

  it('formats amounts that parseEuros reads back to the same cents', () => {
    fc.assert(
      fc.property(amountArb, (amount) => {
        expect(parseEuros(plainSpaces(formatMoney(amount)).replace(/\s/g, ''))).toBe(amount);
      }),
    );
  });
});
