import { findCustomerInSchool, listStaffEmailSubscribers } from '../../db/repositories/index.js';
import type { RequestChange } from '../requests/change-request.js';
import { enqueue, type Tx } from '../tx.js';
import { type StaffEmailEvent, staffEmail } from './staff-email.js';

/**
 * Writes the e-mail notification of `event` for every active staff member of the school who
 * chose it (Paramètres → Mon compte), inside the caller's transaction.
 */
export async function enqueueStaffEmails(
  tx: Tx,
  notice: {
    schoolId: string;
    requestId: string;
    event: StaffEmailEvent;
    fileNumber: string;
    customerName: string;
    /** The staff member who did it (a manual payment): not told about their own action. */
    exceptUserId?: string | null;
  },
  enqueue: (message: ReturnType<typeof staffEmail>) => unknown,
): Promise<void> {
  const { exceptUserId, ...payload } = notice;
  const subscribers = await listStaffEmailSubscribers(tx.trx, notice.schoolId, notice.event);
  for (const user of subscribers)
    if (user.id !== exceptUserId)
      await enqueue(
        staffEmail({
          ...payload,
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

/**
 * A payment recorded on the file (online, or by hand by `recordedByUserId`): told by e-mail, with
 * the change, to the staff who chose it — except the one who recorded it.
 */
export async function enqueuePaymentStaffEmails(
  tx: Tx,
  file: RequestChange,
  recordedByUserId: string | null = null,
): Promise<void> {
  const { schoolId, id, number, customerId } = file.request;
  const customer = await findCustomerInSchool(tx.trx, schoolId, customerId);
  await enqueueStaffEmails(
    tx,
    {
      schoolId,
      requestId: id,
      event: 'payment',
      fileNumber: number,
      customerName: customer ? `${customer.first_name} ${customer.last_name}`.trim() : '',
      exceptUserId: recordedByUserId,
    },
    (message) => file.enqueue(message),
  );
}
