import { findCustomerInSchool, insertMessage } from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { preview } from '../../domain/request.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { newId } from '../ids.js';
import { privateLinkOf } from '../portal/private-link.js';
import { type Tx, transact } from '../tx.js';
import { changeRequest, type RequestChange } from './change-request.js';
import { REQUEST_MESSAGES } from './requests.messages.js';
import { indexMessage } from './search-document.js';
import { notifyStaff } from './staff-notifications.js';

/**
 * A secretary answers the customer in the conversation: the message is stored, the customer's
 * e-mail is written to the outbox, the file's "last message" moves, all in one transaction. A
 * reply does not make a new version of the file: a colleague's edit started before it still goes
 * through.
 */
export async function replyToCustomer(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  body: string,
): Promise<{ id: string; createdAt: string }> {
  return transact(deps, async (tx) => {
    const { result } = await changeRequest(
      tx,
      { schoolId: actor.schoolId, requestId, actor },
      async (file) => {
        const { request } = file;
        if (request.archivedAt) throw new AppError('INVALID_STATE', REQUEST_MESSAGES.archivedNoReply);
        const customer = await findCustomerInSchool(tx.trx, actor.schoolId, request.customerId);
        const id = newId('message');
        await insertMessage(tx.trx, {
          id,
          school_id: actor.schoolId,
          request_id: requestId,
          author_kind: 'staff',
          author_user_id: actor.userId,
          noted_by_user_id: null,
          body,
          body_key: null,
          body_params_json: null,
          payload_json: null,
          created_at: tx.now,
        });
        await indexMessage(tx, actor.schoolId, requestId, body);
        file.conversationMoved({
          at: tx.now,
          preview: preview(body),
          key: null,
          paramsJson: null,
          author: 'staff',
        });
        if (customer)
          file.enqueue(
            customerEmail({
              schoolId: actor.schoolId,
              requestId,
              to: customer.email,
              firstName: customer.first_name,
              language: request.language,
              fileNumber: request.number,
              link: await privateLinkOf(deps, tx, { schoolId: actor.schoolId, id: requestId }),
              params: { template: 'staff_reply', messageId: id, body, staffName: actor.name },
            }),
          );
        file.journal({ action: 'message.sent', details: { messageId: id } });
        return { id, createdAt: tx.now };
      },
    );
    return result;
  });
}

/**
 * The customer's own words join the conversation (a reply from the private page or by e-mail):
 * the message stored and searchable, the file "à traiter" with its last message, journaled, and
 * the staff notified — inside the caller's change. Returns the message's id.
 */
export async function addCustomerMessage(
  tx: Tx,
  file: RequestChange,
  message: {
    schoolId: string;
    requestId: string;
    customerName: string;
    body: string;
    payloadJson: string | null;
  },
): Promise<string> {
  const { schoolId, requestId, body } = message;
  const id = newId('message');
  await insertMessage(tx.trx, {
    id,
    school_id: schoolId,
    request_id: requestId,
    author_kind: 'customer',
    author_user_id: null,
    noted_by_user_id: null,
    body,
    body_key: null,
    body_params_json: null,
    payload_json: message.payloadJson,
    created_at: tx.now,
  });
  await indexMessage(tx, schoolId, requestId, body);
  file.conversationMoved({
    at: tx.now,
    preview: preview(body),
    key: null,
    paramsJson: null,
    author: 'customer',
  });
  file.journal({ action: 'message.received', details: { messageId: id } });
  await notifyStaff(tx, schoolId, {
    kind: 'message.received',
    requestId,
    payload: { number: file.request.number, customerName: message.customerName },
  });
  return id;
}
