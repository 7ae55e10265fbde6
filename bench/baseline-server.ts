import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { withStablePlans } from '../src/db/sqlite-stable-plans.js';

/**
 * The bare baselines, each in its own process on loopback:
 *   `node --import tsx bench/baseline-server.ts <bare|insert|select> <port> <folder>`
 * They answer GET /ready and the measured route GET|POST /bench.
 */
const KINDS = ['bare', 'insert', 'select'];

/** Rows of the SELECT baseline's table, and the page it reads. */
const SELECT_TABLE_ROWS = 100_000;
const SELECT_PAGE = 50;
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

function openSqlite(file: string): SQLite.Database {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

async function main(): Promise<void> {
  const [kind, portText, folder] = process.argv.slice(2);
  if (!kind || !KINDS.includes(kind) || !portText || !folder) {
    throw new Error('usage: baseline-server.ts <bare|insert|select> <port> <folder>');
  }
  const app = Fastify({ logger: false });
  app.get('/ready', async () => ({ ok: true }));

  if (kind === 'bare') {
    app.get('/bench', async () => ({ hello: 'world', time: Date.now() }));
  }

  if (kind === 'insert') {
    const db = openSqlite(join(folder, 'insert-baseline.db'));
    db.exec(
      'create table if not exists events (id text primary key, created_at text not null, payload text not null)',
    );
    const insert = db.prepare('insert into events (id, created_at, payload) values (?, ?, ?)');
    app.post('/bench', async () => {
      const id = randomBytes(12).toString('hex');
      insert.run(id, new Date().toISOString(), '{"kind":"bench"}');
      return { id };
    });
  }

  if (kind === 'select') {
    // Shaped like the request list: the same index as the app's requests_school_status_activity_idx.
    const db = openSqlite(join(folder, 'select-baseline.db'));
    db.exec(`create table items (
      id text primary key, school_id text not null, number text not null, status text not null,
      customer_name text not null, preview text not null, total_cents integer not null,
      paid_cents integer not null, last_message_at text not null)`);
    db.exec(
      'create index items_school_status_activity_idx on items (school_id, status, last_message_at, id)',
    );
    const insert = db.prepare('insert into items values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const start = Date.parse('2026-01-01T00:00:00Z');
    db.transaction(() => {
      for (let i = 0; i < SELECT_TABLE_ROWS; i++) {
        insert.run(
          `req_${String(i).padStart(16, '0')}`,
          'sch_bench',
          `2026-${String(i + 1).padStart(5, '0')}`,
          STATUSES[i % STATUSES.length],
          `Client ${i}`,
          `Bonjour, nous souhaitons inscrire nos enfants au cours collectif, demande numéro ${i}.`,
          10_000 + (i % 50_000),
          i % 3 === 0 ? 10_000 : 0,
          new Date(start + i * 60_000).toISOString(),
        );
      }
    })();
    // Parameters hidden from the planner, as the app's (src/db/sqlite-stable-plans.ts): planned once.
    const page = db.prepare(
      withStablePlans(`select id, number, status, customer_name, preview, total_cents, paid_cents, last_message_at
       from items where school_id = ? and status = ? and last_message_at < ?
       order by last_message_at desc, id desc limit ${SELECT_PAGE}`),
    );
    const span = SELECT_TABLE_ROWS * 60_000;
    app.get('/bench', async () => {
      // A random cursor into the index range of one status: a page of 50 from anywhere in the list.
      const status = STATUSES[Math.floor(Math.random() * STATUSES.length)];
      const before = new Date(
        start + SELECT_PAGE * 8 * 60_000 + Math.floor(Math.random() * span),
      ).toISOString();
      return { items: page.all('sch_bench', status, before) };
    });
  }

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
