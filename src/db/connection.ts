import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type LogEvent,
  PostgresDialect,
  type PostgresPool,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
  sql,
} from 'kysely';
import pg from 'pg';
import { isDatabaseBusy } from './db-errors.js';
import { preparedStatementName, registerDirectReader } from './prepared-query.js';
import type { Database } from './schema.js';
import { withStablePlans } from './sqlite-stable-plans.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY and health checks. */
  pgPool: pg.Pool | null;
  /** Can the database take a write now? 'busy' when another process holds the write lock. */
  probe(): Promise<'ok' | 'busy'>;
  /** Refreshes the query planner's statistics (at start, then now and then). */
  optimize(): Promise<void> | void;
  close(): Promise<void>;
}

/** SQLite write transactions begin IMMEDIATE: two writers never deadlock upgrading a read lock. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

let pgTypesConfigured = false;
/** bigint → number (ids and sums stay far below 2^53), timestamptz → UTC ISO string. */
function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  pgTypesConfigured = true;
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/**
 * Kysely prepares every statement anew; better-sqlite3 statements are reusable, so the same SQL
 * text gets the same prepared statement (bounded, least recently used evicted). Each is prepared
 * with its parameters hidden from the planner (`withStablePlans`): planned once, not on every run.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(withStablePlans(sql));
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}

/**
 * Options of a connection: `onQuery` sees the SQL of every statement run (tests count them) and
 * how long the driver took to run it (bench/trace.ts adds them up).
 */
export interface OpenOptions {
  onQuery?: (sql: string, durationMs: number) => void;
}

function queryLog(options: OpenOptions): { log?: (event: LogEvent) => void } {
  const { onQuery } = options;
  return onQuery
    ? { log: (event) => event.level === 'query' && onQuery(event.query.sql, event.queryDurationMillis) }
    : {};
}

export function openSqlite(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Waiting for another process's lock blocks the event loop (better-sqlite3 is synchronous):
  // wait briefly here, and let `transact` retry asynchronously (src/app/tx.ts).
  sqlite.pragma('busy_timeout = 20');
  // A dossier page or a list page reads rows scattered over the file (a school's files of one tab
  // were written months apart): a 64 MiB page cache and memory-mapped reads keep those pages
  // in memory instead of copying them from the OS on every request (the 2 MiB default).
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 1073741824');
  const checkpointer = file === ':memory:' ? null : startCheckpointer(sqlite, file);
  const statements = withStatementCache(sqlite);
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: statements }),
    ...queryLog(options),
  });
  registerDirectReader(kysely, (sqlText, parameters) => {
    if (sqlite.inTransaction) return undefined;
    const statement = statements.prepare(sqlText) as unknown as SQLite.Statement;
    if (!statement.reader || !statement.readonly) return undefined;
    if (!options.onQuery) return statement.all(parameters) as unknown[];
    const started = performance.now();
    const rows = statement.all(parameters) as unknown[];
    options.onQuery(sqlText, performance.now() - started);
    return rows;
  });
  return {
    kysely,
    dialect: 'sqlite',
    pgPool: null,
    // A write transaction that writes nothing: BEGIN IMMEDIATE takes the write lock, or is busy.
    probe: () =>
      kysely
        .transaction()
        .execute((trx) => sql`select 1`.execute(trx))
        .then(
          () => 'ok' as const,
          (error: unknown) => {
            if (isDatabaseBusy(error)) return 'busy' as const;
            throw error;
          },
        ),
    optimize: () => {
      // Gathers planner statistics where they are missing or stale (cheap when nothing changed):
      // without them SQLite may pick a school-wide index over a per-file one.
      sqlite.pragma('analysis_limit = 1000');
      sqlite.pragma('optimize = 0x10002');
    },
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

/**
 * WAL checkpoints move to a worker thread, every 200 ms: commits on the main thread only append
 * to the WAL, and a page changed by many commits is copied back once. The main connection keeps
 * a high automatic checkpoint as a safety net should the worker fall behind.
 */
function startCheckpointer(sqlite: SQLite.Database, file: string): { stop(): Promise<void> } | null {
  if (process.env.SCHUSS_SQLITE_CHECKPOINT_WORKER === 'off') return null;
  sqlite.pragma('wal_autocheckpoint = 20000');
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs: 200 },
  });
  worker.unref();
  let exited = false;
  worker.on('error', () => sqlite.pragma('wal_autocheckpoint = 1000'));
  worker.on('exit', () => {
    exited = true;
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        // Keep the process alive until the worker has closed its connection.
        worker.ref();
        worker.postMessage('stop');
      }),
  };
}

const NAMED = Symbol('schuss.namedStatements');

/**
 * Kysely sends every query as an unnamed statement (parsed and planned on each call). A client
 * handed to Kysely sends the prepared queries' texts (`preparedQuery`) as named statements
 * instead: node-postgres prepares each once per connection and then only binds and executes it.
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  return {
    // What Kysely's query cancellation opens a control connection with.
    Client: pg.Client,
    options: pool.options,
    end: () => pool.end(),
    connect: async () => {
      const client = (await pool.connect()) as pg.PoolClient & { [NAMED]?: true };
      if (!client[NAMED]) {
        client[NAMED] = true;
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
          const name =
            typeof text === 'string' && rest.length === 0 ? preparedStatementName(text) : undefined;
          return name ? query({ name, text, values }) : query(text, values, ...rest);
        }) as typeof client.query;
      }
      return client;
    },
  };
}

export function openPostgres(url: string, poolSize = 10, options: OpenOptions = {}): Db {
  configurePgTypes();
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Short OLTP queries: JIT compilation and parallel workers cost more than they save here.
    // A write waiting for a lock gives up after 5 s (55P03 → 503) instead of holding a pool slot.
    options: '-c jit=off -c max_parallel_workers_per_gather=0 -c lock_timeout=5000',
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withNamedStatements(pool) }),
    ...queryLog(options),
  });
  return {
    kysely,
    dialect: 'postgres',
    pgPool: pool,
    // PostgreSQL's row locks never block the whole database: reachable is writable.
    probe: () => sql`select 1`.execute(kysely).then(() => 'ok' as const),
    // PostgreSQL's autovacuum keeps statistics fresh by itself.
    optimize: () => {},
    close: () => kysely.destroy(),
  };
}

/** `DATABASE_URL` = postgres://… selects PostgreSQL; anything else is a SQLite file path. */
export function openDatabase(options: { databaseUrl?: string; sqliteFile: string }): Db {
  return isPostgresUrl(options.databaseUrl)
    ? openPostgres(options.databaseUrl)
    : openSqlite(options.sqliteFile);
}
