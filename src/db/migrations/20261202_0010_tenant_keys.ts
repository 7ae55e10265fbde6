import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

/** School-owned tables that other school-owned rows point at: each gets a (school_id, id) key. */
const PARENTS = ['users', 'customers', 'categories', 'products', 'requests'] as const;

interface Reference {
  column: string;
  parent: (typeof PARENTS)[number];
  onDelete?: 'cascade';
}

/** Every reference between school-owned tables, by the table holding it. */
const REFERENCES: Record<string, Reference[]> = {
  sessions: [{ column: 'user_id', parent: 'users', onDelete: 'cascade' }],
  requests: [
    { column: 'customer_id', parent: 'customers' },
    { column: 'category_id', parent: 'categories' },
  ],
  lines: [
    { column: 'request_id', parent: 'requests' },
    { column: 'product_id', parent: 'products' },
  ],
  messages: [
    { column: 'request_id', parent: 'requests' },
    { column: 'author_user_id', parent: 'users' },
    { column: 'noted_by_user_id', parent: 'users' },
  ],
  offers: [
    { column: 'request_id', parent: 'requests' },
    { column: 'sent_by_user_id', parent: 'users' },
  ],
  payments: [
    { column: 'request_id', parent: 'requests' },
    { column: 'recorded_by_user_id', parent: 'users' },
  ],
  activity: [
    { column: 'request_id', parent: 'requests' },
    { column: 'actor_user_id', parent: 'users' },
  ],
  notifications: [
    { column: 'user_id', parent: 'users' },
    { column: 'request_id', parent: 'requests' },
  ],
};

const uniqueName = (table: string) => `${table}_school_id_id_key`;
const foreignName = (table: string, column: string) => `${table}_${column}_fkey`;

function compositeForeignKey(table: string, ref: Reference) {
  return sql`constraint ${sql.id(foreignName(table, ref.column))} foreign key ("school_id", ${sql.id(
    ref.column,
  )}) references ${sql.id(ref.parent)} ("school_id", "id")${ref.onDelete ? sql` on delete cascade` : sql``}`;
}

/**
 * The tenant is part of every reference between school-owned rows: a request of school A cannot
 * name school B's customer, a message cannot sit on another school's file, a notification cannot
 * go to another school's user — the database refuses it, whatever the application does.
 * Each referenced table gets a unique (school_id, id) key and each reference becomes
 * (school_id, x_id) → (school_id, id). The single-column references are dropped: the composite
 * one implies them, and checking both would cost every write twice. Existing rows are checked:
 * a row that already crosses schools stops the migration (nothing is changed then).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await upPostgres(db);
  else await upSqlite(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  for (const table of PARENTS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(uniqueName(table))} unique (school_id, id)`.execute(
      db,
    );
  }
  // The search document of a file (SQLite keeps it in an FTS5 table, which has no keys).
  const references = { ...REFERENCES, search_fts: [{ column: 'request_id', parent: 'requests' as const }] };
  for (const [table, refs] of Object.entries(references)) {
    for (const ref of refs) {
      const old = await sql<{ conname: string }>`
        select c.conname from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.conrelid = to_regclass(${table}) and c.confrelid = to_regclass(${ref.parent})
          and cardinality(c.conkey) = 1 and a.attname = ${ref.column}`.execute(db);
      if (old.rows.length !== 1) {
        throw new Error(`tenant keys: expected one reference ${table}.${ref.column} → ${ref.parent}`);
      }
      await sql`alter table ${sql.table(table)} drop constraint ${sql.id(old.rows[0]!.conname)}`.execute(db);
      // Validated here, against every existing row.
      await sql`alter table ${sql.table(table)} add ${compositeForeignKey(table, ref)}`.execute(db);
    }
  }
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

/**
 * SQLite cannot alter a constraint: each table holding references is rebuilt following SQLite's
 * documented procedure (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off
 * (outside any transaction, where the pragma has effect), one transaction, new table, copy,
 * drop, rename, indexes and triggers again, `foreign_key_check`, commit, foreign keys back on.
 * The new table is the stored CREATE TABLE text with the single-column references replaced,
 * so columns added by earlier migrations, defaults and checks stay as they are. Row ids are
 * copied: the search documents (FTS5) share their request's rowid.
 */
async function upSqlite(db: Kysely<any>): Promise<void> {
  if (db.isTransaction) throw new Error('tenant keys: SQLite tables are rebuilt outside a transaction');
  const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  const foreignKeysWereOn = rows[0]?.foreign_keys === 1;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      for (const [table, refs] of Object.entries(REFERENCES)) await rebuildSqliteTable(trx, table, refs);
      for (const table of PARENTS) {
        await sql`create unique index ${sql.id(uniqueName(table))} on ${sql.table(table)} ("school_id", "id")`.execute(
          trx,
        );
      }
      const broken = await sql<{ table: string; parent: string; n: number }>`
        select "table", "parent", count(*) as n from pragma_foreign_key_check group by "table", "parent"`.execute(
        trx,
      );
      if (broken.rows.length > 0) {
        const list = broken.rows.map((r) => `${r.n} row(s) of ${r.table} → ${r.parent}`).join(', ');
        throw new Error(`tenant keys: rows pointing at another school's rows (or at nothing): ${list}`);
      }
    });
  } finally {
    if (foreignKeysWereOn) await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function rebuildSqliteTable(db: Kysely<any>, table: string, refs: Reference[]): Promise<void> {
  const objects = await sql<SchemaObject>`
    select type, name, sql from sqlite_schema where tbl_name = ${table} and sql is not null`.execute(db);
  const created = objects.rows.find((o) => o.type === 'table' && o.name === table);
  if (!created) throw new Error(`tenant keys: no table ${table}`);
  const temporary = `${table}__tenant_keys`;

  let ddl = created.sql.replace(/^create table\s+"?[a-z_]+"?\s*\(/i, `CREATE TABLE "${temporary}" (`);
  for (const ref of refs) {
    const inline = new RegExp(
      `("${ref.column}" [^,]*?) references "${ref.parent}" \\("id"\\)${ref.onDelete ? ` on delete ${ref.onDelete}` : ''}`,
      'g',
    );
    const matches = ddl.match(inline)?.length ?? 0;
    if (matches !== 1)
      throw new Error(`tenant keys: expected one reference ${table}.${ref.column} → ${ref.parent}`);
    ddl = ddl.replace(inline, '$1');
  }
  if (!ddl.endsWith(')')) throw new Error(`tenant keys: unexpected definition of ${table}`);
  const constraints = refs.map((ref) => compositeForeignKey(table, ref));
  await sql`${sql.raw(ddl.slice(0, -1))}, ${sql.join(constraints)})`.execute(db);

  const columns = await sql<{ name: string; pk: number; type: string; hidden: number }>`
    select name, pk, type, hidden from pragma_table_xinfo(${table})`.execute(db);
  const keys = columns.rows.filter((c) => c.pk > 0);
  // A table whose rowid is its INTEGER PRIMARY KEY (the journal) copies it with that column.
  const rowidIsColumn = keys.length === 1 && keys[0]!.type.toLowerCase() === 'integer';
  const names = columns.rows.filter((c) => c.hidden === 0).map((c) => sql.id(c.name));
  const copied = rowidIsColumn ? names : [sql`rowid`, ...names];
  await sql`insert into ${sql.table(temporary)} (${sql.join(copied)}) select ${sql.join(copied)} from ${sql.table(
    table,
  )}`.execute(db);

  // AUTOINCREMENT never reuses an id, even one given out in a transaction that rolled back.
  const sequence = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`
    .execute(db)
    .catch(() => ({ rows: [] as { seq: number }[] }));

  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(temporary)} rename to ${sql.table(table)}`.execute(db);
  for (const object of objects.rows) {
    if (object.type === 'index' || object.type === 'trigger') await sql.raw(object.sql).execute(db);
  }
  const seq = sequence.rows[0]?.seq;
  if (seq !== undefined) {
    await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = ${table}`.execute(db);
    await sql`insert into sqlite_sequence (name, seq) select ${table}, ${seq}
      where not exists (select 1 from sqlite_sequence where name = ${table})`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
