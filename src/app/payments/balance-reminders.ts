import {
  findOfferRecipient,
  listBalancesToRemind,
  markBalanceReminded,
  readSalesSettings,
} from '../../db/repositories/index.js';
import { cents } from '../../domain/money.js';
import { dayIn, plusDays } from '../../domain/time-zone.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { privateLinkOf } from '../portal/private-link.js';
import { changeRequest } from '../requests/change-request.js';
import { transact } from '../tx.js';

export const BALANCE_REMINDERS_EVERY_MS = 15 * 60_000;

/**
 * Writes the balance reminders due now, once each: `balanceReminderDaysBefore` days before the
 * balance is due (0: none), and once it is overdue (if the school wants it). Each file is its own
 * transaction that first marks the reminder sent — only if it was not — then writes the e-mail
 * and the journal line: two sweeps at once (two processes) send one, and a crash before commit
 * leaves it for the next sweep.
 */
export async function sweepBalanceReminders(deps: AppDeps): Promise<number> {
  const now = deps.clock.now().toISOString();
  // The latest reminder window is 60 days ahead, and a day either side covers every time zone.
  const candidates = await listBalancesToRemind(deps.db.kysely, plusDays(now.slice(0, 10), 62));
  let sent = 0;
  for (const file of candidates) {
    const sales = readSalesSettings(file.settingsJson);
    const today = dayIn(now, file.timeZone);
    const isOverdue = file.balanceDueOn < today;
    const isOverdueToSend = isOverdue && sales.isBalanceOverdueReminder && file.balanceOverdueSentAt === null;
    const isSoonToSend =
      !isOverdue &&
      sales.balanceReminderDaysBefore > 0 &&
      file.balanceReminderSentAt === null &&
      file.balanceDueOn <= plusDays(today, sales.balanceReminderDaysBefore);
    if (!isOverdueToSend && !isSoonToSend) continue;
    const isSent = await transact(deps, async (tx) => {
      const actor = { kind: 'system' as const, schoolId: file.schoolId, name: 'Schuss' };
      const { result } = await changeRequest(
        tx,
        { schoolId: file.schoolId, requestId: file.requestId, actor },
        async (change) => {
          const request = change.request;
          if (request.status !== 'deposit_paid' || request.archivedAt !== null) return false;
          const isMarked = await markBalanceReminded(tx.trx, {
            schoolId: file.schoolId,
            requestId: file.requestId,
            at: tx.now,
            isOverdue,
          });
          if (!isMarked) return false;
          const amountCents = cents(Math.max(0, request.totalCents - request.paidCents));
          const customer = await findOfferRecipient(tx.trx, file.schoolId, file.requestId);
          if (customer) {
            const link = await privateLinkOf(deps, tx, { schoolId: file.schoolId, id: file.requestId });
            change.enqueue(
              customerEmail({
                schoolId: file.schoolId,
                requestId: file.requestId,
                to: customer.email,
                firstName: customer.firstName,
                language: customer.language,
                fileNumber: request.number,
                link,
                params: { template: 'balance_reminder', amountCents, dueOn: file.balanceDueOn, isOverdue },
              }),
            );
          }
          change.journal({
            action: 'payment.balance_reminder_sent',
            details: { dueOn: file.balanceDueOn, amountCents, isOverdue },
          });
          return true;
        },
      );
      return result;
    });
    if (isSent) sent++;
  }
  return sent;
}

/** Sweeps on a timer that does not keep the process alive; the answer stops it (after a sweep under way). */
export function startBalanceReminders(
  deps: AppDeps,
  everyMs = BALANCE_REMINDERS_EVERY_MS,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    // A failed sweep is tried again at the next tick: nothing was marked sent.
    running = running.then(() => sweepBalanceReminders(deps)).catch(() => undefined);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
