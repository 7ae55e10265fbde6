import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { vi } from 'vitest';
import { startTsProcess } from '../../bench/processes.js';
import type { CrashPoint } from '../../src/app/crash-points.js';
import type { DialectName } from '../../src/db/connection.js';
import { loadStatusFacts } from '../../src/db/repositories/index.js';
import type { Database } from '../../src/db/schema.js';
import { activeTotal, deriveStatus } from '../../src/domain/status.js';

/**
 * The crash-safety harness: Schuss as a child process (`node --import tsx src/server.ts`, as in
 * production), killed with SIGKILL — at a random moment, or by itself at a named point
 * (`CRASH_AT`, src/app/crash-points.ts) — then restarted on the same database; and the checks of
 * what a database must hold after any crash.
 */

const SERVER = resolve(import.meta.dirname, '../../src/server.ts');
/** Fixed so that every process of a run derives the same keys (private links, sandbox signatures). */
export const CRASH_APP_SECRET = 'crash-harness-app-secret-0123456789abcdef';

export interface CrashTarget {
  dialect: DialectName;
  /** SQLite: the file; PostgreSQL: the database URL. */
  location: string;
  port: number;
}

export interface ServerChild {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process is gone (killed or crashed on its own). */
  exited: Promise<void>;
  isAlive(): boolean;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(target: CrashTarget, crashAt: CrashPoint | null): Promise<ServerChild> {
  const url = `http://127.0.0.1:${target.port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'UTC',
    PORT: String(target.port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    APP_SECRET: CRASH_APP_SECRET,
    LOG_LEVEL: 'error',
    ...(target.dialect === 'sqlite' ? { SQLITE_FILE: target.location } : { DATABASE_URL: target.location }),
    ...(crashAt && { CRASH_AT: crashAt }),
  };
  const server = await startTsProcess({
    name: `schuss (${target.dialect}${crashAt ? `, CRASH_AT=${crashAt}` : ''})`,
    script: SERVER,
    env,
    url,
    isReady: async (u) => (await fetch(`${u}/api/health`)).ok,
  });
  const { child } = server;
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  const isAlive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    child,
    output: server.output,
    exited,
    isAlive,
    async kill() {
      if (isAlive()) child.kill('SIGKILL');
      await exited;
      await server.stop();
    },
    stop: () => server.stop(),
  };
}

/** A staff member's browser over real HTTP: a session cookie, our Origin on writes. */
export class HttpClient {
  cookie: string | null = null;
  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, form = false) {
    const headers: Record<string, string> = {};
    if (method !== 'GET') headers.origin = this.base;
    if (this.cookie) headers.cookie = `schuss_session=${this.cookie}`;
    if (body !== undefined)
      headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      redirect: 'manual',
      body: body === undefined ? undefined : form ? String(body) : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('schuss_session='));
    if (setCookie) this.cookie = setCookie.slice('schuss_session='.length).split(';')[0] || null;
    const text = await response.text();
    return {
      status: response.status,
      text,
      location: response.headers.get('location'),
      json: () => JSON.parse(text),
    };
  }
}

/** What an acknowledged (2xx/3xx) change promised: checked after every crash. */
export interface Promise2xx {
  what: string;
  /** null when it holds, else what is wrong. */
  holds(db: Kysely<Database>): Promise<string | null>;
}

/** Every outbox kind but the sandbox's own webhooks is an e-mail, logged in mail_log when sent. */
const isMail = (kind: string) => kind !== 'sandbox_webhook';

/** Outbox rows whose lease a killed process held are due again (time passing, as after a real outage). */
export async function expireLeases(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ available_at: '2000-01-01T00:00:00.000Z' })
    .where('delivered_at', 'is', null)
    .where('parked_at', 'is', null)
    .execute();
}

/** Waits until the running server has delivered every outbox row (or `ms` passed). */
export async function waitForOutbox(db: Kysely<Database>, ms = 20_000): Promise<number> {
  // The server is another process: its deliveries are seen in the database, checked until done.
  await vi
    .waitUntil(async () => (await undelivered(db)) === 0, { timeout: ms, interval: 50 })
    .catch(() => undefined);
  return undelivered(db);
}

async function undelivered(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delivered_at', 'is', null)
    .where('parked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What must hold after any crash, read from the database (the server dead): the SQLite file is
 * sound, every acknowledged change is there, no file is half-written (its stored status, total and
 * paid amount are the status rule's on its stored lines and payments), the tab counts are the
 * files', and no outbox row was delivered twice. Returns the problems found.
 */
export async function crashInvariants(
  db: Kysely<Database>,
  dialect: DialectName,
  acknowledged: readonly Promise2xx[],
  options: { allDelivered?: boolean; sqliteFile?: string } = {},
): Promise<string[]> {
  const problems: string[] = [];
  if (dialect === 'sqlite') {
    // On a connection opened after the crash, as the restarted server opens it. (A connection
    // kept open across another process's writes can report a stale FTS5 checksum: its cache.)
    if (!options.sqliteFile) throw new Error('the SQLite file is needed for its integrity check');
    const fresh = new SQLite(options.sqliteFile, { readonly: true });
    try {
      const rows = fresh.pragma('integrity_check') as { integrity_check: string }[];
      const verdict = rows.map((r) => r.integrity_check).join(', ');
      if (verdict !== 'ok') problems.push(`integrity_check: ${verdict}`);
    } finally {
      fresh.close();
    }
  }
  for (const change of acknowledged) {
    const wrong = await change.holds(db);
    if (wrong) problems.push(`acknowledged ${change.what}: ${wrong}`);
  }
  const requests = await db.selectFrom('requests').select(['id', 'school_id', 'customer_id']).execute();
  for (const r of requests) {
    const { facts, beside } = await loadStatusFacts(db, r.school_id, r.id);
    const status = deriveStatus({ ...facts, lines: beside.lines, paidCents: beside.paidCents });
    if (status !== facts.stored.status)
      problems.push(`${r.id}: stored status ${facts.stored.status}, rule says ${status}`);
    const total = activeTotal(beside.lines);
    if (total !== facts.stored.totalCents)
      problems.push(`${r.id}: stored total ${facts.stored.totalCents}, lines say ${total}`);
    if (beside.paidCents !== facts.stored.paidCents)
      problems.push(`${r.id}: stored paid ${facts.stored.paidCents}, payments say ${beside.paidCents}`);
  }
  const customers = new Set((await db.selectFrom('customers').select('id').execute()).map((c) => c.id));
  for (const r of requests) if (!customers.has(r.customer_id)) problems.push(`${r.id}: no customer`);
  const stored = await db
    .selectFrom('status_counts')
    .select(['school_id', 'status', 'count'])
    .where('count', '!=', 0)
    .execute();
  const real = await db
    .selectFrom('requests')
    .select(['school_id', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['school_id', 'status'])
    .execute();
  const key = (rows: { school_id: string; status: string; count: number | string | bigint }[]) =>
    rows
      .map((r) => `${r.school_id}/${r.status}=${Number(r.count)}`)
      .sort()
      .join(' ');
  if (key(stored) !== key(real)) problems.push(`tab counts ${key(stored)} ≠ files ${key(real)}`);
  // Every offer was committed with its e-mail (same transaction).
  const offers = await db.selectFrom('offers').select(['id', 'school_id', 'number']).execute();
  const mails = await db
    .selectFrom('outbox')
    .select(['id', 'school_id', 'kind', 'payload_json', 'delivered_at', 'parked_at', 'last_error'])
    .execute();
  for (const o of offers) {
    const sent = mails.some(
      (m) => isMail(m.kind) && m.school_id === o.school_id && m.payload_json.includes(o.id),
    );
    if (!sent) problems.push(`offer ${o.number} (${o.id}) without its e-mail`);
  }
  // Exactly once: a delivered e-mail has one mail_log row; nothing is logged twice or for nothing.
  const logs = await db.selectFrom('mail_log').select(['outbox_id']).execute();
  const perRow = new Map<string, number>();
  for (const l of logs) perRow.set(l.outbox_id, (perRow.get(l.outbox_id) ?? 0) + 1);
  const byId = new Map(mails.map((m) => [m.id, m]));
  for (const [id, n] of perRow) {
    if (n > 1) problems.push(`outbox ${id} mailed ${n} times`);
    if (!byId.has(id)) problems.push(`mail_log for a missing outbox row ${id}`);
  }
  for (const m of mails) {
    if (m.parked_at) problems.push(`outbox ${m.kind} ${m.id} parked: ${m.last_error}`);
    if (options.allDelivered && m.delivered_at === null)
      problems.push(`outbox ${m.kind} ${m.id} never delivered`);
    if (isMail(m.kind) && m.delivered_at !== null && perRow.get(m.id) !== 1)
      problems.push(`outbox ${m.kind} ${m.id} delivered, logged ${perRow.get(m.id) ?? 0} times`);
  }
  // The payment ledger: one payment per provider reference (a webhook applied once).
  const refs = await db
    .selectFrom('payments')
    .select(['provider_ref', (eb) => eb.fn.countAll<number>().as('n')])
    .where('provider_ref', 'is not', null)
    .where('kind', '=', 'online')
    .groupBy('provider_ref')
    .execute();
  for (const r of refs) if (Number(r.n) > 1) problems.push(`payment ${r.provider_ref} recorded ${r.n} times`);
  // "Archiver la saison": a job counts exactly the files it archived (the count moves with each file).
  const jobs = await db.selectFrom('archive_jobs').select(['school_id', 'done_count']).execute();
  const doneBySchool = new Map<string, number>();
  for (const j of jobs)
    doneBySchool.set(j.school_id, (doneBySchool.get(j.school_id) ?? 0) + Number(j.done_count));
  for (const [schoolId, done] of doneBySchool) {
    const archived = await db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', schoolId)
      .where('archived_at', 'is not', null)
      .executeTakeFirstOrThrow();
    if (Number(archived.n) !== done)
      problems.push(`archive jobs counted ${done}, ${archived.n} files archived`);
  }
  return problems;
}
