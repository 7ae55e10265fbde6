import { type Cents, sum } from './money.js';

/**
 * The tabs of Schuss. A request's status is never set by hand: it is derived by `deriveStatus`
 * from facts, and only stored as a materialised column so that lists can be indexed.
 */
export const STATUSES = [
  'request',
  'new',
  'in_progress',
  'awaiting_payment',
  'deposit_paid',
  'paid',
  'processed',
  'archived',
] as const;
export type Status = (typeof STATUSES)[number];

/** The seven tabs of "Gestion des dossiers", in their order on screen. */
export const DOSSIER_TABS = [
  'new',
  'in_progress',
  'awaiting_payment',
  'deposit_paid',
  'paid',
  'processed',
  'archived',
] as const satisfies readonly Status[];

export const SOURCES = ['vel', 'contact', 'custom', 'email', 'staff'] as const;
export type Source = (typeof SOURCES)[number];

export interface StatusLine {
  /** false when removed by the customer (an optional extra) or deleted by staff. */
  isActive: boolean;
  totalCents: Cents;
  /** Sold through the online sale (VEL catalogue): the POS software imports it. */
  isOnlineSale: boolean;
  /** Set once the POS software acknowledged the import of this line. */
  isPosImported: boolean;
}

export interface StatusFacts {
  source: Source;
  archivedAt: string | null;
  customValidatedAt: string | null;
  offerSentAt: string | null;
  isEnteredInPos: boolean;
  lines: readonly StatusLine[];
  /** Net of refunds. */
  paidCents: Cents;
}

/** Total of the active lines. */
export function activeTotal(lines: readonly StatusLine[]): Cents {
  return sum(lines.filter((line) => line.isActive).map((line) => line.totalCents));
}

/**
 * Processed: every active line sold online was imported by the POS software, and if the dossier
 * has active lines not sold online, staff ticked "Saisi dans logiciel". Mixed dossiers need both.
 */
export function isProcessed(lines: readonly StatusLine[], isEnteredInPos: boolean): boolean {
  const active = lines.filter((l) => l.isActive);
  const online = active.filter((l) => l.isOnlineSale);
  const offline = active.filter((l) => !l.isOnlineSale);
  if (online.some((l) => !l.isPosImported)) return false;
  if (offline.length > 0 && !isEnteredInPos) return false;
  return active.length > 0;
}

/** The status rule of DESIGN.md, line by line, first match wins. */
export function deriveStatus(facts: StatusFacts): Status {
  if (facts.archivedAt !== null) return 'archived';
  const hasActiveLine = facts.lines.some((l) => l.isActive);
  if (!hasActiveLine && facts.source !== 'custom') return 'request';
  if (facts.source === 'custom' && facts.customValidatedAt === null) return 'new';
  const total = activeTotal(facts.lines);
  const paid = facts.paidCents;
  if (total > 0 && paid >= total) {
    return isProcessed(facts.lines, facts.isEnteredInPos) ? 'processed' : 'paid';
  }
  if (paid > 0 && paid < total) return 'deposit_paid';
  if (facts.offerSentAt !== null) return 'awaiting_payment';
  return 'in_progress';
}

/** A simple request lives in "Gestion des demandes"; everything else in "Gestion des dossiers". */
export function isDossierStatus(status: Status): boolean {
  switch (status) {
    case 'request':
      return false;
    case 'new':
    case 'in_progress':
    case 'awaiting_payment':
    case 'deposit_paid':
    case 'paid':
    case 'processed':
    case 'archived':
      return true;
    default: {
      const unreachable: never = status;
      throw new Error(`Unknown status ${String(unreachable)}`);
    }
  }
}
