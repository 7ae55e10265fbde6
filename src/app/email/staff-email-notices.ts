import { listStaffEmailSubscribers } from '../../db/repositories/index.js';
import { enqueue, type Tx } from '../tx.js';
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

/** A new request (a form, an e-mail): told by e-mail to the staff who chose it. */
export function enqueueNewRequestEmails(
  tx: Tx,
  request: { schoolId: string; id: string; number: string; customerName: string },
): Promise<void> {
  return enqueueStaffEmails(
    tx,
    {
      schoolId: request.schoolId,
      requestId: request.id,
      event: 'request.created',
      fileNumber: request.number,
      customerName: request.customerName,
    },
    (message) => enqueue(tx, message),
  );
}
