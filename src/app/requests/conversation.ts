import { appendSearchText, findCustomerInSchool, findRequestInSchool } from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import { indexWords } from '../../domain/search-text.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { enqueue, journal, transact } from '../tx.js';
import { preview } from './request-core.js';

const REPLY_SUBJECT: Record<string, (number: string, school: string) => string> = {
  fr: (n, s) => `${s} — réponse à votre demande ${n}`,
  en: (n, s) => `${s} — reply to your request ${n}`,
};

/**
 * A secretary answers the customer in the conversation: the message is stored, the customer's
 * e-mail is written to the outbox, the file's "last message" moves, all in one transaction.
 */
export async function replyToCustomer(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  body: string,
): Promise<{ id: string; createdAt: string }> {
  return transact(deps, async (tx) => {
    const request = await findRequestInSchool(tx.trx, actor.schoolId, requestId);
    if (!request) throw notFound(NOT_FOUND.file);
    if (request.archived_at)
      throw new AppError('INVALID_STATE', 'Ce dossier est archivé : rouvrez-le avant de répondre.');
    const customer = (await findCustomerInSchool(tx.trx, actor.schoolId, request.customer_id))!;
    const school = await tx.trx
      .selectFrom('schools')
      .select('name')
      .where('id', '=', actor.schoolId)
      .executeTakeFirstOrThrow();
    const id = newId('message');
    await tx.trx
      .insertInto('messages')
      .values({
        id,
        school_id: actor.schoolId,
        request_id: requestId,
        author_kind: 'staff',
        author_user_id: actor.userId,
        body,
        payload_json: null,
        created_at: tx.now,
      })
      .execute();
    await tx.trx
      .updateTable('requests')
      .set({
        last_message_at: tx.now,
        last_message_preview: preview(body),
        last_message_key: null,
        last_message_params_json: null,
        last_message_author: 'staff',
      })
      .where('school_id', '=', actor.schoolId)
      .where('id', '=', requestId)
      .execute();
    await appendSearchText(tx.trx, requestId, actor.schoolId, indexWords(body));
    const subject = (REPLY_SUBJECT[request.language] ?? REPLY_SUBJECT.en!)(request.number, school.name);
    await enqueue(tx, {
      schoolId: actor.schoolId,
      kind: 'email',
      payload: { to: customer.email, subject, text: `${body}\n\n— ${actor.name}, ${school.name}` },
    });
    await journal(tx, {
      schoolId: actor.schoolId,
      requestId,
      actor,
      action: 'message.sent',
      details: { messageId: id },
    });
    tx.publish({ schoolId: actor.schoolId, type: 'request.changed', requestId });
    return { id, createdAt: tx.now };
  });
}
