import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.
// The folding below is a copy of the application's at the time of writing (domain/search-text).

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .toLowerCase();
}

function words(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function phoneKey(phone: string | null): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.startsWith('0033')) return `0${digits.slice(4)}`;
  if (digits.startsWith('33')) return `0${digits.slice(2)}`;
  return digits;
}

const COLUMNS = ['search_last_first', 'search_first_last', 'search_email', 'search_phone'] as const;
const BATCH = 500;

/**
 * "Nouvelle demande" finds customers by accent-folded keys ("lefevre" finds "Lefèvre"): folded
 * in JavaScript (neither database folds accents the same way), stored with a binary collation so
 * that a prefix is an index range, and filled here for the customers that already exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const column of COLUMNS) {
    await db.schema
      .alterTable('customers')
      .addColumn(column, isPg ? sql`text collate "C"` : 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }

  let after = '';
  for (;;) {
    const rows: { id: string; first_name: string; last_name: string; email: string; phone: string | null }[] =
      await db
        .selectFrom('customers')
        .select(['id', 'first_name', 'last_name', 'email', 'phone'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
    if (rows.length === 0) break;
    const values = rows.map(
      (r) =>
        sql`(${r.id}, ${words(`${r.last_name} ${r.first_name}`)}, ${words(`${r.first_name} ${r.last_name}`)}, ${fold(
          r.email.trim(),
        )}, ${phoneKey(r.phone)})`,
    );
    // Both databases name the columns of a VALUES list column1, column2…
    await sql`update customers set
      search_last_first = v.column2, search_first_last = v.column3,
      search_email = v.column4, search_phone = v.column5
      from (values ${sql.join(values)}) as v
      where customers.id = v.column1`.execute(db);
    after = rows.at(-1)!.id;
  }

  for (const column of COLUMNS) {
    await db.schema
      .createIndex(`customers_school_${column}_idx`)
      .on('customers')
      .columns(['school_id', column])
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
