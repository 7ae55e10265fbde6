import type { Db } from './db.js';

/**
 * The customer's data rights (GDPR articles 15 and 17): every row Schuss holds about one customer
 * of one school, as stored, and the erasure of what is left once their files are archived.
 */

/** The tables read by the export, one file's rows each (school-scoped by `school_id`). */
export const GDPR_FILE_TABLES = [
  'lines',
  'messages',
  'offers',
  'payments',
  'payment_attempts',
  'payment_anomalies',
  'activity',
  'notifications',
] as const;
export type GdprFileTable = (typeof GDPR_FILE_TABLES)[number];

export function findCustomerRow(db: Db, schoolId: string, customerId: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', customerId)
    .executeTakeFirst();
}

export function listRequestRowsOfCustomer(db: Db, schoolId: string, customerId: string) {
  return db
    .selectFrom('requests')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every row of `table` about the given files. */
export async function listRowsOfRequests(
  db: Db,
  table: GdprFileTable,
  schoolId: string,
  requestIds: readonly string[],
): Promise<Record<string, unknown>[]> {
  if (requestIds.length === 0) return [];
  return (await db
    .selectFrom(table)
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('request_id', 'in', requestIds)
    .execute()) as Record<string, unknown>[];
}

/** The outbox rows written about the files (by file or offer id) or to the customer's address. */
export async function listOutboxRowsAbout(
  db: Db,
  schoolId: string,
  target: { requestIds: readonly string[]; offerIds: readonly string[]; email: string },
): Promise<Record<string, unknown>[]> {
  const needles = [
    ...target.requestIds.map((id) => `%"requestId":"${id}"%`),
    ...target.offerIds.map((id) => `%"offerId":"${id}"%`),
  ];
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        ...needles.map((needle) => eb('payload_json', 'like', needle)),
        eb('payload_json', 'like', `%${JSON.stringify(target.email).slice(1, -1)}%`),
      ]),
    )
    .orderBy('created_at')
    .execute();
  return rows as Record<string, unknown>[];
}

/** The mail log of those outbox rows, and any mail sent to the customer's address. */
export async function listMailLogAbout(
  db: Db,
  schoolId: string,
  target: { outboxIds: readonly string[]; email: string },
): Promise<Record<string, unknown>[]> {
  const rows = await db
    .selectFrom('mail_log')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        eb('to_address', '=', target.email),
        ...(target.outboxIds.length > 0 ? [eb('outbox_id', 'in', target.outboxIds)] : []),
      ]),
    )
    .orderBy('created_at')
    .execute();
  return rows as Record<string, unknown>[];
}

/** The conversation's words of a file (an erasure request: the conversation goes too). */
export async function eraseMessagesOfRequest(db: Db, schoolId: string, requestId: string): Promise<void> {
  await db
    .updateTable('messages')
    .set({ body: '', body_key: null, body_params_json: null, payload_json: null })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
}

/** What the file's row repeats of the customer and of the conversation, for the lists. */
export async function eraseRequestCopies(db: Db, schoolId: string, requestId: string): Promise<void> {
  await db
    .updateTable('requests')
    .set({
      customer_name: '',
      customer_email: '',
      last_message_preview: '',
      last_message_key: null,
      last_message_params_json: null,
      services_json: '[]',
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId)
    .execute();
}

/** The custom lines' generated labels name the lesson's details; the product names stay. */
export async function eraseCustomLineLabels(db: Db, schoolId: string, requestId: string): Promise<void> {
  await db
    .updateTable('lines')
    .set({ label: '…', label_key: null, label_params_json: null })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .where('kind', '=', 'custom')
    .execute();
}

/** Staff notifications about the files: their payload names the customer. */
export async function redactNotificationsOfRequest(
  db: Db,
  schoolId: string,
  requestId: string,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ payload_json: '{"redacted":true}' })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
}

/** The customer's row becomes an anonymous placeholder (the files and the ledger point to it). */
export async function anonymiseCustomer(
  db: Db,
  schoolId: string,
  customerId: string,
  at: string,
): Promise<void> {
  const email = `erased-${customerId}@erased.invalid`;
  await db
    .updateTable('customers')
    .set({
      email,
      email_normalized: email,
      first_name: 'Client',
      last_name: '(effacé)',
      phone: null,
      note: '',
      updated_by_name: null,
      change_marks_json: '{}',
      search_last_first: '',
      search_first_last: '',
      search_email: '',
      search_phone: '',
      updated_at: at,
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', customerId)
    .execute();
}
