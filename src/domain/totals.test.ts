import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, cents } from './money.js';
import { totalsOf } from './totals.js';

const RATES = [0, 550, 1000, 2000];
const lineArb = fc.record({
  isActive: fc.boolean(),
  totalCents: fc.integer({ min: 0, max: 2_000_000 }).map(cents),
  vatRateBp: fc.constantFrom(...RATES),
});

describe('totals of a dossier', () => {
  it('sums the active lines to the total, to the cent', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), (lines) => {
        const expected = lines.filter((l) => l.isActive).reduce((s, l) => s + l.totalCents, 0);
        expect(totalsOf(lines).totalCents).toBe(expected);
      }),
    );
  });

  it('splits every VAT row and the whole exactly: HT + TVA = TTC, and the rows sum to the totals', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), (lines) => {
        const t = totalsOf(lines);
        for (const row of t.vat) expect(add(row.netCents, row.vatCents)).toBe(row.totalCents);
        expect(add(t.netCents, t.vatCents)).toBe(t.totalCents);
        expect(t.vat.reduce((s, r) => s + r.vatCents, 0)).toBe(t.vatCents);
        expect(new Set(t.vat.map((r) => r.rateBp)).size).toBe(t.vat.length);
      }),
    );
  });

  it('extracts French VAT from TTC prices, rounding half up once per rate', () => {
    const t = totalsOf([
      { isActive: true, totalCents: cents(12_000), vatRateBp: 1000 },
      { isActive: true, totalCents: cents(4_500), vatRateBp: 1000 },
      { isActive: true, totalCents: cents(1_000), vatRateBp: 2000 },
      { isActive: false, totalCents: cents(9_999), vatRateBp: 2000 },
    ]);
    // 165,00 € TTC at 10 %: 15,00 € of VAT; 10,00 € TTC at 20 %: 1,67 €.
    expect(t.vat).toEqual([
      { rateBp: 2000, totalCents: 1_000, vatCents: 167, netCents: 833 },
      { rateBp: 1000, totalCents: 16_500, vatCents: 1_500, netCents: 15_000 },
    ]);
    expect(t).toMatchObject({ totalCents: 17_500, vatCents: 1_667, netCents: 15_833 });
  });
});
