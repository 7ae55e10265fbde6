/**
 * Money is integer cents, always. This module is the only place that does arithmetic or
 * rounding on money; everything else passes Cents values around.
 */
declare const centsBrand: unique symbol;
export type Cents = number & { readonly [centsBrand]: true };

export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Money must be an integer number of cents, got ${value}`);
  }
  return value as Cents;
}

export const ZERO = cents(0);

export function add(...values: Cents[]): Cents {
  let total = 0;
  for (const value of values) total += value;
  return cents(total);
}

export function subtract(a: Cents, b: Cents): Cents {
  return cents(a - b);
}

export function multiply(unit: Cents, quantity: number): Cents {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`Quantity must be an integer, got ${quantity}`);
  return cents(unit * quantity);
}

export function sum(values: readonly Cents[]): Cents {
  return add(...values);
}

/** Rounds half away from zero a ratio of integers, exactly (no floats on the money path). */
function roundDivide(numerator: number, denominator: number): number {
  // Beyond 2^53 the product feeding us was already rounded by floats: refuse rather than be wrong.
  if (!Number.isSafeInteger(numerator)) {
    throw new RangeError(`Amount too large to compute exactly: ${numerator}`);
  }
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const quotient = Math.floor(n / d);
  const remainder = n - quotient * d;
  return sign * (remainder * 2 >= d ? quotient + 1 : quotient);
}

/**
 * A percentage of an amount, in basis points (3000 = 30 %), rounded to the cent, half up.
 * Used for deposits: the deposit of 100,01 € at 30 % is 30,00 €.
 */
export function percentOf(amount: Cents, basisPoints: number): Cents {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError(`Percentage must be 0–10000 basis points, got ${basisPoints}`);
  }
  return cents(roundDivide(amount * basisPoints, 10_000));
}

/**
 * The VAT included in a price that already contains it (French prices are shown TTC):
 * vat = ttc × rate / (1 + rate), rate in basis points (2000 = 20 %, 1000 = 10 %).
 */
export function vatIncluded(priceIncludingVat: Cents, rateBasisPoints: number): Cents {
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) {
    throw new RangeError(`VAT rate must be positive basis points, got ${rateBasisPoints}`);
  }
  return cents(roundDivide(priceIncludingVat * rateBasisPoints, 10_000 + rateBasisPoints));
}

/** What remains to pay; never negative (an overpayment leaves 0 due). */
export function amountDue(total: Cents, paid: Cents): Cents {
  return cents(Math.max(0, total - paid));
}

/** Parses a user-typed euro amount ("12", "12,5", "12.50", "1 234,56") into cents, or null. */
export function parseEuros(text: string): Cents | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(value)) return null;
  return cents(sign === '-' ? -value : value);
}

/**
 * The amount as an exact decimal text, "-1234.56": built from integers, so no binary float ever
 * stands between the cents and what people read (a float is off by cents beyond 2^53 / 100 €).
 */
function decimalText(amount: Cents): `${number}` {
  const value = cents(amount);
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const fraction = abs - whole * 100;
  return `${value < 0 ? '-' : ''}${whole}.${String(fraction).padStart(2, '0')}` as `${number}`;
}

/** Building an Intl formatter costs far more than using one: one per locale and currency, kept. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Formats cents for people, in the given locale: 123456 → "1 234,56 €" in French. Exact for every
 * amount Cents can hold: Intl reads a numeric string as the decimal it writes.
 */
export function formatMoney(amount: Cents, locale = 'fr-FR', currency = 'EUR'): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(decimalText(amount));
}

/** The amount as a French user types it in a field: 12050 → "120,50", 36000 → "360" (no symbol, no spaces). */
export function eurosInputText(amount: Cents): string {
  const text = decimalText(amount);
  return text.endsWith('.00') ? text.slice(0, -3) : text.replace('.', ',');
}
