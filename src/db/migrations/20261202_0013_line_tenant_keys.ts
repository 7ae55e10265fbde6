import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

interface Reference {
  column: string;
  parent: string;
  name: string;
}

/** The references migration 0012 left without a key: a line's session and its instructor. */
const REFERENCES: Reference[] = [
  { column: 'session_id', parent: 'product_sessions', name: 'lines_session_id_fkey' },
  { column: 'instructor_id', parent: 'instructors', name: 'lines_instructor_id_fkey' },
];

function compositeForeignKey(ref: Reference) {
  return sql`constraint ${sql.id(ref.name)} foreign key ("school_id", ${sql.id(ref.column)}) references ${sql.id(
    ref.parent,
  )} ("school_id", "id")`;
}

/**
 * A line sold from a session, or a custom lesson given by an instructor, points at that session
 * or instructor within its own school: (school_id, session_id) → product_sessions (school_id, id)
 * and (school_id, instructor_id) → instructors (school_id, id), as migration 0010 did for the
 * other references. Both columns stay optional (an extra has neither). Existing rows are
 * checked: a line that already points at nothing or at another school's row stops the migration,
 * changing nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Validated here, against every existing row.
    for (const ref of REFERENCES) await sql`alter table lines add ${compositeForeignKey(ref)}`.execute(db);
  } else {
    await upSqlite(db);
  }
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

/**
 * SQLite cannot add a constraint to a table: `lines` is rebuilt as migration 0010 rebuilt it
 * (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off (outside any
 * transaction, where the pragma has effect), one transaction, new table from the stored CREATE
 * TABLE text with the two constraints added, copy with the rowids, drop, rename, indexes and
 * triggers again, `foreign_key_check`, commit, foreign keys back on.
 */
async function upSqlite(db: Kysely<any>): Promise<void> {
  if (db.isTransaction) throw new Error('line tenant keys: SQLite tables are rebuilt outside a transaction');
  const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  const foreignKeysWereOn = rows[0]?.foreign_keys === 1;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await rebuildLines(trx);
      const broken = await sql<{ parent: string; n: number }>`
        select "parent", count(*) as n from pragma_foreign_key_check('lines') group by "parent"`.execute(trx);
      if (broken.rows.length > 0) {
        const list = broken.rows.map((r) => `${r.n} line(s) → ${r.parent}`).join(', ');
        throw new Error(`line tenant keys: lines pointing at another school's rows (or at nothing): ${list}`);
      }
    });
  } finally {
    if (foreignKeysWereOn) await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function rebuildLines(db: Kysely<any>): Promise<void> {
  const objects = await sql<SchemaObject>`
    select type, name, sql from sqlite_schema where tbl_name = 'lines' and sql is not null`.execute(db);
  const created = objects.rows.find((o) => o.type === 'table' && o.name === 'lines');
  if (!created) throw new Error('line tenant keys: no table lines');
  const temporary = 'lines__line_tenant_keys';
  const ddl = created.sql.replace(/^create table\s+"?lines"?\s*\(/i, `CREATE TABLE "${temporary}" (`);
  if (ddl === created.sql || !ddl.endsWith(')'))
    throw new Error('line tenant keys: unexpected definition of lines');
  await sql`${sql.raw(ddl.slice(0, -1))}, ${sql.join(REFERENCES.map(compositeForeignKey))})`.execute(db);

  const columns = await sql<{ name: string; hidden: number }>`
    select name, hidden from pragma_table_xinfo('lines')`.execute(db);
  const copied = [sql`rowid`, ...columns.rows.filter((c) => c.hidden === 0).map((c) => sql.id(c.name))];
  await sql`insert into ${sql.table(temporary)} (${sql.join(copied)}) select ${sql.join(copied)} from lines`.execute(
    db,
  );
  await sql`drop table lines`.execute(db);
  await sql`alter table ${sql.table(temporary)} rename to lines`.execute(db);
  for (const object of objects.rows) {
    if (object.type === 'index' || object.type === 'trigger') await sql.raw(object.sql).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
