import { findBalanceSchedule, setDepositRule } from '../../db/repositories/index.js';
import { validation } from '../../domain/errors.js';
import type { DepositRule, DepositRuleBody, PaymentsView } from '../../shared/contracts/payments.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { changeRequest } from '../requests/change-request.js';
import { transact } from '../tx.js';
import { readDepositRule, scheduleBalance } from './balance-schedule.js';
import { readTypedAmount } from './manual-payment.js';
import { PAYMENT_MESSAGES } from './payments.messages.js';
import { loadPaymentsView } from './payments-view.js';

/**
 * The secretary changes the deposit rule of one file (a percentage or a fixed amount, the balance
 * due N days before the first lesson), or gives it back the school's (`rule: null`). The balance's
 * due day follows at once; journaled.
 */
export async function changeDepositRule(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: DepositRuleBody,
): Promise<PaymentsView> {
  let rule: DepositRule | null = null;
  if (input.rule?.kind === 'fixed') {
    const typed = readTypedAmount(input.rule.amount);
    if ('error' in typed) throw validation({ 'rule.amount': typed.error }, PAYMENT_MESSAGES.invalid);
    rule = { kind: 'fixed', cents: typed.cents, balanceDaysBefore: input.rule.balanceDaysBefore };
  } else if (input.rule) {
    rule = { kind: 'percentage', bp: input.rule.bp, balanceDaysBefore: input.rule.balanceDaysBefore };
  }
  return transact(deps, async (tx) => {
    const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version };
    await changeRequest(tx, target, async (file) => {
      const { schoolId } = actor;
      const stored = await findBalanceSchedule(tx.trx, schoolId, requestId);
      const before = readDepositRule(stored?.depositRuleJson ?? null);
      if (JSON.stringify(before) === JSON.stringify(rule)) return;
      await setDepositRule(tx.trx, schoolId, requestId, rule === null ? null : JSON.stringify(rule));
      await scheduleBalance(tx, {
        schoolId,
        requestId,
        totalCents: file.request.totalCents,
        paidCents: file.request.paidCents,
      });
      file.factsChanged();
      file.journal({ action: 'payment.deposit_rule_changed', details: { rule } });
    });
    return loadPaymentsView(tx.trx, { schoolId: actor.schoolId, requestId }, tx.now);
  });
}
