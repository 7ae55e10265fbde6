import SQLite from 'better-sqlite3';
import type { Insertable } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema.js';

type Value = string | number | null;
export type Row<T extends keyof Database> = Insertable<Database[T]>;

/**
 * Multi-row INSERTs straight through the driver, for seeding hundreds of thousands of rows in
 * seconds. The application's query builder is not used here on purpose: compiling one statement
 * per chunk would dominate; the schema types still check every row.
 */
export interface BulkWriter {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction; every `insert` inside it joins that transaction. */
  transaction(work: () => Promise<void>): Promise<void>;
  insert<T extends keyof Database>(table: T, rows: readonly Row<T>[]): Promise<void>;
  /**
   * Folds SQLite's write-ahead log, so the server starts on a settled file; gathers planner
   * statistics on PostgreSQL always (autovacuum would, shortly after a real import) and on SQLite
   * only when asked (the app itself never runs ANALYZE there).
   */
  finish(options: { analyze: boolean }): Promise<void>;
  close(): Promise<void>;
}

function columnsOf(rows: readonly object[]): string[] {
  return Object.keys(rows[0] ?? {});
}

function flatten(rows: readonly object[], columns: readonly string[], from: number, to: number): Value[] {
  const out: Value[] = [];
  for (let r = from; r < to; r++) {
    const row = rows[r] as Record<string, Value | undefined>;
    for (const column of columns) out.push(row[column] ?? null);
  }
  return out;
}

/** SQLite: one prepared statement per (table, columns, row count), reused for every full chunk. */
export function sqliteBulkWriter(file: string): BulkWriter {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  // Seeding only: the file is rebuilt from scratch if the machine dies half-way.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -262144');
  const statements = new Map<string, SQLite.Statement>();
  const MAX_VARIABLES = 32_000;

  return {
    dialect: 'sqlite',
    async transaction(work) {
      db.exec('begin');
      try {
        await work();
        db.exec('commit');
      } catch (error) {
        db.exec('rollback');
        throw error;
      }
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = columnsOf(rows);
      const perChunk = Math.max(1, Math.min(500, Math.floor(MAX_VARIABLES / columns.length)));
      for (let from = 0; from < rows.length; from += perChunk) {
        const to = Math.min(rows.length, from + perChunk);
        const key = `${table}|${columns.join(',')}|${to - from}`;
        let statement = statements.get(key);
        if (!statement) {
          const tuple = `(${columns.map(() => '?').join(',')})`;
          statement = db.prepare(
            `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array(to - from)
              .fill(tuple)
              .join(',')}`,
          );
          statements.set(key, statement);
        }
        statement.run(flatten(rows, columns, from, to));
      }
    },
    async finish({ analyze }) {
      if (analyze) db.exec('analyze');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      db.close();
    },
  };
}

/** PostgreSQL: parameterised multi-row INSERTs on one dedicated connection. */
export async function postgresBulkWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  const MAX_PARAMETERS = 60_000;

  return {
    dialect: 'postgres',
    async transaction(work) {
      await client.query('begin');
      try {
        await work();
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = columnsOf(rows);
      const perChunk = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / columns.length)));
      for (let from = 0; from < rows.length; from += perChunk) {
        const to = Math.min(rows.length, from + perChunk);
        const tuples: string[] = [];
        let n = 0;
        for (let r = from; r < to; r++) tuples.push(`(${columns.map(() => `$${++n}`).join(',')})`);
        await client.query({
          text: `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`,
          values: flatten(rows, columns, from, to),
        });
      }
    },
    async finish() {
      await client.query('analyze');
    },
    async close() {
      await client.end();
    },
  };
}
