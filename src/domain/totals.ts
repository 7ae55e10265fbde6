/**
 * The totals of a dossier as a quote prints them: French prices are TTC (VAT included), so the
 * VAT is extracted per rate from the TTC amount of each rate (not per line: the quote shows one
 * row per rate, and rounding once per rate keeps "HT + TVA = TTC" exact on every row). Computed
 * only with the money module.
 *
 * Rounding, documented: per VAT rate, vat = round_half_up(ttc × rate / (1 + rate)), ht = ttc − vat.
 * So Σ ht + Σ vat = Σ ttc = the total, to the cent, whatever the rates.
 */
import { type Cents, cents, subtract, sum, vatIncluded } from './money.js';

export interface TotalLine {
  isActive: boolean;
  totalCents: Cents;
  vatRateBp: number;
}

export interface VatRow {
  rateBp: number;
  /** TTC of the lines at this rate. */
  totalCents: Cents;
  netCents: Cents;
  vatCents: Cents;
}

export interface Totals {
  totalCents: Cents;
  netCents: Cents;
  vatCents: Cents;
  vat: VatRow[];
}

/** The active lines' total, and its VAT breakdown by rate (highest rate first). */
export function totalsOf(lines: readonly TotalLine[]): Totals {
  const byRate = new Map<number, Cents[]>();
  for (const line of lines) {
    if (!line.isActive) continue;
    const amounts = byRate.get(line.vatRateBp) ?? [];
    amounts.push(line.totalCents);
    byRate.set(line.vatRateBp, amounts);
  }
  const vat: VatRow[] = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, amounts]) => {
      const totalCents = sum(amounts);
      const vatCents = vatIncluded(totalCents, rateBp);
      return { rateBp, totalCents, vatCents, netCents: subtract(totalCents, vatCents) };
    });
  return {
    totalCents: sum(vat.map((r) => r.totalCents)),
    netCents: sum(vat.map((r) => r.netCents)),
    vatCents: sum(vat.map((r) => r.vatCents)),
    vat,
  };
}

/** What remains to pay (never negative). */
export function amountDueOf(total: Cents, paid: Cents): Cents {
  return cents(Math.max(0, total - paid));
}
