import { findCustomerInSchool, findSchoolBasics, insertMessage } from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { preview } from '../../domain/request.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { transact } from '../tx.js';
import { changeRequest } from './change-request.js';
import { REQUEST_MESSAGES } from './requests.messages.js';
import { indexMessage } from './search-document.js';

const REPLY_SUBJECT: Record<string, (number: string, school: string) => string> = {
  fr: (n, s) => `${s} — réponse à votre demande ${n}`,
  en: (n, s) => `${s} — reply to your request ${n}`,
};

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
        const [customer, school] = await Promise.all([
          findCustomerInSchool(tx.trx, actor.schoolId, request.customerId),
          findSchoolBasics(tx.trx, actor.schoolId),
        ]);
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
        const subject = (REPLY_SUBJECT[request.language] ?? REPLY_SUBJECT.en!)(request.number, school.name);
        file.enqueue({
          schoolId: actor.schoolId,
          kind: 'email',
          payload: { to: customer!.email, subject, text: `${body}\n\n— ${actor.name}, ${school.name}` },
        });
        file.journal({ action: 'message.sent', details: { messageId: id } });
        return { id, createdAt: tx.now };
      },
    );
    return result;
  });
}
