import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
const notNull: Col = (c) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = isPg ? sql`timestamptz` : sql`text`;
  const bool = isPg ? sql`smallint` : sql`integer`;
  const big = isPg ? sql`bigint` : sql`integer`;

  await db.schema
    .createTable('schools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('time_zone', 'text', notNull)
    .addColumn('currency', 'text', notNull)
    .addColumn('default_language', 'text', notNull)
    .addColumn('settings_json', 'text', notNull)
    .addColumn('pos_key_hash', 'text', (c) => c.unique())
    .addColumn('intake_key_hash', 'text', (c) => c.unique())
    .addColumn('created_at', ts, notNull)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('language', 'text', notNull)
    .addColumn('is_active', bool, notNull)
    .addColumn('created_at', ts, notNull)
    .addColumn('updated_at', ts, notNull)
    .addCheckConstraint('users_role_check', sql`role in ('admin', 'secretary')`)
    .execute();
  await db.schema.createIndex('users_school_idx').on('users').columns(['school_id', 'name']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('created_at', ts, notNull)
    .addColumn('last_seen_at', ts, notNull)
    .addColumn('expires_at', ts, notNull)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('email', 'text', notNull)
    .addColumn('email_normalized', 'text', notNull)
    .addColumn('first_name', 'text', notNull)
    .addColumn('last_name', 'text', notNull)
    .addColumn('phone', 'text')
    .addColumn('language', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .addColumn('updated_at', ts, notNull)
    .addUniqueConstraint('customers_school_email_key', ['school_id', 'email_normalized'])
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('color', 'text')
    .addColumn('position', 'integer', notNull)
    .addColumn('is_active', bool, notNull)
    .addColumn('created_at', ts, notNull)
    .addUniqueConstraint('categories_school_name_key', ['school_id', 'name'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('description', 'text')
    .addColumn('price_cents', big, notNull)
    .addColumn('vat_rate_bp', 'integer', notNull)
    .addColumn('is_online_sale', bool, notNull)
    .addColumn('is_optional', bool, notNull)
    .addColumn('is_active', bool, notNull)
    .addColumn('position', 'integer', notNull)
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema
    .createIndex('products_school_idx')
    .on('products')
    .columns(['school_id', 'position'])
    .execute();

  await db.schema
    .createTable('instructors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('first_name', 'text', notNull)
    .addColumn('last_name', 'text', notNull)
    .addColumn('languages', 'text', notNull)
    .addColumn('is_active', bool, notNull)
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema.createIndex('instructors_school_idx').on('instructors').column('school_id').execute();

  await db.schema
    .createTable('counters')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('value', big, notNull)
    .addPrimaryKeyConstraint('counters_pkey', ['school_id', 'name'])
    .execute();

  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('number', 'text', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('language', 'text', notNull)
    .addColumn('category_id', 'text', (c) => c.references('categories.id'))
    .addColumn('staff_comment', 'text', notNull)
    .addColumn('is_online_payment_allowed', bool, notNull)
    .addColumn('is_entered_in_pos', bool, notNull)
    .addColumn('custom_validated_at', ts)
    .addColumn('offer_sent_at', ts)
    .addColumn('archived_at', ts)
    .addColumn('status', 'text', notNull)
    .addColumn('total_cents', big, notNull)
    .addColumn('paid_cents', big, notNull)
    .addColumn('portal_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('last_message_at', ts, notNull)
    .addColumn('last_message_preview', 'text', notNull)
    .addColumn('last_message_author', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .addColumn('updated_at', ts, notNull)
    .addColumn('updated_by_name', 'text')
    .addColumn('version', 'integer', notNull)
    .addUniqueConstraint('requests_school_number_key', ['school_id', 'number'])
    .addCheckConstraint(
      'requests_source_check',
      sql`source in ('vel', 'contact', 'custom', 'email', 'staff')`,
    )
    .execute();
  await db.schema
    .createIndex('requests_school_status_activity_idx')
    .on('requests')
    .columns(['school_id', 'status', 'last_message_at', 'id'])
    .execute();
  await db.schema
    .createIndex('requests_school_customer_idx')
    .on('requests')
    .columns(['school_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('label', 'text', notNull)
    .addColumn('quantity', 'integer', notNull)
    .addColumn('unit_price_cents', big, notNull)
    .addColumn('total_cents', big, notNull)
    .addColumn('vat_rate_bp', 'integer', notNull)
    .addColumn('is_online_sale', bool, notNull)
    .addColumn('is_optional', bool, notNull)
    .addColumn('is_active', bool, notNull)
    .addColumn('details_json', 'text', notNull)
    .addColumn('pos_imported_at', ts)
    .addColumn('position', 'integer', notNull)
    .addColumn('created_at', ts, notNull)
    .addColumn('updated_at', ts, notNull)
    .execute();
  await db.schema.createIndex('lines_request_idx').on('lines').columns(['request_id', 'position']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('author_kind', 'text', notNull)
    .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('body', 'text', notNull)
    .addColumn('payload_json', 'text')
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema
    .createIndex('messages_request_idx')
    .on('messages')
    .columns(['request_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('number', 'text', notNull)
    .addColumn('total_cents', big, notNull)
    .addColumn('deposit_cents', big)
    .addColumn('snapshot_json', 'text', notNull)
    .addColumn('sent_at', ts, notNull)
    .addColumn('sent_by_user_id', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('offers_school_number_key', ['school_id', 'number'])
    .execute();
  await db.schema.createIndex('offers_request_idx').on('offers').column('request_id').execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('method', 'text', notNull)
    .addColumn('amount_cents', big, notNull)
    .addColumn('provider', 'text')
    .addColumn('provider_ref', 'text')
    .addColumn('payer_name', 'text')
    .addColumn('note', 'text')
    .addColumn('is_flagged', bool, notNull)
    .addColumn('received_at', ts, notNull)
    .addColumn('recorded_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ts, notNull)
    .addUniqueConstraint('payments_provider_ref_key', ['provider', 'provider_ref'])
    .execute();
  await db.schema.createIndex('payments_request_idx').on('payments').column('request_id').execute();

  await db.schema
    .createTable('activity')
    .addColumn('id', isPg ? sql`bigint generated always as identity` : sql`integer`, (c) =>
      isPg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('request_id', 'text', (c) => c.references('requests.id'))
    .addColumn('actor_kind', 'text', notNull)
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('details_json', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .execute();
  await db.schema.createIndex('activity_request_idx').on('activity').columns(['request_id', 'id']).execute();
  await db.schema.createIndex('activity_school_idx').on('activity').columns(['school_id', 'id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('request_id', 'text', (c) => c.references('requests.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('payload_json', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .addColumn('read_at', ts)
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('payload_json', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .addColumn('available_at', ts, notNull)
    .addColumn('attempts', 'integer', notNull)
    .addColumn('delivered_at', ts)
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .columns(['delivered_at', 'available_at'])
    .execute();

  await db.schema
    .createTable('mail_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('outbox_id', 'text', (c) => c.notNull().unique())
    .addColumn('transport', 'text', notNull)
    .addColumn('to_address', 'text', notNull)
    .addColumn('subject', 'text', notNull)
    .addColumn('text_body', 'text', notNull)
    .addColumn('created_at', ts, notNull)
    .execute();

  // Append-only journal: the database itself refuses to rewrite history.
  if (isPg) {
    await sql`create function activity_append_only() returns trigger language plpgsql as $$
      begin raise exception 'activity is append-only'; end $$`.execute(db);
    await sql`create trigger activity_no_update before update or delete on activity
      for each row execute function activity_append_only()`.execute(db);
  } else {
    await sql`create trigger activity_no_update before update on activity
      begin select raise(abort, 'activity is append-only'); end`.execute(db);
    await sql`create trigger activity_no_delete before delete on activity
      begin select raise(abort, 'activity is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The initial migration cannot be reverted.');
}
