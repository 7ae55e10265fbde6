import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

const CREATED_FROM_SALE = 'Dossier créé depuis la vente';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function parse(text: unknown): Json | null {
  if (typeof text !== 'string') return null;
  try {
    return obj(JSON.parse(text));
  } catch {
    return null;
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Generated words are stored as keys with parameters, rendered in each reader's language:
 * - messages get `body_key` / `body_params_json` (the text column is left empty for them) and
 *   `noted_by_user_id` (a customer's request typed in by staff: the customer is its author);
 * - lines get `label_key` / `label_params_json` (the custom-lesson label);
 * - requests get the key of their last message for the lists' preview, and
 *   `is_to_be_priced` (an active custom lesson without a price yet: "à chiffrer").
 * Existing rows are converted: the custom form's system message, the VEL summaries written when
 * the customer left no message, the custom-lesson labels (and the services summaries holding
 * them), and the first message of every file opened by staff.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const bool = isPg ? sql`smallint` : sql`integer`;

  await db.schema.alterTable('messages').addColumn('body_key', 'text').execute();
  await db.schema.alterTable('messages').addColumn('body_params_json', 'text').execute();
  await db.schema
    .alterTable('messages')
    .addColumn('noted_by_user_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('lines').addColumn('label_key', 'text').execute();
  await db.schema.alterTable('lines').addColumn('label_params_json', 'text').execute();
  await db.schema.alterTable('requests').addColumn('last_message_key', 'text').execute();
  await db.schema.alterTable('requests').addColumn('last_message_params_json', 'text').execute();
  await db.schema
    .alterTable('requests')
    .addColumn('is_to_be_priced', bool, (c) => c.notNull().defaultTo(0))
    .execute();

  // The custom form's system message.
  await sql`update messages set body_key = 'message.created_from_sale', body_params_json = '{}', body = ''
    where author_kind = 'system' and body = ${CREATED_FROM_SALE}`.execute(db);
  await sql`update requests set last_message_key = 'message.created_from_sale',
      last_message_params_json = '{}', last_message_preview = ''
    where last_message_author = 'system' and last_message_preview = ${CREATED_FROM_SALE}`.execute(db);

  // VEL forms sent without a message: the summary written in French becomes a key.
  const velFirsts = await sql<{ id: string; request_id: string; payload_json: string | null }>`
    select m.id, m.request_id, m.payload_json from messages m
    join requests r on r.id = m.request_id
    where r.source = 'vel' and m.author_kind = 'customer' and m.body_key is null
      and m.payload_json is not null and m.created_at = r.created_at`.execute(db);
  for (const message of velFirsts.rows) {
    const payload = parse(message.payload_json);
    if (payload?.form !== 'vel' || str(payload.message) !== '') continue;
    const dates = obj(payload.dates);
    if (!dates || !str(dates.from)) continue;
    const params = JSON.stringify({
      productType: str(payload.productType),
      practice: str(payload.practice),
      participants: Array.isArray(payload.participants) ? payload.participants.length : 0,
      from: str(dates.from),
      to: str(dates.to) || null,
    });
    await sql`update messages set body_key = 'message.vel_summary', body_params_json = ${params}, body = ''
      where id = ${message.id}`.execute(db);
    await sql`update requests set last_message_key = 'message.vel_summary',
        last_message_params_json = ${params}, last_message_preview = ''
      where id = ${message.request_id} and last_message_author = 'customer'
        and last_message_at = created_at`.execute(db);
  }

  // Custom-lesson labels, and the services summaries of the files that hold them.
  const customLines = await sql<{ id: string; request_id: string; details_json: string }>`
    select id, request_id, details_json from lines
    where kind = 'custom' and label_key is null and label like ${'Cours sur mesure — %'}`.execute(db);
  const touched = new Set<string>();
  for (const line of customLines.rows) {
    const details = parse(line.details_json);
    const sessions = details?.sessions;
    if (!details || !str(details.practice) || !str(details.duration)) continue;
    if (typeof sessions !== 'number' || !Number.isInteger(sessions) || sessions < 1) continue;
    const params = JSON.stringify({ practice: details.practice, duration: details.duration, sessions });
    await sql`update lines set label_key = 'line.custom_lesson', label_params_json = ${params}, label = ''
      where id = ${line.id}`.execute(db);
    touched.add(line.request_id);
  }
  for (const requestId of touched) {
    const lines = await sql<{ label: string; label_key: string | null; label_params_json: string | null }>`
      select label, label_key, label_params_json from lines
      where request_id = ${requestId} and is_active = 1 order by position`.execute(db);
    const services = lines.rows.map((l) =>
      l.label_key ? { key: l.label_key, params: parse(l.label_params_json) ?? {} } : l.label,
    );
    await sql`update requests set services_json = ${JSON.stringify(services)} where id = ${requestId}`.execute(
      db,
    );
  }

  await sql`update requests set is_to_be_priced = 1 where exists (
    select 1 from lines l where l.request_id = requests.id and l.is_active = 1
      and l.kind = 'custom' and l.unit_price_cents = 0)`.execute(db);

  // Files opened by staff ("Nouvelle demande"): their first message is the customer's request,
  // noted by the secretary — and, unanswered, the file waits for a reply ("à traiter").
  await sql`update messages set author_kind = 'customer', noted_by_user_id = author_user_id, author_user_id = null
    where author_kind = 'staff' and id in (
      select m.id from messages m join requests r on r.id = m.request_id
      where r.source = 'staff' and m.created_at = r.created_at)`.execute(db);
  await sql`update requests set last_message_author = 'customer'
    where source = 'staff' and last_message_author = 'staff' and last_message_at = created_at`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
