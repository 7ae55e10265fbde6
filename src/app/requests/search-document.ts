import {
  appendSearchText,
  type CustomerRow,
  findCustomerInSchool,
  listMessageTexts,
  upsertSearchDocument,
} from '../../db/repositories/index.js';
import { indexWords, phoneDigits } from '../../domain/search-text.js';
import type { Tx } from '../tx.js';
import { readKeyedText } from './keyed-text.schemas.js';
import { searchWordsOf } from './keyed-text-search.js';

/** The words a request is found by: customer name, e-mail, phone, number, then message texts. */
export function searchContent(
  request: { number: string },
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

/** Writes the search document of a request just opened. */
export async function indexNewRequest(
  tx: Tx,
  request: { id: string; schoolId: string; number: string },
  customer: Pick<CustomerRow, 'first_name' | 'last_name' | 'email' | 'phone'>,
  firstText: string,
): Promise<void> {
  await upsertSearchDocument(
    tx.trx,
    {
      requestId: request.id,
      schoolId: request.schoolId,
      content: searchContent(request, customer, [firstText]),
    },
    { isNew: true },
  );
}

/** A new message's words join the request's search document. */
export async function indexMessage(tx: Tx, schoolId: string, requestId: string, text: string): Promise<void> {
  await appendSearchText(tx.trx, requestId, schoolId, indexWords(text));
}

/** Rebuilds the search document of a request from the database (after a customer edit). */
export async function reindexRequest(
  tx: Tx,
  request: { id: string; school_id: string; number: string; customer_id: string },
): Promise<void> {
  const [customer, messages] = await Promise.all([
    findCustomerInSchool(tx.trx, request.school_id, request.customer_id),
    listMessageTexts(tx.trx, request.school_id, request.id),
  ]);
  if (!customer) throw new Error(`customer ${request.customer_id} vanished inside its own transaction`);
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
