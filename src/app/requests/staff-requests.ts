import {
  type CustomerRow,
  findCategoryName,
  findCustomerInSchool,
  findRequest,
  findSchoolTimeZone,
  readChangeMarks,
} from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import type { Request } from '../../domain/request.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { type Tx, transact } from '../tx.js';
import { changeRequest } from './change-request.js';
import { findOrCreateCustomer } from './customers.js';
import { openRequest } from './open-request.js';
import { REQUEST_MESSAGES } from './requests.messages.js';
import type { CreateStaffRequestInput, RequestSummary, UpdateRequestInput } from './requests.schemas.js';

/** The category of the school a file is put in; none (null) is always allowed. */
async function requireCategory(
  tx: Tx,
  schoolId: string,
  categoryId: string | null | undefined,
): Promise<{ name: string } | null> {
  if (!categoryId) return null;
  const name = await findCategoryName(tx.trx, schoolId, categoryId);
  if (name === null)
    throw new AppError('VALIDATION', REQUEST_MESSAGES.unknownCategory, {
      fields: { categoryId: REQUEST_MESSAGES.unknownCategoryField },
    });
  return { name };
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
    await requireCategory(tx, actor.schoolId, input.categoryId);
    const { request } = await openRequest(tx, {
      schoolId: actor.schoolId,
      schoolTimeZone: await findSchoolTimeZone(tx.trx, actor.schoolId),
      source: 'staff',
      portalLinkKey: deps.portalLinkKey,
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
  const request = await findRequest(deps.db.kysely, actor.schoolId, id);
  if (!request) throw notFound(NOT_FOUND.file);
  const customer = await findCustomerInSchool(deps.db.kysely, actor.schoolId, request.customerId);
  return toSummary(request, customer!);
}

/**
 * Changes the category or the customer's language of a file, refusing an edit based on a stale
 * version of the file (whatever changed since: these are one-click choices made looking at the
 * file, and the page shows the new state at once); each change is a journal line and leaves a
 * change mark, so a later stale edit is told who changed what. Choosing what is already chosen
 * changes nothing, and keeps the version.
 */
export async function updateRequest(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  input: UpdateRequestInput,
): Promise<RequestSummary> {
  return transact(deps, async (tx) => {
    const { request } = await changeRequest(
      tx,
      { schoolId: actor.schoolId, requestId: id, actor, expectedVersion: input.version },
      async (file) => {
        if (input.categoryId !== undefined && input.categoryId !== file.request.categoryId) {
          const category = await requireCategory(tx, actor.schoolId, input.categoryId);
          file.edit({ categoryId: input.categoryId }, ['category']);
          file.journal({ action: 'request.category_changed', details: { category: category?.name ?? null } });
        }
        if (input.language !== undefined && input.language !== file.request.language) {
          file.edit({ language: input.language }, ['language']);
          file.journal({ action: 'request.language_changed', details: { language: input.language } });
        }
      },
    );
    return summarize(tx, request);
  });
}

async function summarize(tx: Tx, request: Request): Promise<RequestSummary> {
  const customer = await findCustomerInSchool(tx.trx, request.schoolId, request.customerId);
  return toSummary(request, customer!);
}

function noteChangeOf(marksJson: string): RequestSummary['customer']['noteChange'] {
  const mark = readChangeMarks(marksJson).note;
  return mark ? { byName: mark.byName, at: mark.at, fileNumber: mark.fileNumber } : null;
}

export function toSummary(request: Request, customer: CustomerRow): RequestSummary {
  return {
    id: request.id,
    number: request.number,
    source: request.source,
    status: request.status,
    language: request.language,
    categoryId: request.categoryId,
    totalCents: request.totalCents,
    paidCents: request.paidCents,
    isToBePriced: request.isToBePriced,
    isOnlinePaymentAllowed: request.isOnlinePaymentAllowed,
    isEnteredInPos: request.isEnteredInPos,
    lastMessageAt: request.lastMessageAt,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    updatedByName: request.updatedByName,
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
