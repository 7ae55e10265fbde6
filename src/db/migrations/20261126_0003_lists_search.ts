import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;

  // Tab counts, maintained in the same transaction as every status change: the seven counts of
  // "Gestion des dossiers" cost seven primary-key reads, whatever the size of the school.
  await db.schema
    .createTable('status_counts')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('count', isPg ? sql`bigint` : sql`integer`, (c) => c.notNull())
    .addPrimaryKeyConstraint('status_counts_pkey', ['school_id', 'status'])
    .execute();

  // Full-text search over customer name, e-mail, phone, file number and message words. Text is
  // folded (accents, case) by the application before it is stored and before it is searched.
  if (isPg) {
    await sql`create table search_fts (
      request_id text primary key references requests(id),
      school_id text not null references schools(id),
      content text not null,
      tsv tsvector generated always as (to_tsvector('simple', content)) stored
    )`.execute(db);
    await sql`create index search_fts_tsv_idx on search_fts using gin (tsv)`.execute(db);
    await sql`create index search_fts_school_idx on search_fts (school_id)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(
      content, request_id unindexed, school_id unindexed, tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  }

  // The journal of one file, newest first, without touching the rest of the school's journal.
  await db.schema
    .createIndex('activity_school_request_idx')
    .on('activity')
    .columns(['school_id', 'request_id', 'id'])
    .execute();

  // "À traiter" filter and the Gestion des demandes list sort on the last message.
  await db.schema
    .createIndex('requests_school_customer_activity_idx')
    .on('requests')
    .columns(['school_id', 'customer_id', 'last_message_at'])
    .execute();
  await db.schema
    .createIndex('customers_school_name_idx')
    .on('customers')
    .columns(['school_id', 'last_name', 'first_name'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
