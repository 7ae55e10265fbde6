import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * The sale half (the "Devis" onglet): the catalogue as the school's counter knows it (products
 * with their names per language, practice, ages, levels, pricing unit; their sessions with
 * dates, times, meeting point and capacity), instructors' practices and days off, lines tied to
 * a session and an instructor, versioned quotes and payment links with a validity and a
 * reminder, and a rotatable per-dossier nonce the private link is derived from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = isPg ? sql`timestamptz` : sql`text`;
  const bool = isPg ? sql`smallint` : sql`integer`;

  await db.schema
    .alterTable('products')
    .addColumn('names_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('products').addColumn('practice', 'text').execute();
  await db.schema.alterTable('products').addColumn('age_min', 'integer').execute();
  await db.schema.alterTable('products').addColumn('age_max', 'integer').execute();
  await db.schema
    .alterTable('products')
    .addColumn('levels', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('products')
    .addColumn('price_unit', 'text', (c) => c.notNull().defaultTo('participant'))
    .execute();
  await db.schema.alterTable('products').addColumn('archived_at', ts).execute();

  await db.schema
    .createTable('product_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('meeting_point', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('is_active', bool, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('product_sessions_school_id_key', ['school_id', 'id'])
    .addForeignKeyConstraint('product_sessions_product_fkey', ['school_id', 'product_id'], 'products', [
      'school_id',
      'id',
    ])
    .addCheckConstraint('product_sessions_capacity_check', sql`capacity >= 0`)
    .execute();
  await db.schema
    .createIndex('product_sessions_product_idx')
    .on('product_sessions')
    .columns(['school_id', 'product_id', 'starts_on'])
    .execute();

  // Days off point at their instructor within the school: instructors get a (school_id, id) key.
  await db.schema
    .createIndex('instructors_school_id_id_key')
    .on('instructors')
    .columns(['school_id', 'id'])
    .unique()
    .execute();
  await db.schema
    .alterTable('instructors')
    .addColumn('practices', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('instructor_unavailabilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('instructor_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addForeignKeyConstraint(
      'instructor_unavailabilities_instructor_fkey',
      ['school_id', 'instructor_id'],
      'instructors',
      ['school_id', 'id'],
    )
    .addUniqueConstraint('instructor_unavailabilities_day_key', ['school_id', 'instructor_id', 'day'])
    .execute();

  // A line sold from a session holds places in it; a custom lesson is given by an instructor.
  await db.schema.alterTable('lines').addColumn('session_id', 'text').execute();
  await db.schema.alterTable('lines').addColumn('instructor_id', 'text').execute();
  await db.schema
    .alterTable('lines')
    .addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('lines_session_idx').on('lines').columns(['school_id', 'session_id']).execute();
  await db.schema
    .createIndex('lines_instructor_idx')
    .on('lines')
    .columns(['school_id', 'instructor_id'])
    .execute();

  await db.schema
    .alterTable('offers')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('offers')
    .addColumn('amount_cents', isPg ? sql`bigint` : sql`integer`)
    .execute();
  await db.schema.alterTable('offers').addColumn('valid_until', 'text').execute();
  await db.schema.alterTable('offers').addColumn('reminder_sent_at', ts).execute();
  await db.schema
    .createIndex('offers_request_sent_idx')
    .on('offers')
    .columns(['school_id', 'request_id', 'sent_at'])
    .execute();
  await db.schema.createIndex('offers_valid_until_idx').on('offers').column('valid_until').execute();

  await db.schema.alterTable('requests').addColumn('portal_nonce', 'text').execute();
  // Denormalised for the lists ("expire bientôt"): the current quote's last valid day.
  await db.schema.alterTable('requests').addColumn('offer_valid_until', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
