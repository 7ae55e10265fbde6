import type { CustomerRow } from '../../db/repositories/index.js';
import {
  insertLines,
  insertMessage,
  insertRequest,
  type LineRow,
  nextCounterValue,
  type RequestRow,
  toRequest,
} from '../../db/repositories/index.js';
import { ZERO } from '../../domain/money.js';
import { formatRequestNumber, requestCounterName } from '../../domain/numbering.js';
import { preview, type Request } from '../../domain/request.js';
import { deriveStatus, type Source, type Status } from '../../domain/status.js';
import { yearIn } from '../../domain/time-zone.js';
import type { Actor } from '../actor.js';
import { sha256 } from '../crypto.js';
import { newId, newSecretToken } from '../ids.js';
import { newPortalLink } from '../portal/private-link.js';
import { journal, type Tx } from '../tx.js';
import { type KeyedText, keyedColumns } from './keyed-text.schemas.js';
import { searchWordsOf } from './keyed-text-search.js';
import { indexNewRequest } from './search-document.js';
import { countNewRequest, refreshStatus } from './status-materializer.js';

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
  /** The private-link key (src/app/portal/private-link.ts): the link is then derived, not random. */
  portalLinkKey?: string;
}

/** A line as a use case describes it; ids, school, request, position and times are filled in. */
export type NewLine = Omit<
  LineRow,
  'id' | 'school_id' | 'request_id' | 'position' | 'created_at' | 'updated_at'
>;

/**
 * Opens a request with the school's next number (in the school's year), its first message, its
 * lines if any, its status by the rule, its search document and its journal entry. Returns the
 * customer's private link token (256 bits), stored only as a hash: derived from the file's
 * nonce when the link key is given, random (re-issued derived at the first offer) otherwise.
 */
export async function openRequest(
  tx: Tx,
  input: OpenRequestInput,
): Promise<{ request: Request; portalToken: string; status: Status }> {
  const { body } = input.firstMessage;
  const text = typeof body === 'string' ? body : '';
  const keyed = keyedColumns(typeof body === 'string' ? null : body);
  const year = yearIn(tx.now, input.schoolTimeZone);
  const sequence = await nextCounterValue(tx.trx, input.schoolId, requestCounterName(year));
  const id = newId('request');
  const link = input.portalLinkKey ? newPortalLink(input.portalLinkKey, id) : null;
  const portalToken = link ? link.token : newSecretToken();
  const status = deriveStatus({
    source: input.source,
    archivedAt: null,
    customValidatedAt: null,
    offerSentAt: null,
    isEnteredInPos: false,
    lines: [],
    paidCents: ZERO,
  });
  const row: RequestRow = {
    id,
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
    status,
    total_cents: 0,
    paid_cents: 0,
    portal_token_hash: sha256(portalToken),
    portal_nonce: link ? link.nonce : null,
    offer_valid_until: null,
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
    deposit_rule_json: null,
    balance_due_on: null,
    balance_reminder_sent_at: null,
    balance_overdue_sent_at: null,
  };
  await insertRequest(tx.trx, row);
  await insertMessage(tx.trx, {
    id: newId('message'),
    school_id: input.schoolId,
    request_id: row.id,
    author_kind: input.firstMessage.authorKind,
    author_user_id: input.firstMessage.authorUserId ?? null,
    noted_by_user_id: input.firstMessage.notedByUserId ?? null,
    body: text,
    body_key: keyed.key,
    body_params_json: keyed.paramsJson,
    payload_json:
      input.firstMessage.payload === undefined ? null : JSON.stringify(input.firstMessage.payload),
    created_at: tx.now,
  });
  await countNewRequest(tx, input.schoolId, status);
  const request = toRequest(row);
  if (input.lines && input.lines.length > 0) {
    await insertLines(
      tx.trx,
      input.lines.map((line, position) => ({
        ...line,
        id: newId('line'),
        school_id: input.schoolId,
        request_id: row.id,
        position,
        created_at: tx.now,
        updated_at: tx.now,
      })),
    );
    Object.assign(request, await refreshStatus(tx, input.schoolId, row.id));
  }
  await indexNewRequest(tx, request, input.customer, typeof body === 'string' ? body : searchWordsOf(body));
  await journal(tx, {
    schoolId: input.schoolId,
    requestId: row.id,
    actor: input.actor,
    action: 'request.created',
    details: { number: row.number, source: row.source },
  });
  return { request, portalToken, status: request.status };
}
