import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * Closing the loop (issue 12): the school's POS keys (stored hashed, revocable) and every use of
 * them, the season-archive jobs (a cursor, so an interrupted run resumes and a second run finds
 * nothing left to do), and the one audited way to redact the append-only journal: an entry's
 * details (and, for a customer, the name it was written under) may be rewritten,
 * stamping a later `redacted_at` each time (archive, then an erasure request); its action, time,
 * file and staff author stay, and deleting stays refused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = isPg ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('pos_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** sha256 of the key: a database leak yields no working key. */
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    /** The first characters of the key, to tell keys apart on screen. */
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('revoked_at', ts)
    .addColumn('last_used_at', ts)
    .addUniqueConstraint('pos_keys_school_id_key', ['school_id', 'id'])
    .addForeignKeyConstraint('pos_keys_created_by_fkey', ['school_id', 'created_by_user_id'], 'users', [
      'school_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('pos_key_uses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    /** The key's name at the time of use (a log line stays true if the key is renamed). */
    .addColumn('key_name', 'text', (c) => c.notNull())
    /** 'list' | 'ack' */
    .addColumn('operation', 'text', (c) => c.notNull())
    /** The file number acknowledged, or the listing's page size. */
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('used_at', ts, (c) => c.notNull())
    .addForeignKeyConstraint('pos_key_uses_key_fkey', ['school_id', 'key_id'], 'pos_keys', [
      'school_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('pos_key_uses_key_idx')
    .on('pos_key_uses')
    .columns(['school_id', 'key_id', 'used_at'])
    .execute();

  await db.schema
    .createTable('archive_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    /** 'processed' (every "Commande traitée") | 'older_than' (every file opened before `before_day`) */
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('before_day', 'text')
    /** The id of the last file this job archived: files are taken in id order after it. */
    .addColumn('cursor', 'text')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done_count', 'integer', (c) => c.notNull())
    /** 'running' | 'done' */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('archive_jobs_school_id_key', ['school_id', 'id'])
    .addForeignKeyConstraint('archive_jobs_created_by_fkey', ['school_id', 'created_by_user_id'], 'users', [
      'school_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('archive_jobs_state_idx')
    .on('archive_jobs')
    .columns(['school_id', 'state'])
    .execute();

  // The season archive finds the processed files of a school, and the files opened before a day.
  await db.schema
    .createIndex('requests_archive_scan_idx')
    .on('requests')
    .columns(['school_id', 'archived_at', 'id'])
    .execute();

  await db.schema.alterTable('activity').addColumn('redacted_at', ts).execute();

  // The journal stays append-only, with one exception: redaction, stamped with its time.
  if (isPg) {
    await sql`drop trigger activity_no_update on activity`.execute(db);
    await sql`create function activity_redact_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE'
          and new.redacted_at is not null
          and (old.redacted_at is null or new.redacted_at > old.redacted_at)
          and new.id = old.id and new.school_id = old.school_id
          and new.request_id is not distinct from old.request_id
          and new.actor_kind = old.actor_kind
          and new.actor_user_id is not distinct from old.actor_user_id
          and (new.actor_name = old.actor_name or old.actor_kind = 'customer')
          and new.action = old.action and new.created_at = old.created_at
        then return new; end if;
        raise exception 'activity is append-only';
      end $$`.execute(db);
    await sql`create trigger activity_no_update before update or delete on activity
      for each row execute function activity_redact_only()`.execute(db);
    return;
  }
  await sql`drop trigger activity_no_update`.execute(db);
  await sql`create trigger activity_no_update before update on activity
    when not (
      new.redacted_at is not null
      and (old.redacted_at is null or new.redacted_at > old.redacted_at)
      and new.id = old.id and new.school_id = old.school_id
      and new.request_id is old.request_id
      and new.actor_kind = old.actor_kind
      and new.actor_user_id is old.actor_user_id
      and (new.actor_name = old.actor_name or old.actor_kind = 'customer')
      and new.action = old.action and new.created_at = old.created_at
    )
    begin select raise(abort, 'activity is append-only'); end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
