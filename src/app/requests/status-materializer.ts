import {
  adjustStatusCount,
  loadLineFacts,
  loadStoredFacts,
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
 * request's own (`stored`, read from the database after the change, never a caller's copy), its
 * lines and its payments — and writes the status, the totals and the services the lists show,
 * keeping the tab counts in step. The only code that writes `requests.status`.
 */
export interface Materialized {
  status: Status;
  totalCents: Cents;
  paidCents: Cents;
  isToBePriced: boolean;
}

export async function materializeStatus(tx: Tx, facts: StoredFacts): Promise<Materialized> {
  const { schoolId, requestId, stored } = facts;
  const beside = await loadLineFacts(tx.trx, schoolId, requestId);
  const status = deriveStatus({ ...facts, lines: beside.lines, paidCents: beside.paidCents });
  const totalCents = activeTotal(beside.lines);
  const servicesJson = JSON.stringify(beside.serviceLabels.map(serviceLabelOf));
  const isToBePriced = isTotalToBePriced(beside.pricing);
  if (
    status !== stored.status ||
    totalCents !== stored.totalCents ||
    beside.paidCents !== stored.paidCents ||
    servicesJson !== stored.servicesJson ||
    isToBePriced !== stored.isToBePriced
  ) {
    await writeMaterialized(tx.trx, schoolId, requestId, {
      status,
      totalCents,
      paidCents: beside.paidCents,
      servicesJson,
      isToBePriced,
    });
  }
  // The balance's due day follows the money: set once a deposit is paid, gone once nothing is left.
  if (beside.paidCents !== stored.paidCents || totalCents !== stored.totalCents)
    await scheduleBalance(tx, { schoolId, requestId, totalCents, paidCents: beside.paidCents });
  if (status !== stored.status) {
    await adjustStatusCount(tx.trx, schoolId, stored.status, -1);
    await adjustStatusCount(tx.trx, schoolId, status, 1);
    tx.publish({ schoolId, type: 'counts.changed' });
  }
  return { status, totalCents, paidCents: beside.paidCents, isToBePriced };
}

/** Re-derives the status of a request after something beside it changed (its lines, its payments). */
export async function refreshStatus(tx: Tx, schoolId: string, requestId: string): Promise<Materialized> {
  return materializeStatus(tx, await loadStoredFacts(tx.trx, schoolId, requestId));
}

/** A new request counts in its tab from the start. */
export async function countNewRequest(tx: Tx, schoolId: string, status: Status): Promise<void> {
  await adjustStatusCount(tx.trx, schoolId, status, 1);
  tx.publish({ schoolId, type: 'counts.changed' });
}
