import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/**
 * `schools.disabled_at`: set by the operator command (`schuss school disable`); a disabled
 * school's forms are closed and its staff cannot sign in. Null for every existing school.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('schools')
    .addColumn('disabled_at', isPg ? sql`timestamptz` : sql`text`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('schools').dropColumn('disabled_at').execute();
}
