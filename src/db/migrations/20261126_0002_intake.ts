import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = isPg ? sql`timestamptz` : sql`text`;

  // Instance-wide settings: the generated APP_SECRET when the environment does not give one.
  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // Proof-of-work challenges already spent: a solved challenge opens one submission only. Rows
  // are useless once the challenge expired and are swept then.
  await db.schema
    .createTable('intake_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('intake_challenges_expires_idx')
    .on('intake_challenges')
    .column('expires_at')
    .execute();

  // Fingerprints of recent public submissions: an identical resubmission within minutes answers
  // with the number already given instead of opening a second file.
  await db.schema
    .createTable('intake_fingerprints')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('request_number', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('intake_fingerprints_pkey', ['school_id', 'fingerprint'])
    .execute();
  await db.schema
    .createIndex('intake_fingerprints_created_idx')
    .on('intake_fingerprints')
    .column('created_at')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
