import {
  findCustomerInSchool,
  findRequestInSchool,
  type RequestRow,
  readChangeMarks,
  writeChangeMarks,
} from '../../db/repositories/index.js';
import { type ConflictLanguage, type FileField, withChangeMarks } from '../../domain/edit-conflicts.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import type { Status } from '../../domain/status.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { journal, type Tx, transact } from '../tx.js';
import {
  bumpVersion,
  findOrCreateCustomer,
  openRequest,
  refreshStatus,
  schoolTimeZone,
} from './request-core.js';
import type { CreateStaffRequestInput, RequestSummary, UpdateRequestInput } from './requests.schemas.js';

async function assertCategory(
  tx: Tx,
  schoolId: string,
  categoryId: string | null | undefined,
): Promise<void> {
  if (!categoryId) return;
  const found = await tx.trx
    .selectFrom('categories')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!found)
    throw new AppError('VALIDATION', 'Catégorie inconnue.', {
      fields: { categoryId: 'Catégorie inconnue pour cette école.' },
    });
}

/**
 * "Nouvelle demande": a secretary opens a request for a customer who phoned or came to the desk.
 * The words are the customer's (she notes them down): the first message is the customer's, noted
 * by her, and the file waits for an answer ("à traiter") like any other customer request.
 */
export async function createStaffRequest(
  deps: AppDeps,
  actor: StaffActor,
  input: CreateStaffRequestInput,
): Promise<RequestSummary> {
  return transact(deps, async (tx) => {
    const { customer } = await findOrCreateCustomer(tx, actor.schoolId, {
      email: input.customer.email,
      firstName: input.customer.firstName,
      lastName: input.customer.lastName,
      phone: input.customer.phone || null,
      language: input.customer.language,
    });
    await assertCategory(tx, actor.schoolId, input.categoryId);
    const { request } = await openRequest(tx, {
      schoolId: actor.schoolId,
      schoolTimeZone: await schoolTimeZone(tx, actor.schoolId),
      source: 'staff',
      customer,
      language: input.customer.language,
      actor,
      categoryId: input.categoryId ?? null,
      firstMessage: { authorKind: 'customer', notedByUserId: actor.userId, body: input.message },
    });
    tx.publish({ schoolId: actor.schoolId, type: 'request.changed', requestId: request.id });
    return summarize(tx, request);
  });
}

/** One request of the actor's school; another school's id is simply not found. */
export async function getRequest(deps: AppDeps, actor: StaffActor, id: string): Promise<RequestSummary> {
  const request = await findRequestInSchool(deps.db.kysely, actor.schoolId, id);
  if (!request) throw notFound(NOT_FOUND.file);
  const customer = await findCustomerInSchool(deps.db.kysely, actor.schoolId, request.customer_id);
  return toSummary(request, customer!);
}

/**
 * Changes the category or the customer's language of a file, refusing an edit based on a stale
 * version of the file (whatever changed since: these are one-click choices made looking at the
 * file, and the page shows the new state at once); each change is a journal line and leaves a
 * change mark, so a later stale edit is told who changed what.
 */
export async function updateRequest(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  input: UpdateRequestInput,
  language: ConflictLanguage = 'fr',
): Promise<RequestSummary> {
  return transact(deps, async (tx) => {
    const found = await findRequestInSchool(tx.trx, actor.schoolId, id);
    if (!found) throw notFound(NOT_FOUND.file);
    const version = await bumpVersion(tx, found, input.version, actor, language);
    await assertCategory(tx, actor.schoolId, input.categoryId);
    const request = (await findRequestInSchool(tx.trx, actor.schoolId, id))!;
    const changes: Partial<RequestRow> = {};
    const fields: FileField[] = [];
    if (input.categoryId !== undefined && input.categoryId !== request.category_id) {
      changes.category_id = input.categoryId;
      fields.push('category');
      const category = input.categoryId
        ? await tx.trx
            .selectFrom('categories')
            .select('name')
            .where('id', '=', input.categoryId)
            .executeTakeFirst()
        : null;
      await journal(tx, {
        schoolId: actor.schoolId,
        requestId: id,
        actor,
        action: 'request.category_changed',
        details: { category: category?.name ?? null },
      });
    }
    if (input.language !== undefined && input.language !== request.language) {
      changes.language = input.language;
      fields.push('language');
      await journal(tx, {
        schoolId: actor.schoolId,
        requestId: id,
        actor,
        action: 'request.language_changed',
        details: { language: input.language },
      });
    }
    if (fields.length > 0) {
      changes.change_marks_json = writeChangeMarks(
        withChangeMarks(readChangeMarks(request.change_marks_json), fields, {
          version,
          byName: actor.name,
          at: tx.now,
          fileNumber: request.number,
        }),
      );
      await tx.trx
        .updateTable('requests')
        .set(changes)
        .where('school_id', '=', actor.schoolId)
        .where('id', '=', id)
        .execute();
    }
    const updated = (await findRequestInSchool(tx.trx, actor.schoolId, id))!;
    await refreshStatus(tx, updated);
    tx.publish({ schoolId: actor.schoolId, type: 'request.changed', requestId: id });
    return summarize(tx, (await findRequestInSchool(tx.trx, actor.schoolId, id))!);
  });
}

async function summarize(tx: Tx, request: RequestRow): Promise<RequestSummary> {
  const customer = await findCustomerInSchool(tx.trx, request.school_id, request.customer_id);
  return toSummary(request, customer!);
}

function noteChangeOf(marksJson: string): RequestSummary['customer']['noteChange'] {
  const mark = readChangeMarks(marksJson).note;
  return mark ? { byName: mark.byName, at: mark.at, fileNumber: mark.fileNumber } : null;
}

export function toSummary(
  request: RequestRow,
  customer: NonNullable<Awaited<ReturnType<typeof findCustomerInSchool>>>,
): RequestSummary {
  return {
    id: request.id,
    number: request.number,
    source: request.source,
    status: request.status as Status,
    language: request.language,
    categoryId: request.category_id,
    totalCents: Number(request.total_cents),
    paidCents: Number(request.paid_cents),
    isToBePriced: Number(request.is_to_be_priced) === 1,
    isOnlinePaymentAllowed: request.is_online_payment_allowed === 1,
    isEnteredInPos: request.is_entered_in_pos === 1,
    lastMessageAt: request.last_message_at,
    createdAt: request.created_at,
    updatedAt: request.updated_at,
    updatedByName: request.updated_by_name,
    version: request.version,
    customer: {
      id: customer.id,
      email: customer.email,
      firstName: customer.first_name,
      lastName: customer.last_name,
      phone: customer.phone,
      language: customer.language,
      note: customer.note,
      noteChange: noteChangeOf(customer.change_marks_json),
      version: customer.version,
    },
  };
}
