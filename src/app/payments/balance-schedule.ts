import {
  type Db,
  findBalanceSchedule,
  listLessonStarts,
  setBalanceDueOn,
} from '../../db/repositories/index.js';
import { amountDue, type Cents, cents, percentOf } from '../../domain/money.js';
import { plusDays } from '../../domain/time-zone.js';
import { type DepositRule, DepositRuleSchema } from '../../shared/contracts/payments.js';
import type { SalesSettings } from '../../shared/contracts/sales.js';
import { readLineDetails } from '../devis/line-details.schemas.js';
import { loadOfferSchool } from '../offers/offer-school.js';
import { parseJson } from '../requests/keyed-text.schemas.js';
import type { Tx } from '../tx.js';

/** The school's deposit rule (Paramètres → Devis et paiements), which every file follows unless it has its own. */
export function schoolDepositRule(sales: SalesSettings): DepositRule {
  return sales.depositKind === 'fixed'
    ? {
        kind: 'fixed',
        cents: sales.defaultDepositFixedCents,
        balanceDaysBefore: sales.balanceDaysBeforeFirstLesson,
      }
    : {
        kind: 'percentage',
        bp: sales.defaultDepositBp,
        balanceDaysBefore: sales.balanceDaysBeforeFirstLesson,
      };
}

/** The file's own rule as stored (requests.deposit_rule_json), or null (unreadable counts as none). */
export function readDepositRule(json: string | null): DepositRule | null {
  if (json === null) return null;
  const parsed = DepositRuleSchema.safeParse(parseJson(json));
  return parsed.success ? parsed.data : null;
}

/** The deposit a rule asks of a total: a percentage rounded half up, or the fixed amount — never above the total. */
export function depositCentsOf(rule: DepositRule, totalCents: Cents): Cents {
  const asked = rule.kind === 'percentage' ? percentOf(totalCents, rule.bp) : cents(rule.cents);
  return cents(Math.min(asked, totalCents));
}

/**
 * What "the deposit" means for a file now: its rule (its own, else the school's) applied to its
 * total, never more than what remains due. The Devis onglet's default and a payment link for
 * "l'acompte" both ask this.
 */
export function fileDepositCentsOf(
  file: { depositRuleJson: string | null; totalCents: Cents; paidCents: Cents },
  sales: SalesSettings,
): Cents {
  const { rule } = depositRuleIn(file.depositRuleJson, sales);
  return cents(Math.min(depositCentsOf(rule, file.totalCents), amountDue(file.totalCents, file.paidCents)));
}

/** The first lesson's day of the file: its catalogue sessions' first days and its custom lessons' dates. */
export async function firstLessonOf(db: Db, schoolId: string, requestId: string): Promise<string | null> {
  const days: string[] = [];
  for (const line of await listLessonStarts(db, schoolId, requestId)) {
    if (line.sessionStartsOn) days.push(line.sessionStartsOn);
    const details = readLineDetails(line.detailsJson);
    if (details.session?.startsOn) days.push(details.session.startsOn);
    if (details.dates?.from) days.push(details.dates.from);
  }
  const valid = days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  return valid[0] ?? null;
}

/** The rule in force for a file: its own, else the school's. */
export function depositRuleIn(fileRuleJson: string | null, sales: SalesSettings) {
  const own = readDepositRule(fileRuleJson);
  return { rule: own ?? schoolDepositRule(sales), isSchoolRule: own === null };
}

/**
 * Keeps the balance's due day in step: once a deposit is paid (something paid, something left),
 * the balance is due N days (the file's rule) before the first lesson; otherwise there is none.
 * Called by the status rule whenever paid or total moved, and when the file's rule changes.
 */
export async function scheduleBalance(
  tx: Tx,
  target: { schoolId: string; requestId: string; totalCents: Cents; paidCents: Cents },
): Promise<void> {
  const schedule = await findBalanceSchedule(tx.trx, target.schoolId, target.requestId);
  if (!schedule) return;
  const isDepositPaid = target.paidCents > 0 && target.paidCents < target.totalCents;
  let dueOn: string | null = null;
  if (isDepositPaid) {
    const first = await firstLessonOf(tx.trx, target.schoolId, target.requestId);
    if (first !== null) {
      const school = await loadOfferSchool(tx.trx, target.schoolId);
      const { rule } = depositRuleIn(schedule.depositRuleJson, school.sales);
      dueOn = plusDays(first, -rule.balanceDaysBefore);
    }
  }
  if (dueOn !== schedule.balanceDueOn)
    await setBalanceDueOn(tx.trx, target.schoolId, target.requestId, dueOn);
}

/** "Solde en retard": a deposit paid, something left, and the due day is past (the school's today). */
export function isBalanceOverdue(
  file: { status: string; balanceDueOn: string | null },
  today: string,
): boolean {
  return file.status === 'deposit_paid' && file.balanceDueOn !== null && file.balanceDueOn < today;
}
