/**
 * A custom lesson is shaped on request: it arrives from the form without a price, and its 0 €
 * means "not priced yet" ("à chiffrer"), never "free". Catalogue products and extras always
 * carry their price.
 */
export interface PricingLine {
  kind: 'catalog' | 'custom' | 'extra';
  isActive: boolean;
  unitPriceCents: number;
}

/** This line still waits for staff to put a price on it. */
export function isLineToBePriced(line: PricingLine): boolean {
  return line.kind === 'custom' && line.unitPriceCents === 0;
}

/** The file's total is not known yet: one of its active lines waits for a price. */
export function isTotalToBePriced(lines: readonly PricingLine[]): boolean {
  return lines.some((line) => line.isActive && isLineToBePriced(line));
}
