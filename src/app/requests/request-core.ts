import {
  type CustomerRow,
  findCustomerByEmail,
  insertCustomerUnlessExists,
  insertLines,
  insertRequest,
  type LineRow,
  loadStatusFacts,
  nextCounterValue,
  type RequestRow,
  readChangeMarks,
  upsertSearchDocument,
  withSearchKeys,
} from '../../db/repositories/index.js';
import {
  type ConflictLanguage,
  changedSince,
  conflictMessage,
  FILE_FIELDS,
} from '../../domain/edit-conflicts.js';
import { AppError } from '../../domain/errors.js';
import { isTotalToBePriced } from '../../domain/line-pricing.js';
import { formatRequestNumber, requestCounterName, yearIn } from '../../domain/numbering.js';
import { indexWords, phoneDigits } from '../../domain/search-text.js';
import { activeTotal, deriveStatus, type Source, type Status } from '../../domain/status.js';
import type { Actor } from '../actor.js';
import { normalizeEmail } from '../common.schemas.js';
import { sha256 } from '../crypto.js';
import { newId, newSecretToken } from '../ids.js';
import { journal, type Tx } from '../tx.js';
import { type KeyedText, keyedColumns, readKeyedText, serviceLabelOf } from './keyed-text.schemas.js';
import { searchWordsOf } from './keyed-text-search.js';

/**
 * Recomputes the status of a request from its facts and stores it with the totals, in the
 * caller's transaction. The only code path that writes `requests.status`.
 */
export async function refreshStatus(tx: Tx, request: RequestRow): Promise<Status> {
  const facts = await loadStatusFacts(tx.trx, request);
  const status = deriveStatus(facts);
  const total = activeTotal(facts.lines);
  const servicesJson = JSON.stringify(facts.serviceLabels.map(serviceLabelOf));
  const isToBePriced = isTotalToBePriced(facts.pricing) ? 1 : 0;
  if (
    status !== request.status ||
    total !== Number(request.total_cents) ||
    facts.paidCents !== Number(request.paid_cents) ||
    servicesJson !== request.services_json ||
    isToBePriced !== Number(request.is_to_be_priced)
  ) {
    await tx.trx
      .updateTable('requests')
      .set({
        status,
        total_cents: total,
        paid_cents: facts.paidCents,
        services_json: servicesJson,
        is_to_be_priced: isToBePriced,
      })
      .where('school_id', '=', request.school_id)
      .where('id', '=', request.id)
      .execute();
  }
  if (status !== request.status) {
    await adjustStatusCount(tx, request.school_id, request.status, -1);
    await adjustStatusCount(tx, request.school_id, status, 1);
    tx.publish({ schoolId: request.school_id, type: 'counts.changed' });
  }
  return status;
}

/** Keeps the tab counts in step with status changes, inside the same transaction. */
async function adjustStatusCount(tx: Tx, schoolId: string, status: string, delta: number): Promise<void> {
  await tx.trx
    .insertInto('status_counts')
    .values({ school_id: schoolId, status, count: delta })
    .onConflict((oc) =>
      oc
        .columns(['school_id', 'status'])
        .doUpdateSet((eb) => ({ count: eb('status_counts.count', '+', delta) })),
    )
    .execute();
}

/** The words a request is found by: customer name, e-mail, phone, number, then message texts. */
export function searchContent(
  request: Pick<RequestRow, 'number'>,
  customer: Pick<CustomerRow, 'first_name' | 'last_name' | 'email' | 'phone'>,
  texts: string[],
): string {
  return indexWords(
    [
      request.number,
      customer.first_name,
      customer.last_name,
      customer.email,
      customer.phone ?? '',
      phoneDigits(customer.phone),
      ...texts,
    ].join(' '),
  ).slice(0, 200_000);
}

/** Rebuilds the search document of a request from the database (after a customer edit). */
export async function reindexRequest(
  tx: Tx,
  request: Pick<RequestRow, 'id' | 'school_id' | 'number' | 'customer_id'>,
): Promise<void> {
  const customer = await tx.trx
    .selectFrom('customers')
    .selectAll()
    .where('school_id', '=', request.school_id)
    .where('id', '=', request.customer_id)
    .executeTakeFirstOrThrow();
  const messages = await tx.trx
    .selectFrom('messages')
    .select(['body', 'body_key', 'body_params_json'])
    .where('school_id', '=', request.school_id)
    .where('request_id', '=', request.id)
    .orderBy('created_at')
    .execute();
  await upsertSearchDocument(tx.trx, {
    requestId: request.id,
    schoolId: request.school_id,
    content: searchContent(
      request,
      customer,
      messages.map((m) => {
        const keyedText = readKeyedText(m.body_key, m.body_params_json);
        return keyedText ? searchWordsOf(keyedText) : m.body;
      }),
    ),
  });
}

/**
 * Optimistic concurrency: bumps the version of a request only if it is still the one the caller
 * started from, and returns the new version. Otherwise a CONFLICT, in the reader's language, that
 * names who changed the file, when, and which of its fields (when the change left a mark).
 */
export async function bumpVersion(
  tx: Tx,
  request: Pick<RequestRow, 'id' | 'school_id'>,
  expectedVersion: number,
  actor: Actor,
  language: ConflictLanguage = 'fr',
): Promise<number> {
  const result = await tx.trx
    .updateTable('requests')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: tx.now, updated_by_name: actor.name }))
    .where('school_id', '=', request.school_id)
    .where('id', '=', request.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return expectedVersion + 1;
  const current = await tx.trx
    .selectFrom('requests')
    .select(['updated_by_name', 'updated_at', 'version', 'number', 'change_marks_json'])
    .where('school_id', '=', request.school_id)
    .where('id', '=', request.id)
    .executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND', 'Dossier introuvable.');
  throw new AppError(
    'CONFLICT',
    conflictMessage(
      {
        subject: 'file',
        fileNumber: current.number,
        changes: changedSince(readChangeMarks(current.change_marks_json), expectedVersion, FILE_FIELDS),
        lastChange: { byName: current.updated_by_name, at: current.updated_at },
        timeZone: await schoolTimeZone(tx, request.school_id),
      },
      language,
    ),
  );
}

/** The school's time zone: instants in messages people read are given in it. */
export async function schoolTimeZone(tx: Tx, schoolId: string): Promise<string> {
  const school = await tx.trx
    .selectFrom('schools')
    .select('time_zone')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return school.time_zone;
}

export interface CustomerInput {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  language: string;
}

/**
 * Finds the customer by normalised e-mail within the school, or creates them. An existing
 * customer's details are never overwritten by an anonymous form submission.
 */
export async function findOrCreateCustomer(
  tx: Tx,
  schoolId: string,
  input: CustomerInput,
): Promise<{ customer: CustomerRow; isNew: boolean }> {
  const emailNormalized = normalizeEmail(input.email);
  const existing = await findCustomerByEmail(tx.trx, schoolId, emailNormalized);
  if (existing) return { customer: existing, isNew: false };
  const customer = withSearchKeys({
    id: newId('customer'),
    school_id: schoolId,
    email: input.email.trim().normalize('NFC'),
    email_normalized: emailNormalized,
    first_name: input.firstName,
    last_name: input.lastName,
    phone: input.phone ?? null,
    language: input.language,
    note: '',
    version: 1,
    updated_by_name: null,
    change_marks_json: '{}',
    created_at: tx.now,
    updated_at: tx.now,
  });
  // Two first requests from the same new address at once (PostgreSQL): the second waits for the
  // first to commit, inserts nothing, and takes the customer the first one created.
  const inserted = await insertCustomerUnlessExists(tx.trx, customer);
  if (inserted) return { customer, isNew: true };
  const twin = await findCustomerByEmail(tx.trx, schoolId, emailNormalized);
  if (!twin) throw new Error('customer vanished after a unique conflict');
  return { customer: twin, isNew: false };
}

export interface OpenRequestInput {
  schoolId: string;
  schoolTimeZone: string;
  source: Source;
  customer: CustomerRow;
  language: string;
  actor: Actor;
  /** The first entry of the conversation. */
  firstMessage: {
    authorKind: 'customer' | 'staff' | 'system';
    authorUserId?: string | null;
    /** The secretary who typed in the customer's words (a phone or desk request). */
    notedByUserId?: string | null;
    /** What someone wrote, or what Schuss writes: a key with parameters, rendered per reader. */
    body: string | KeyedText;
    payload?: unknown;
  };
  categoryId?: string | null;
  /** Lines the request opens with (the custom-lesson form's lesson, to be priced). */
  lines?: readonly NewLine[];
}

/** A line as a use case describes it; ids, school, request, position and times are filled in. */
export type NewLine = Omit<
  LineRow,
  'id' | 'school_id' | 'request_id' | 'position' | 'created_at' | 'updated_at'
>;

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

/**
 * Opens a request with the school's next number, its first message and its journal entry.
 * Returns the customer's private link token (≥ 256 random bits), stored only as a hash.
 */
export async function openRequest(
  tx: Tx,
  input: OpenRequestInput,
): Promise<{ request: RequestRow; portalToken: string; status: Status }> {
  const { body } = input.firstMessage;
  const text = typeof body === 'string' ? body : '';
  const keyed = keyedColumns(typeof body === 'string' ? null : body);
  const year = yearIn(tx.now, input.schoolTimeZone);
  const sequence = await nextCounterValue(tx.trx, input.schoolId, requestCounterName(year));
  const portalToken = newSecretToken();
  const request: RequestRow = {
    id: newId('request'),
    school_id: input.schoolId,
    number: formatRequestNumber(year, sequence),
    source: input.source,
    customer_id: input.customer.id,
    language: input.language,
    category_id: input.categoryId ?? null,
    is_online_payment_allowed: 1,
    is_entered_in_pos: 0,
    custom_validated_at: null,
    offer_sent_at: null,
    archived_at: null,
    status: 'request',
    total_cents: 0,
    paid_cents: 0,
    portal_token_hash: sha256(portalToken),
    last_message_at: tx.now,
    last_message_preview: preview(text),
    last_message_key: keyed.key,
    last_message_params_json: keyed.paramsJson,
    last_message_author: input.firstMessage.authorKind,
    created_at: tx.now,
    updated_at: tx.now,
    updated_by_name: input.actor.name,
    version: 1,
    change_marks_json: '{}',
    customer_name: `${input.customer.first_name} ${input.customer.last_name}`.trim(),
    customer_email: input.customer.email,
    services_json: '[]',
    is_to_be_priced: 0,
  };
  request.status = deriveStatus({
    source: request.source,
    archivedAt: null,
    customValidatedAt: null,
    offerSentAt: null,
    isEnteredInPos: false,
    lines: [],
    paidCents: 0,
  });
  await insertRequest(tx.trx, request);
  await tx.trx
    .insertInto('messages')
    .values({
      id: newId('message'),
      school_id: input.schoolId,
      request_id: request.id,
      author_kind: input.firstMessage.authorKind,
      author_user_id: input.firstMessage.authorUserId ?? null,
      noted_by_user_id: input.firstMessage.notedByUserId ?? null,
      body: text,
      body_key: keyed.key,
      body_params_json: keyed.paramsJson,
      payload_json:
        input.firstMessage.payload === undefined ? null : JSON.stringify(input.firstMessage.payload),
      created_at: tx.now,
    })
    .execute();
  await adjustStatusCount(tx, input.schoolId, request.status, 1);
  if (input.lines && input.lines.length > 0) {
    await insertLines(
      tx.trx,
      input.lines.map((line, position) => ({
        ...line,
        id: newId('line'),
        school_id: input.schoolId,
        request_id: request.id,
        position,
        created_at: tx.now,
        updated_at: tx.now,
      })),
    );
    request.status = await refreshStatus(tx, request);
  }
  await upsertSearchDocument(
    tx.trx,
    {
      requestId: request.id,
      schoolId: input.schoolId,
      content: searchContent(request, input.customer, [
        typeof body === 'string' ? body : searchWordsOf(body),
      ]),
    },
    { isNew: true },
  );
  tx.publish({ schoolId: input.schoolId, type: 'counts.changed' });
  await journal(tx, {
    schoolId: input.schoolId,
    requestId: request.id,
    actor: input.actor,
    action: 'request.created',
    details: { number: request.number, source: request.source },
  });
  return { request, portalToken, status: request.status as Status };
}

/**
 * Notifies the school's active staff (stored now, pushed live after commit): everyone, or only
 * `onlyUserIds` when the school chose who is told — falling back to everyone when none of those
 * is active any more, so that a request is never unseen.
 */
export async function notifyStaff(
  tx: Tx,
  schoolId: string,
  notification: {
    kind: string;
    requestId: string | null;
    payload: Record<string, unknown>;
    exceptUserId?: string;
    onlyUserIds?: readonly string[] | null;
  },
): Promise<number> {
  const users = await tx.trx
    .selectFrom('users')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('is_active', '=', 1)
    .execute();
  const everyone = users.filter((u) => u.id !== notification.exceptUserId);
  const only = notification.onlyUserIds ? new Set(notification.onlyUserIds) : null;
  const chosen = only ? everyone.filter((u) => only.has(u.id)) : everyone;
  const recipients = chosen.length > 0 ? chosen : everyone;
  if (recipients.length === 0) return 0;
  await tx.trx
    .insertInto('notifications')
    .values(
      recipients.map((u) => ({
        id: newId('notification'),
        school_id: schoolId,
        user_id: u.id,
        request_id: notification.requestId,
        kind: notification.kind,
        payload_json: JSON.stringify(notification.payload),
        created_at: tx.now,
        read_at: null,
      })),
    )
    .execute();
  tx.publish({
    schoolId,
    type: 'notification',
    requestId: notification.requestId ?? undefined,
    data: { kind: notification.kind },
  });
  return recipients.length;
}
