import { describe, expect, it } from 'vitest';
import { isLineToBePriced, isTotalToBePriced, type PricingLine } from './line-pricing.js';

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
