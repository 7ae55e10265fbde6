import { type Compilable, type CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './schema.js';

const SENTINEL = '\u0000schuss-argument-';

/**
 * PostgreSQL: the SQL texts of the prepared queries, each with its statement name. The pool
 * (src/db/connection.ts) runs these as named statements: each connection parses one once and
 * keeps its plan (a generic plan after five runs), instead of parsing and planning it on every
 * call as an unnamed statement.
 */
const statementNames = new Map<string, string>();

/** The name of this SQL text's server-side prepared statement, if it is one of the prepared queries. */
export function preparedStatementName(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

/** At most this many texts are named: each is a statement kept by every pooled connection. */
const MAX_NAMED = 500;

/**
 * A hot query written as one SQL template (not with `preparedQuery`): on PostgreSQL its text
 * becomes a named statement too. Only for texts of a bounded set (a fixed template, or one per
 * combination of filters), never for a text that carries a list of values of any length.
 */
export function nameStatement(db: Kysely<Database>, sqlText: string): void {
  if (statementNames.has(sqlText) || statementNames.size >= MAX_NAMED) return;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    statementNames.set(sqlText, `schuss_${statementNames.size + 1}`);
  }
}

/**
 * SQLite: runs a read at once on the one connection, or answers undefined while a transaction is
 * open on it (the read then queues behind it through Kysely, and never sees its uncommitted rows).
 */
export type DirectReader = (sqlText: string, parameters: readonly unknown[]) => unknown[] | undefined;

const directReaders = new WeakMap<Kysely<Database>, DirectReader>();

/** Registered by the SQLite connection for its Kysely instance (not for its transactions). */
export function registerDirectReader(db: Kysely<Database>, reader: DirectReader): void {
  directReaders.set(db, reader);
}

/**
 * Runs a compiled read. On SQLite outside a transaction it is one synchronous call of the cached
 * statement: Kysely's connection queue, plugins and result wrapping cost more than an indexed
 * read itself (5–10 µs a query). Anywhere else (PostgreSQL, a transaction) it is Kysely's.
 */
export async function executeRead<Row>(db: Kysely<Database>, query: CompiledQuery<Row>): Promise<Row[]> {
  const rows = directReaders.get(db)?.(query.sql, query.parameters);
  if (rows) return rows as Row[];
  return (await db.executeQuery(query)).rows;
}

interface Prepared {
  query: CompiledQuery<unknown>;
  /** For each SQL parameter: which argument goes there, or null for a constant of the query. */
  slots: (number | null)[];
}

/**
 * A query written with the query builder, built and compiled once per database dialect, then run
 * with each call's arguments. Building and compiling a query costs more than running it on an
 * index (30–40 µs for a join with a dozen columns); the hottest reads of the staff app pay it once.
 *
 * `build` must use its arguments only as values in the query (no `if` on them): it is called once
 * with placeholders, and the SQL it produces is reused for every call.
 */
export function preparedQuery<Args extends readonly unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Database>, ...args: Args) => Promise<Row[]> {
  // A transaction compiles exactly as its database does: the adapter is the dialect's.
  const byAdapter = new WeakMap<object, Prepared>();
  const prepare = (db: Kysely<Database>, arity: number): Prepared => {
    const placeholders = Array.from({ length: arity }, (_, i) => `${SENTINEL}${i}`) as unknown as Args;
    const query = build(db, ...placeholders).compile() as CompiledQuery<unknown>;
    const slots = query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(SENTINEL) ? Number(value.slice(SENTINEL.length)) : null,
    );
    if (new Set(slots.filter((slot) => slot !== null)).size !== arity) {
      throw new Error('preparedQuery: every argument must appear in the query as a value');
    }
    nameStatement(db, query.sql);
    return { query, slots };
  };
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let prepared = byAdapter.get(adapter);
    if (!prepared) {
      prepared = prepare(db, args.length);
      byAdapter.set(adapter, prepared);
    }
    const { query, slots } = prepared;
    const parameters = query.parameters.map((value, i) => {
      const slot = slots[i];
      return slot === null || slot === undefined ? value : args[slot];
    });
    return executeRead(db, { ...query, parameters } as CompiledQuery<Row>);
  };
}
