import { listStaffEmailSubscribers } from '../../db/repositories/index.js';
import type { Tx } from '../tx.js';
import { type StaffEmailEvent, staffEmail } from './staff-email.js';

/**
 * Writes the e-mail notification of `event` for every active staff member of the school who
 * chose it (Paramètres → Personnel), inside the caller's transaction.
 */
export async function enqueueStaffEmails(
  tx: Tx,
  notice: {
    schoolId: string;
    requestId: string;
    event: StaffEmailEvent;
    fileNumber: string;
    customerName: string;
  },
  enqueue: (message: ReturnType<typeof staffEmail>) => unknown,
): Promise<void> {
  const subscribers = await listStaffEmailSubscribers(tx.trx, notice.schoolId, notice.event);
  for (const user of subscribers)
    await enqueue(
      staffEmail({
        ...notice,
        to: user.email,
        language: user.language === 'en' ? 'en' : 'fr',
      }),
    );
}
