import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * The lists show the customer's name, e-mail and the services in short on every row: they are
 * kept on the request itself (maintained in the same transaction as the change), so a page of
 * 50 is one indexed read instead of joins and a second query.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [column, empty] of [
    ['customer_name', ''],
    ['customer_email', ''],
    ['services_json', '[]'],
  ] as const) {
    await db.schema
      .alterTable('requests')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(empty))
      .execute();
  }
  await sql`update requests set
    customer_name = (select trim(c.first_name || ' ' || c.last_name) from customers c where c.id = requests.customer_id),
    customer_email = (select c.email from customers c where c.id = requests.customer_id)`.execute(db);
  if (isPg) {
    await sql`update requests set services_json = coalesce((
      select json_agg(l.label order by l.position)::text from lines l where l.request_id = requests.id and l.is_active = 1
    ), '[]')`.execute(db);
  } else {
    await sql`update requests set services_json = coalesce((
      select json_group_array(label) from (
        select l.label from lines l where l.request_id = requests.id and l.is_active = 1 order by l.position
      )
    ), '[]')`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
