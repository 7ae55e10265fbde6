import { type Cents, multiply } from './money.js';

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

/** What a catalogue price is for (as `PRICE_UNITS` in the sales contract). */
export type LinePriceUnit = 'participant' | 'session' | 'hour' | 'file';

/** What a line's quantity is counted from. */
export interface QuantityFacts {
  participants: number;
  /** Days the session runs, first and last included. */
  sessionDays: number;
  /** Hours taught, when known as a whole number; null = unknown (counted as 1). */
  hours: number | null;
}

/**
 * How many units of its price a line holds: one per participant, per day of the session, per
 * hour (1 when the hours are unknown), or one for the whole file. Always a whole number ≥ 1, so
 * the total is exactly unit × quantity.
 */
export function quantityOf(unit: LinePriceUnit, facts: QuantityFacts): number {
  const atLeastOne = (n: number | null) => (n !== null && Number.isSafeInteger(n) && n >= 1 ? n : 1);
  switch (unit) {
    case 'participant':
      return atLeastOne(facts.participants);
    case 'session':
      return atLeastOne(facts.sessionDays);
    case 'hour':
      return atLeastOne(facts.hours);
    case 'file':
      return 1;
    default: {
      const never: never = unit;
      return never;
    }
  }
}

export interface LinePrice {
  quantity: number;
  unitPriceCents: Cents;
  totalCents: Cents;
}

/** A line's price as stored: the total is the unit price times the quantity, to the cent. */
export function priceOf(unitPriceCents: Cents, quantity: number): LinePrice {
  return { quantity, unitPriceCents, totalCents: multiply(unitPriceCents, quantity) };
}

/** Days from `from` to `to`, both included ("YYYY-MM-DD" calendar days, no time zone involved). */
export function daysInclusive(from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  return Math.max(1, Math.round((end - start) / 86_400_000) + 1);
}

/**
 * The whole hours a session teaches (days × the daily span), or null when the span is not a
 * whole number of hours: an hourly price then counts one unit rather than round money.
 */
export function sessionHours(days: number, startTime: string, endTime: string): number | null {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const span = minutes(endTime) - minutes(startTime);
  if (span <= 0 || span % 60 !== 0) return null;
  return (span / 60) * days;
}
