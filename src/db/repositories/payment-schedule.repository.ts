import type { Status } from '../../domain/status.js';
import { preparedQuery } from '../prepared-query.js';
import type { Db } from './db.js';

/**
 * What the "Paiement" onglet reads and writes beside the payments themselves: the staff names of
 * who recorded what, the anomalies of a file, the file's deposit rule and balance schedule, the
 * first lesson's day, and the balance reminders the scheduler sends (marked once each).
 */

/** The names of a school's staff members, by id (for "recorded by", "resolved by"). */
export async function findStaffNames(
  db: Db,
  schoolId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface AnomalyRow {
  id: string;
  reason: string;
  amountCents: number | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByUserId: string | null;
  resolutionNote: string | null;
}

const toAnomaly = (r: {
  id: string;
  reason: string;
  amount_cents: number | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by_user_id: string | null;
  resolution_note: string | null;
}): AnomalyRow => ({
  id: r.id,
  reason: r.reason,
  amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
  resolvedByUserId: r.resolved_by_user_id,
  resolutionNote: r.resolution_note,
});

/** A file's payment anomalies, newest first (open and resolved). */
export async function listAnomaliesOfRequest(db: Db, schoolId: string, requestId: string) {
  const rows = await db
    .selectFrom('payment_anomalies')
    .select([
      'id',
      'reason',
      'amount_cents',
      'created_at',
      'resolved_at',
      'resolved_by_user_id',
      'resolution_note',
    ])
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toAnomaly);
}

export async function findAnomalyOfRequest(
  db: Db,
  schoolId: string,
  requestId: string,
  anomalyId: string,
): Promise<AnomalyRow | undefined> {
  const row = await db
    .selectFrom('payment_anomalies')
    .select([
      'id',
      'reason',
      'amount_cents',
      'created_at',
      'resolved_at',
      'resolved_by_user_id',
      'resolution_note',
    ])
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .where('id', '=', anomalyId)
    .executeTakeFirst();
  return row ? toAnomaly(row) : undefined;
}

/** Marks an open anomaly resolved; false when it was already (a concurrent resolution). */
export async function markAnomalyResolved(
  db: Db,
  write: { schoolId: string; id: string; at: string; userId: string; note: string },
): Promise<boolean> {
  const result = await db
    .updateTable('payment_anomalies')
    .set({ resolved_at: write.at, resolved_by_user_id: write.userId, resolution_note: write.note })
    .where('school_id', '=', write.schoolId)
    .where('id', '=', write.id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface BalanceSchedule {
  depositRuleJson: string | null;
  balanceDueOn: string | null;
  balanceReminderSentAt: string | null;
  balanceOverdueSentAt: string | null;
}

const selectBalanceSchedule = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('requests')
    .select(['deposit_rule_json', 'balance_due_on', 'balance_reminder_sent_at', 'balance_overdue_sent_at'])
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId),
);

export async function findBalanceSchedule(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<BalanceSchedule | undefined> {
  const [row] = await selectBalanceSchedule(db, schoolId, requestId);
  return (
    row && {
      depositRuleJson: row.deposit_rule_json,
      balanceDueOn: row.balance_due_on,
      balanceReminderSentAt: row.balance_reminder_sent_at,
      balanceOverdueSentAt: row.balance_overdue_sent_at,
    }
  );
}

/** The file's own deposit rule (JSON), or null for the school's. */
export async function setDepositRule(
  db: Db,
  schoolId: string,
  requestId: string,
  ruleJson: string | null,
): Promise<void> {
  await db
    .updateTable('requests')
    .set({ deposit_rule_json: ruleJson })
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId)
    .execute();
}

export async function setBalanceDueOn(
  db: Db,
  schoolId: string,
  requestId: string,
  dueOn: string | null,
): Promise<void> {
  await db
    .updateTable('requests')
    .set({ balance_due_on: dueOn })
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId)
    .execute();
}

/** The active lines' catalogue session first days and details (custom lesson dates), to find the first lesson. */
export async function listLessonStarts(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<{ sessionStartsOn: string | null; detailsJson: string }[]> {
  const rows = await selectLessonStarts(db, schoolId, requestId);
  return rows.map((r) => ({ sessionStartsOn: r.starts_on, detailsJson: r.details_json }));
}

// Read whenever what is paid on a file moves (its balance's due day): compiled once.
const selectLessonStarts = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('lines as l')
    .leftJoin('product_sessions as s', (join) =>
      join.onRef('s.id', '=', 'l.session_id').onRef('s.school_id', '=', 'l.school_id'),
    )
    .select(['s.starts_on', 'l.details_json'])
    .where('l.school_id', '=', schoolId)
    .where('l.request_id', '=', requestId)
    .where('l.is_active', '=', 1),
);

export interface BalanceToRemind {
  schoolId: string;
  requestId: string;
  number: string;
  status: Status;
  totalCents: number;
  paidCents: number;
  balanceDueOn: string;
  balanceReminderSentAt: string | null;
  balanceOverdueSentAt: string | null;
  timeZone: string;
  settingsJson: string;
}

/**
 * Files with a deposit paid whose balance falls due by `to` and still has a reminder to send,
 * across schools (the scheduler's sweep; each is then checked in its school's day).
 */
export async function listBalancesToRemind(db: Db, to: string): Promise<BalanceToRemind[]> {
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('schools as s', 's.id', 'r.school_id')
    .select([
      'r.school_id',
      'r.id',
      'r.number',
      'r.status',
      'r.total_cents',
      'r.paid_cents',
      'r.balance_due_on',
      'r.balance_reminder_sent_at',
      'r.balance_overdue_sent_at',
      's.time_zone',
      's.settings_json',
    ])
    .where('r.status', '=', 'deposit_paid')
    .where('r.archived_at', 'is', null)
    .where('r.balance_due_on', 'is not', null)
    .where('r.balance_due_on', '<=', to)
    .where((eb) =>
      eb.or([eb('r.balance_reminder_sent_at', 'is', null), eb('r.balance_overdue_sent_at', 'is', null)]),
    )
    .orderBy('r.balance_due_on')
    .execute();
  return rows.map((r) => ({
    schoolId: r.school_id,
    requestId: r.id,
    number: r.number,
    status: r.status,
    totalCents: Number(r.total_cents),
    paidCents: Number(r.paid_cents),
    balanceDueOn: r.balance_due_on as string,
    balanceReminderSentAt: r.balance_reminder_sent_at,
    balanceOverdueSentAt: r.balance_overdue_sent_at,
    timeZone: r.time_zone,
    settingsJson: r.settings_json,
  }));
}

/**
 * Marks a balance reminder sent — only if it was not: the row lock (PostgreSQL) or the write lock
 * (SQLite) makes a concurrent sweep see it marked, so each reminder is written once.
 */
export async function markBalanceReminded(
  db: Db,
  target: { schoolId: string; requestId: string; at: string; isOverdue: boolean },
): Promise<boolean> {
  const query = db
    .updateTable('requests')
    .where('school_id', '=', target.schoolId)
    .where('id', '=', target.requestId);
  const result = target.isOverdue
    ? await query
        .set((eb) => ({
          balance_overdue_sent_at: target.at,
          // Once overdue, the "due soon" reminder has no more reason to go.
          balance_reminder_sent_at: eb.fn.coalesce('balance_reminder_sent_at', eb.val(target.at)),
        }))
        .where('balance_overdue_sent_at', 'is', null)
        .executeTakeFirst()
    : await query
        .set({ balance_reminder_sent_at: target.at })
        .where('balance_reminder_sent_at', 'is', null)
        .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
