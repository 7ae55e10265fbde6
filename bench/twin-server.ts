import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { withStablePlans } from '../src/db/sqlite-stable-plans.js';
import type { TwinName } from './scenarios/types.js';
import type { DatasetManifest, WriteTarget } from './seed.js';
import {
  sqlFor,
  TWINS,
  type TwinDefinition,
  type TwinExec,
  type TwinFixture,
  toPostgresPlaceholders,
} from './twins.js';

/**
 * A raw twin (bench/twins.ts) behind a bare Fastify route, in its own process:
 *   `node --import tsx bench/twin-server.ts <twin> <port> <SQLite file | postgres://…> <manifest>`
 * POST /bench runs the twin's statements for the next target in ONE transaction, on a copy of
 * the seeded database (bench/twin-database.ts), starting at the targets the app will start at.
 */
interface TwinDb {
  dialect: 'sqlite' | 'postgres';
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs `work` in one transaction with an `exec` of the twin's prepared statements. */
  transaction(twin: TwinDefinition, work: (exec: TwinExec) => Promise<void>): Promise<void>;
}

function sqliteTwinDb(file: string): TwinDb {
  // The app's connection settings (src/db/connection.ts), with its checkpoints on another thread.
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 20');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 1073741824');
  db.pragma('wal_autocheckpoint = 20000');
  const checkpointer = new Worker(new URL('../src/db/checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs: 200 },
  });
  checkpointer.unref();
  const prepared = new Map<string, SQLite.Statement>();
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const rollback = db.prepare('rollback');
  // One transaction at a time on the one connection, as the app's single SQLite connection does.
  let queue: Promise<void> = Promise.resolve();
  const run = (statement: SQLite.Statement, params: unknown[]) =>
    statement.reader
      ? (statement.all(...params) as Record<string, unknown>[])
      : [{ changes: statement.run(...params).changes }];
  return {
    dialect: 'sqlite',
    query: async (sql, params) => run(db.prepare(withStablePlans(sql)), params),
    transaction(twin, work) {
      const exec: TwinExec = async (name, params) => {
        let statement = prepared.get(name);
        if (!statement) {
          // Planned once, as the app's statements are (src/db/sqlite-stable-plans.ts).
          statement = db.prepare(withStablePlans(sqlFor(twin.statements[name]!, 'sqlite')));
          prepared.set(name, statement);
        }
        return run(statement, params);
      };
      const next = queue.then(async () => {
        begin.run();
        try {
          await work(exec);
          commit.run();
        } catch (error) {
          if (db.inTransaction) rollback.run();
          throw error;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

function postgresTwinDb(url: string): TwinDb {
  // The app's pool settings (src/db/connection.ts).
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c jit=off -c max_parallel_workers_per_gather=0 -c lock_timeout=5000',
  });
  pool.on('error', () => {});
  return {
    dialect: 'postgres',
    query: async (sql, params) => (await pool.query(toPostgresPlaceholders(sql), params)).rows,
    async transaction(twin, work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await work(async (name, params) => {
          const result = await client.query({
            name: `twin_${twin.name}_${name}`,
            text: toPostgresPlaceholders(sqlFor(twin.statements[name]!, 'postgres')),
            values: params,
          });
          return result.fields.length > 0 ? result.rows : [{ changes: result.rowCount ?? 0 }];
        });
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

async function loadFixture(db: TwinDb, manifest: DatasetManifest): Promise<TwinFixture> {
  const school = manifest.bigSchool;
  const secretaryEmail = school.staff.find((s) => s.role === 'secretary')!.email;
  const [secretary] = await db.query('select id, name from users where email = ? and school_id = ?', [
    secretaryEmail,
    school.id,
  ]);
  const staff = await db.query('select id from users where school_id = ? and is_active = ? order by id', [
    school.id,
    // 0/1 on both databases (smallint on PostgreSQL, like every flag of the schema).
    1,
  ]);
  if (!secretary || staff.length !== 3) throw new Error('The big school needs its 3 seeded staff accounts.');
  return {
    schoolId: school.id,
    schoolSlug: school.slug,
    schoolName: school.name,
    secretary: { id: String(secretary.id), name: String(secretary.name) },
    staffIds: staff.map((s) => String(s.id)),
    productId: manifest.benchSessions.productId,
    sessionStartsOn: manifest.benchSessions.startsOn,
    sessionEndsOn: manifest.benchSessions.endsOn,
    year: new Date().getUTCFullYear(),
  };
}

async function main(): Promise<void> {
  const [name, portText, database, manifestFile] = process.argv.slice(2);
  const twin = TWINS[name as TwinName];
  if (!twin || !portText || !database || !manifestFile) {
    throw new Error(
      `usage: twin-server.ts <${Object.keys(TWINS).join('|')}> <port> <SQLite file | postgres://…> <manifest>`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as DatasetManifest;
  const db = /^postgres(ql)?:\/\//.test(database) ? postgresTwinDb(database) : sqliteTwinDb(database);
  const fixture = await loadFixture(db, manifest);
  const targets: WriteTarget[] = twin.targets ? manifest.writeTargets[twin.targets] : [];
  // The copy holds the dataset as the app will find it: start where the app will start.
  let n = twin.targets ? (manifest.writeTargetsUsed?.[twin.targets] ?? 0) : 0;

  const app = Fastify({ logger: false });
  app.get('/ready', async () => ({ ok: true }));
  app.post('/bench', async (_request, reply) => {
    const i = n++;
    const target = twin.targets ? targets[i % targets.length]! : null;
    try {
      await db.transaction(twin, (exec) => twin.run(exec, fixture, target, i, new Date().toISOString()));
    } catch (error) {
      return reply.code(500).send({ error: error instanceof Error ? error.message : String(error) });
    }
    return reply.code(201).send({ ok: true });
  });
  await app.listen({ port: Number(portText), host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
