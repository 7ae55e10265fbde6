import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/** The statuses of the status rule at the time of this migration. */
const STATUSES = [
  'request',
  'new',
  'in_progress',
  'awaiting_payment',
  'deposit_paid',
  'paid',
  'processed',
  'archived',
];

const list = sql.join(STATUSES.map((s) => sql.lit(s)));

/**
 * `requests.status` and `status_counts.status` hold one of the rule's statuses, nothing else: a
 * CHECK constraint on PostgreSQL; on SQLite (which cannot add a constraint to a table) triggers
 * that refuse any other value on insert and update.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table requests add constraint requests_status_check check (status in (${list}))`.execute(
      db,
    );
    await sql`alter table status_counts add constraint status_counts_status_check check (status in (${list}))`.execute(
      db,
    );
    return;
  }
  for (const table of ['requests', 'status_counts']) {
    for (const event of ['insert', 'update of status']) {
      const name = `${table}_status_check_${event === 'insert' ? 'insert' : 'update'}`;
      await sql`create trigger ${sql.id(name)} before ${sql.raw(event)} on ${sql.id(table)}
        when new.status not in (${list})
        begin select raise(abort, ${sql.lit(`CHECK constraint failed: ${table}.status`)}); end`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
