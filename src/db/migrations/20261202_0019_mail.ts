import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * E-mail both ways: an outbox row that keeps failing is parked (shown to the admin, retried only
 * by hand); the mail log keeps what was sent as the customer received it (Message-ID, HTML, the
 * thread headers, the attachments' names and sizes) for the development outbox page; staff choose
 * which events they are told about by e-mail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = isPg ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('outbox').addColumn('parked_at', ts).execute();
  await db.schema.alterTable('mail_log').addColumn('message_id', 'text').execute();
  await db.schema.alterTable('mail_log').addColumn('html_body', 'text').execute();
  await db.schema.alterTable('mail_log').addColumn('headers_json', 'text').execute();
  await db.schema.alterTable('mail_log').addColumn('attachments_json', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('email_notifications_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
