import {
  adjustStatusCount,
  type LineFacts,
  loadStatusFacts,
  type MaterializedColumns,
  type StoredFacts,
  writeMaterialized,
} from '../../db/repositories/index.js';
import { isTotalToBePriced } from '../../domain/line-pricing.js';
import type { Cents } from '../../domain/money.js';
import { activeTotal, deriveStatus, type Status } from '../../domain/status.js';
import { scheduleBalance } from '../payments/balance-schedule.js';
import type { Tx } from '../tx.js';
import { serviceLabelOf } from './keyed-text.schemas.js';

/**
 * The status rule applied: derives the status of a request from the facts as stored — the
 * request's own, its lines and its payments, in the transaction after the change wrote them —
 * and says what the row must store: the status, the totals and the services the lists show,
 * keeping the tab counts in step. Only this module decides `requests.status`; the change path
 * writes it with the change, in the one version-guarded UPDATE of the row.
 */
export interface Materialized {
  status: Status;
  totalCents: Cents;
  paidCents: Cents;
  isToBePriced: boolean;
}

/** What the rule derived, and what to write: `columns` is undefined when the row already stores it. */
export interface Derived {
  facts: StoredFacts;
  materialized: Materialized;
  /** Everything the row stores of the rule, as derived. */
  values: MaterializedColumns;
  columns: MaterializedColumns | undefined;
  /** The lines and payments read for it (the Devis answer reuses them). */
  beside: LineFacts;
}

export function deriveMaterialized(facts: StoredFacts, beside: LineFacts): Derived {
  const { stored } = facts;
  const status = deriveStatus({ ...facts, lines: beside.lines, paidCents: beside.paidCents });
  const totalCents = activeTotal(beside.lines);
  const servicesJson = JSON.stringify(beside.serviceLabels.map(serviceLabelOf));
  const isToBePriced = isTotalToBePriced(beside.pricing);
  const isDifferent =
    status !== stored.status ||
    totalCents !== stored.totalCents ||
    beside.paidCents !== stored.paidCents ||
    servicesJson !== stored.servicesJson ||
    isToBePriced !== stored.isToBePriced;
  const values = { status, totalCents, paidCents: beside.paidCents, servicesJson, isToBePriced };
  return {
    facts,
    materialized: { status, totalCents, paidCents: beside.paidCents, isToBePriced },
    values,
    columns: isDifferent ? values : undefined,
    beside,
  };
}

/** The request's own facts (not what was materialised from them) are the same. */
export function isSameOwnFacts(a: StoredFacts, b: StoredFacts): boolean {
  return (
    a.source === b.source &&
    a.archivedAt === b.archivedAt &&
    a.customValidatedAt === b.customValidatedAt &&
    a.offerSentAt === b.offerSentAt &&
    a.isEnteredInPos === b.isEnteredInPos
  );
}

/**
 * What follows from a derived status once the row stores it: the balance's due day follows the
 * money, the tab counts follow the status.
 */
export async function settleMaterialized(tx: Tx, derived: Derived): Promise<void> {
  const { facts, materialized } = derived;
  const { schoolId, requestId, stored } = facts;
  const { status, totalCents, paidCents } = materialized;
  // The balance's due day follows the money: set once a deposit is paid, gone once nothing is left.
  if (paidCents !== stored.paidCents || totalCents !== stored.totalCents)
    await scheduleBalance(tx, { schoolId, requestId, totalCents, paidCents });
  if (status !== stored.status) {
    await adjustStatusCount(tx.trx, schoolId, stored.status, -1);
    await adjustStatusCount(tx.trx, schoolId, status, 1);
    tx.publish({ schoolId, type: 'counts.changed' });
  }
}

/** Re-derives the status of a request after something beside it changed (its lines, its payments). */
export async function refreshStatus(tx: Tx, schoolId: string, requestId: string): Promise<Materialized> {
  const { facts, beside } = await loadStatusFacts(tx.trx, schoolId, requestId);
  const derived = deriveMaterialized(facts, beside);
  if (derived.columns) await writeMaterialized(tx.trx, schoolId, requestId, derived.columns);
  await settleMaterialized(tx, derived);
  return derived.materialized;
}

/** A new request counts in its tab from the start. */
export async function countNewRequest(tx: Tx, schoolId: string, status: Status): Promise<void> {
  await adjustStatusCount(tx.trx, schoolId, status, 1);
  tx.publish({ schoolId, type: 'counts.changed' });
}
