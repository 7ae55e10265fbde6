import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { portalTokenOf } from '../src/app/portal/private-link.js';
import { deriveSecret } from '../src/app/settings/app-secret.js';
import { DOSSIER_TABS } from '../src/domain/status.js';
import { SANDBOX_SIGNATURE_HEADER, SandboxProvider } from '../src/integrations/payments/sandbox.provider.js';
import type { BenchOptions } from './options.js';
import { freePort, startTsProcess } from './processes.js';
import { Rng } from './random.js';
import { INTAKE_KEY_HEADER, INTAKE_PATH, intakeBody } from './scenarios/intake.js';
import { SEARCH_PATH } from './scenarios/search.js';
import { benchPortalToken, type DatasetManifest } from './seed.js';
import { login } from './staff-login.js';

/**
 * `npm run bench -- --soak [--soak-minutes N]` (issue 15, "Sustained load"): N minutes of a
 * realistic mix against the app in its own process, one autocannon instance in this one; the
 * app's memory and event-loop delay read from its own /api/metrics every 10 s, the SQLite
 * write-ahead log's size stat'ed beside it; a table per minute and a verdict on growth.
 */

/** Share of each kind of operation, in % (each operation is one HTTP request). */
export const SOAK_MIX = {
  /** GET /api/requests?tab=<random tab>&limit=50 (the response carries the tab counts). */
  list: 25,
  /** GET /api/requests/:id of a random seeded file. */
  file: 20,
  /** POST /api/requests/:id/messages by one of the secretaries (a customer e-mail each). */
  reply: 10,
  /** POST /api/public/:school/requests with the intake key (contact, VEL, custom forms). */
  intake: 15,
  /** GET /c/:token, the customer's private link. */
  portal: 10,
  /** "Payer" on a private link, then the sandbox's signed events for that attempt. */
  webhook: 10,
  /** GET /api/search?q=… */
  search: 10,
} as const;
export type MixKind = keyof typeof SOAK_MIX;
/** What was actually sent: the webhook share splits into the customer's "Payer" and the events. */
export type SentKind = Exclude<MixKind, 'webhook'> | 'pay' | 'webhook';

const MIX_TEXT: Record<MixKind, string> = {
  list: 'staff list+counts (random tab)',
  file: 'staff file page',
  reply: 'secretary replies',
  intake: 'form intake (intake key)',
  portal: 'portal pages (the private link, and its "Payer" → 303 to the sandbox)',
  webhook: 'sandbox-signed webhooks (payment.pending, then succeeded or failed, for those attempts)',
  search: 'search',
};

export function describeMix(mix: Readonly<Record<MixKind, number>> = SOAK_MIX): string {
  const total = Object.values(mix).reduce((sum, w) => sum + w, 0);
  return (Object.entries(mix) as [MixKind, number][])
    .map(([kind, weight]) => `${Math.round((weight / total) * 100)} % ${MIX_TEXT[kind]}`)
    .join(', ');
}

/** One scrape of the app's /api/metrics (and the WAL file), `at` seconds after the load started. */
export interface Sample {
  at: number;
  rssBytes: number;
  /**
   * The RSS split (Linux, /proc/<pid>/status): anonymous memory (JS heap, native allocations —
   * what a leak grows) and file-backed + shared pages (mostly the database file, memory-mapped
   * by SQLite up to `mmap_size`, so bounded by the file's size). Null where not readable.
   */
  rssAnonBytes: number | null;
  rssFileBytes: number | null;
  heapUsedBytes: number;
  /** p99 and max of the event-loop delay since the previous scrape (prom-client resets its histogram). */
  loopP99Ms: number;
  loopMaxMs: number;
  walBytes: number | null;
  /** The database's size (SQLite: the main file; PostgreSQL: pg_database_size). */
  dbBytes: number | null;
  outboxBacklog: number;
}

/** One answered request. */
interface Answer {
  at: number;
  kind: SentKind;
  status: number;
  ms: number;
}

export interface MinuteRow {
  minute: number;
  requests: number;
  reqPerSec: number;
  p99Ms: number;
  fiveXx: number;
  /** Peaks of the minute's samples (null: no sample fell in it). */
  rssMb: number | null;
  anonMb: number | null;
  fileMb: number | null;
  heapMb: number | null;
  loopP99Ms: number | null;
  walMb: number | null;
  dbMb: number | null;
  outbox: number | null;
}

const MB = 1024 * 1024;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function peak(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : Math.max(...present);
}

/** The per-minute table: throughput and p99 of the answers, peaks of the app's samples. */
export function minuteRows(
  answers: readonly Pick<Answer, 'at' | 'status' | 'ms'>[],
  samples: readonly Sample[],
  minutes: number,
): MinuteRow[] {
  return Array.from({ length: minutes }, (_, minute) => {
    const from = minute * 60;
    const to = from + 60;
    const inMinute = answers.filter((a) => a.at >= from && a.at < to);
    const own = samples.filter((s) => s.at > from && s.at <= to);
    return {
      minute: minute + 1,
      requests: inMinute.length,
      reqPerSec: inMinute.length / 60,
      p99Ms: percentile(
        inMinute.map((a) => a.ms).sort((x, y) => x - y),
        99,
      ),
      fiveXx: inMinute.filter((a) => a.status >= 500).length,
      rssMb: peak(own.map((s) => s.rssBytes / MB)),
      anonMb: peak(own.map((s) => (s.rssAnonBytes === null ? null : s.rssAnonBytes / MB))),
      fileMb: peak(own.map((s) => (s.rssFileBytes === null ? null : s.rssFileBytes / MB))),
      heapMb: peak(own.map((s) => s.heapUsedBytes / MB)),
      loopP99Ms: peak(own.map((s) => s.loopP99Ms)),
      walMb: peak(own.map((s) => (s.walBytes === null ? null : s.walBytes / MB))),
      dbMb: peak(own.map((s) => (s.dbBytes === null ? null : s.dbBytes / MB))),
      outbox: peak(own.map((s) => s.outboxBacklog)),
    };
  });
}

/** How much a figure may rise from the second minute to the last before it counts as growth. */
export const GROWTH_TOLERANCE = {
  rssMb: { relative: 0.2, absolute: 32 },
  anonMb: { relative: 0.2, absolute: 32 },
  heapMb: { relative: 0.25, absolute: 24 },
  walMb: { relative: 0.5, absolute: 16 },
  p99Ms: { relative: 0.5, absolute: 5 },
  outbox: { relative: 1, absolute: 200 },
} as const;
export type WatchedFigure = keyof typeof GROWTH_TOLERANCE;

export type Trend = 'flat' | 'levelling off' | 'grows' | 'too short';

/**
 * One figure's trend over the minutes: the first minute is the warm-up, so the second is the
 * reference. Flat when the last minute is within tolerance of it; else levelling off when the
 * last step rose by less than half the average step since the second minute (a curve bending
 * towards a plateau: caches, the WAL at its checkpoint size); else it grows.
 */
export function trendOf(
  series: readonly (number | null)[],
  tolerance: { relative: number; absolute: number },
): Trend {
  const values = series.filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 3) return 'too short';
  const reference = values[1]!;
  const last = values[values.length - 1]!;
  const rise = last - reference;
  if (rise <= Math.max(tolerance.absolute, tolerance.relative * Math.abs(reference))) return 'flat';
  const steps = values.length - 2;
  const lastStep = last - values[values.length - 2]!;
  return steps >= 2 && lastStep < rise / steps / 2 ? 'levelling off' : 'grows';
}

export interface SoakVerdict {
  ok: boolean;
  trends: Record<WatchedFigure, Trend>;
  line: string;
}

export function soakVerdict(rows: readonly MinuteRow[], fiveXx: number): SoakVerdict {
  const trends = Object.fromEntries(
    (Object.keys(GROWTH_TOLERANCE) as WatchedFigure[]).map((figure) => [
      figure,
      trendOf(
        rows.map((r) => r[figure]),
        GROWTH_TOLERANCE[figure],
      ),
    ]),
  ) as Record<WatchedFigure, Trend>;
  // With the split measured, the anonymous part is judged: the rest of the RSS is the
  // memory-mapped database, which follows the file's size (bounded by mmap_size).
  const split = trends.anonMb !== 'too short';
  const judged = (Object.keys(trends) as WatchedFigure[]).filter((f) => !(split && f === 'rssMb'));
  const growing = judged.filter((f) => trends[f] === 'grows');
  const short = Object.values(trends).every((t) => t === 'too short');
  const problems = [
    ...(fiveXx > 0 ? [`${fiveXx} answers 5xx`] : []),
    ...growing.map((f) => `${f} grows without levelling off`),
  ];
  const trendText = (Object.keys(trends) as WatchedFigure[])
    .map(
      (f) =>
        `${f} ${trends[f]}${judged.includes(f) ? '' : ' (not judged: anonMb is; the rest is file-backed)'}`,
    )
    .join(', ');
  const ok = problems.length === 0;
  const line = short
    ? `${ok ? 'PASS (5xx only)' : `FAIL — ${problems.join('; ')}`} · too short to judge growth (${rows.length} minute(s); the second minute is the reference: run ≥ 3)`
    : `${ok ? 'PASS' : `FAIL — ${problems.join('; ')}`} · last minute vs the second: ${trendText}`;
  return { ok, trends, line };
}

// ---------------------------------------------------------------------------------------------
// The database, read (never written) by the load generator: pools of files, attempts, nonces.

interface Reader {
  all<T>(sql: string, params: readonly (string | number)[]): Promise<T[]>;
  /** Bytes of the write-ahead log now (null: not measured). */
  walBytes(): Promise<number | null>;
  dbBytes(): Promise<number | null>;
  close(): Promise<void>;
}

function openReader(sqliteFile: string, databaseUrl: string | null): Reader {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    let walAllowed = true;
    return {
      async all<T>(sql: string, params: readonly (string | number)[]) {
        let n = 0;
        return (
          await pool.query(
            sql.replace(/\?/g, () => `$${++n}`),
            [...params],
          )
        ).rows as T[];
      },
      async walBytes() {
        if (!walAllowed) return null;
        try {
          const { rows } = await pool.query<{ bytes: string }>(
            'SELECT coalesce(sum(size), 0) AS bytes FROM pg_ls_waldir()',
          );
          return Number(rows[0]!.bytes);
        } catch {
          walAllowed = false; // pg_ls_waldir needs superuser or pg_monitor
          return null;
        }
      },
      async dbBytes() {
        const { rows } = await pool.query<{ bytes: string }>(
          'SELECT pg_database_size(current_database()) AS bytes',
        );
        return Number(rows[0]!.bytes);
      },
      close: () => pool.end(),
    };
  }
  const sqlite = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
  return {
    async all<T>(sql: string, params: readonly (string | number)[]) {
      return sqlite.prepare(sql).all(...params) as T[];
    },
    async walBytes() {
      try {
        return statSync(`${sqliteFile}-wal`).size;
      } catch {
        return 0;
      }
    },
    async dbBytes() {
      return statSync(sqliteFile).size;
    },
    async close() {
      sqlite.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The payments: files a customer may pay, attempts opened through the app's own "Payer".

interface PayableFile {
  requestId: string;
  token: string;
  purpose: 'deposit' | 'balance';
}

interface OpenAttempt {
  file: PayableFile;
  sessionId: string;
  attemptId: string;
  amountCents: number;
  currency: string;
  /** Events still to deliver, in order. */
  events: ('payment.pending' | 'payment.succeeded' | 'payment.failed')[];
}

/** Below this many events due, the next portal operation is a "Payer" click (each gives two). */
const DUE_EVENTS_LOW = 8;
/** The payer's bank accepts this share of payments; a refused payer clicks "Payer" again. */
const PAYMENT_SUCCESS_RATE = 0.75;

/**
 * The payments of the mix: files a customer may pay (`free`), the checkouts their "Payer" opened
 * (`opened`, read back from the database), the attempts whose events are due (`ready`).
 */
class Payments {
  readonly free: PayableFile[] = [];
  readonly opened: { file: PayableFile; sessionId: string }[] = [];
  readonly ready: OpenAttempt[] = [];
  /** Bodies already delivered, redelivered (re-signed, as providers do) when nothing else is due. */
  readonly delivered: string[] = [];
  readonly refresh: PayableFile[] = [];
  /** Seconds into the load when no file was left to pay (then the webhooks are redeliveries). */
  drainedAt: number | null = null;
  #events = 0;

  constructor(
    private readonly sandbox: SandboxProvider,
    private readonly schoolId: string,
    private readonly runTag: string,
    private readonly rng: Rng,
  ) {}

  /** Events still to deliver, counting the checkouts not read back yet (two each). */
  due(): number {
    return this.ready.reduce((sum, a) => sum + a.events.length, 0) + this.opened.length * 2;
  }

  /** The next body to deliver, its type, and the file when it is its attempt's last event. */
  nextEventBody(): { body: string; type: string; lastOf: PayableFile | null } | null {
    const attempt = this.ready[0];
    if (attempt) {
      const type = attempt.events.shift()!;
      const isLast = attempt.events.length === 0;
      if (isLast) this.ready.shift();
      const body = JSON.stringify({
        id: `evt_soak_${this.runTag}_${++this.#events}`,
        type,
        created: new Date().toISOString(),
        data: {
          sessionId: attempt.sessionId,
          paymentRef: this.sandbox.paymentRefOf(attempt.sessionId, attempt.amountCents),
          refundRef: null,
          amountCents: attempt.amountCents,
          currency: attempt.currency,
          metadata: {
            schoolId: this.schoolId,
            requestId: attempt.file.requestId,
            attemptId: attempt.attemptId,
          },
        },
      });
      this.delivered.push(body);
      if (this.delivered.length > 500) this.delivered.shift();
      return { body, type, lastOf: isLast ? attempt.file : null };
    }
    if (this.delivered.length === 0) return null;
    return { body: this.rng.pick(this.delivered), type: 'redelivery', lastOf: null };
  }

  signed(body: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      [SANDBOX_SIGNATURE_HEADER]: this.sandbox.signatureHeader(body, new Date()),
    };
  }

  /** The attempts the "Payer" clicks opened: their id and amount, read back (async, off the load path). */
  async resolve(reader: Reader, portalLinkKey: string): Promise<void> {
    for (const { file, sessionId } of this.opened.splice(0)) {
      const [row] = await reader.all<{ id: string; amount_cents: number; currency: string }>(
        "SELECT id, amount_cents, currency FROM payment_attempts WHERE provider = 'sandbox' AND provider_session_id = ?",
        [sessionId],
      );
      if (!row) continue;
      const succeeds = this.rng.chance(PAYMENT_SUCCESS_RATE);
      this.ready.push({
        file,
        sessionId,
        attemptId: row.id,
        amountCents: Number(row.amount_cents),
        currency: row.currency,
        events: ['payment.pending', succeeds ? 'payment.succeeded' : 'payment.failed'],
      });
    }
    // A receipt e-mail gave the file its first derived link: the customer follows the new one.
    for (const file of this.refresh.splice(0)) {
      const [row] = await reader.all<{ portal_nonce: string | null }>(
        'SELECT portal_nonce FROM requests WHERE school_id = ? AND id = ?',
        [this.schoolId, file.requestId],
      );
      if (row?.portal_nonce) file.token = portalTokenOf(portalLinkKey, file.requestId, row.portal_nonce);
      this.free.push(file);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The run.

export interface SoakContext {
  options: BenchOptions;
  dataset: DatasetManifest;
  sqliteFile: string;
  /** Temporary folder of the run (removed at the end unless the file is kept). */
  work: string;
  log: (line?: string) => void;
}

const SAMPLE_EVERY_MS = 10_000;

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

/** RssAnon and RssFile + RssShmem of a process, in bytes (null off Linux). */
function rssSplit(pid: number | undefined): { anon: number | null; file: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    const anon = kb('RssAnon');
    const file = kb('RssFile') + kb('RssShmem');
    return Number.isFinite(anon) && Number.isFinite(file)
      ? { anon: anon * 1024, file: file * 1024 }
      : { anon: null, file: null };
  } catch {
    return { anon: null, file: null };
  }
}

async function sampleApp(
  appUrl: string,
  token: string,
  reader: Reader,
  pid: number | undefined,
  at: number,
): Promise<Sample> {
  const response = await fetch(`${appUrl}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /api/metrics answered ${response.status}`);
  const text = await response.text();
  const split = rssSplit(pid);
  return {
    at,
    rssBytes: metric(text, 'schuss_process_resident_memory_bytes'),
    rssAnonBytes: split.anon,
    rssFileBytes: split.file,
    heapUsedBytes: metric(text, 'schuss_nodejs_heap_size_used_bytes'),
    loopP99Ms: metric(text, 'schuss_nodejs_eventloop_lag_p99_seconds') * 1000,
    loopMaxMs: metric(text, 'schuss_nodejs_eventloop_lag_max_seconds') * 1000,
    walBytes: await reader.walBytes(),
    dbBytes: await reader.dbBytes(),
    outboxBacklog: metric(text, 'schuss_outbox_backlog'),
  };
}

/** Which seeded files each kind works on: disjoint, so no write moves a link another kind opens. */
async function filePools(reader: Reader, dataset: DatasetManifest, rng: Rng) {
  const reserved = new Set(
    [...dataset.writeTargets.noLine, ...dataset.writeTargets.lineNothingSent].map((t) => t.id),
  );
  const rows = await reader.all<{ id: string; status: string; has_nonce: number }>(
    'SELECT id, status, CASE WHEN portal_nonce IS NULL THEN 0 ELSE 1 END AS has_nonce FROM requests WHERE school_id = ? ORDER BY id',
    [dataset.bigSchool.id],
  );
  const payable: { id: string; purpose: PayableFile['purpose'] }[] = [];
  const reply: string[] = [];
  const portal: string[] = [];
  for (const row of rng.shuffle(rows.filter((r) => !reserved.has(r.id) && Number(r.has_nonce) === 0))) {
    // Reminders (offers, balances) may give these a new link while the soak runs: customers pay them.
    if (row.status === 'awaiting_payment') payable.push({ id: row.id, purpose: 'deposit' });
    else if (row.status === 'deposit_paid') payable.push({ id: row.id, purpose: 'balance' });
    else if (row.status !== 'archived' && reply.length <= portal.length) reply.push(row.id);
    else portal.push(row.id);
  }
  return { payable, reply, portal };
}

export async function runSoak(ctx: SoakContext): Promise<void> {
  const { options, dataset, log } = ctx;
  const minutes = options.soakMinutes;
  const dialect = options.databaseUrl ? 'postgres' : 'sqlite';
  const rng = new Rng(options.seed + 15);
  const runTag = randomBytes(4).toString('hex');
  const appSecret = randomBytes(32).toString('base64url');
  const metricsToken = randomBytes(16).toString('hex');
  const loadBefore = loadavg()[0]!;
  log(
    `Soak — ${minutes} min, ${dialect}, autocannon -c ${options.connections}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)}`,
  );
  log(`Mix (one HTTP request per operation): ${describeMix()}`);

  const reader = openReader(ctx.sqliteFile, options.databaseUrl);
  const pools = await filePools(reader, dataset, rng);
  if (pools.payable.length === 0 || pools.reply.length === 0 || pools.portal.length === 0)
    throw new Error('The dataset has no files to pay, reply to or open: seed it again.');

  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(appPort),
    HOST: '127.0.0.1',
    PUBLIC_URL: appUrl,
    LOG_LEVEL: process.env.BENCH_APP_LOG_LEVEL ?? 'silent',
    SCHUSS_DEMO_PASSWORD: 'bench-demo-password',
    SQLITE_FILE: ctx.sqliteFile,
    INTAKE_KEY_RATE_PER_MINUTE: '100000000',
    // Known here: the soak signs the sandbox's webhooks and follows the links e-mails would carry.
    APP_SECRET: appSecret,
    METRICS_TOKEN: metricsToken,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  log(`▸ app: node --import tsx src/server.ts on ${appUrl}`);
  const app = await startTsProcess({
    name: 'Schuss',
    script: 'src/server.ts',
    env,
    url: appUrl,
    isReady: async (url) => (await fetch(`${url}/api/health`)).status === 200,
    timeoutMs: 120_000,
  });

  const answers: Answer[] = [];
  const samples: Sample[] = [];
  const payOutcomes: Record<string, number> = {};
  let connectionErrors = 0;
  let timeouts = 0;
  let startedAt = 0;
  try {
    const staff = await Promise.all(
      dataset.bigSchool.staff.map(async (s) => ({
        role: s.role,
        cookie: await login(appUrl, s.email, s.password),
      })),
    );
    const secretaries = staff.filter((s) => s.role === 'secretary').map((s) => s.cookie);
    const everyone = staff.map((s) => s.cookie);
    log(
      `Staff sessions: ${everyone.length} (${secretaries.length} secretaries reply) · files: ${pools.payable.length} to pay, ${pools.reply.length} to reply to, ${pools.portal.length} portal links`,
    );
    const sandbox = new SandboxProvider({
      secret: deriveSecret(appSecret, 'payments-sandbox'),
      publicUrl: appUrl,
      now: () => new Date(),
    });
    const portalLinkKey = deriveSecret(appSecret, 'portal-link');
    const payments = new Payments(sandbox, dataset.bigSchool.id, runTag, rng);
    for (const { id, purpose } of pools.payable)
      payments.free.push({ requestId: id, token: benchPortalToken(id), purpose });

    const tabs = ['request', ...DOSSIER_TABS];
    const intakePath = INTAKE_PATH.replace(':school', encodeURIComponent(dataset.bigSchool.slug));
    let intakeCount = 0;
    let replyCount = 0;

    type Built = {
      kind: SentKind;
      method: 'GET' | 'POST';
      path: string;
      headers: Record<string, string>;
      body?: string;
    };
    type Ctx = { kind?: SentKind; file?: PayableFile; lastOf?: PayableFile | null; eventType?: string };
    const build = (context: Ctx): Built => {
      const kind = rng.weighted(SOAK_MIX);
      const cookie = rng.pick(everyone);
      switch (kind) {
        case 'list':
          return {
            kind,
            method: 'GET',
            path: `/api/requests?tab=${rng.pick(tabs)}&limit=50`,
            headers: { cookie },
          };
        case 'file':
          return {
            kind,
            method: 'GET',
            path: `/api/requests/${encodeURIComponent(rng.pick(dataset.sampleRequestIds))}`,
            headers: { cookie },
          };
        case 'search':
          return {
            kind,
            method: 'GET',
            path: `${SEARCH_PATH}${encodeURIComponent(rng.pick(dataset.searchTerms))}`,
            headers: { cookie },
          };
        case 'reply':
          return {
            kind,
            method: 'POST',
            path: `/api/requests/${encodeURIComponent(rng.pick(pools.reply))}/messages`,
            headers: { cookie: rng.pick(secretaries), origin: appUrl, 'content-type': 'application/json' },
            body: JSON.stringify({
              body: `Bonjour, voici les disponibilités pour vos cours (réf. soak ${runTag}-${++replyCount}). Bonne journée !`,
            }),
          };
        case 'intake':
          return {
            kind,
            method: 'POST',
            path: intakePath,
            headers: { [INTAKE_KEY_HEADER]: dataset.bigSchool.intakeKey, 'content-type': 'application/json' },
            body: JSON.stringify(intakeBody(rng, runTag, ++intakeCount)),
          };
        case 'portal': {
          // Customers also click "Payer" there: as often as the webhooks need attempts to report on.
          const wantsAttempt = payments.due() < DUE_EVENTS_LOW;
          const file = wantsAttempt ? payments.free.shift() : undefined;
          if (wantsAttempt && !file && payments.drainedAt === null)
            payments.drainedAt = (performance.now() - startedAt) / 1000;
          if (file) {
            context.file = file;
            return {
              kind: 'pay',
              method: 'POST',
              path: `/c/${file.token}/pay`,
              headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl },
              body: `purpose=${file.purpose}`,
            };
          }
          return {
            kind,
            method: 'GET',
            path: `/c/${benchPortalToken(rng.pick(pools.portal))}`,
            headers: {},
          };
        }
        case 'webhook': {
          // The next event due for an open attempt; else a provider's redelivery of an earlier one.
          const event = payments.nextEventBody();
          if (!event) return build(context);
          context.lastOf = event.lastOf;
          context.eventType = event.type;
          return {
            kind: 'webhook',
            method: 'POST',
            path: '/api/webhooks/payments/sandbox',
            headers: payments.signed(event.body),
            body: event.body,
          };
        }
      }
    };

    const onPayAnswer = (context: Ctx, status: number, headers: Record<string, string>) => {
      const file = context.file!;
      const location = headers.location ?? '';
      const session = /\/pay\/sandbox\/(sbx_cs_[0-9a-f]{32})$/.exec(location);
      if (status === 303 && session) {
        payments.opened.push({ file, sessionId: session[1]! });
      } else if (status === 303 && file.purpose === 'deposit') {
        // Nothing to pay as a deposit any more: the balance next time.
        file.purpose = 'balance';
        payments.free.push(file);
      }
    };
    const onWebhookAnswer = (context: Ctx, status: number, body: string) => {
      let outcome = `${status}`;
      try {
        outcome = (JSON.parse(body) as { outcome?: string }).outcome ?? outcome;
      } catch {
        // keep the status
      }
      const key = `${context.eventType} → ${outcome}`;
      payOutcomes[key] = (payOutcomes[key] ?? 0) + 1;
      const file = context.lastOf;
      if (!file) return;
      // The attempt's last event: a paid file's link was re-issued (receipt e-mail), a refused one stays.
      if (context.eventType === 'payment.succeeded') {
        // A paid deposit leaves the balance to pay; a paid balance leaves nothing.
        if (file.purpose === 'deposit') payments.refresh.push({ ...file, purpose: 'balance' });
      } else payments.free.push(file);
    };

    let last: { kind: SentKind; status: number } | null = null;
    const expected = (kind: SentKind, status: number) =>
      kind === 'pay' ? status === 303 : status >= 200 && status < 300;
    const unexpected = new Map<string, number>();

    // Samples: the app idle before the load (a first scrape ends the event-loop histogram of
    // its start-up, the next covers 2 idle seconds), then every 10 s under load.
    await sampleApp(appUrl, metricsToken, reader, app.child.pid, 0);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    samples.push(await sampleApp(appUrl, metricsToken, reader, app.child.pid, 0));
    const resolver = setInterval(() => {
      payments.resolve(reader, portalLinkKey).catch(() => undefined);
    }, 50);
    startedAt = performance.now();
    const sampler = setInterval(() => {
      const at = (performance.now() - startedAt) / 1000;
      sampleApp(appUrl, metricsToken, reader, app.child.pid, at)
        .then((s) => samples.push(s))
        .catch((error: unknown) => log(`  metrics sample failed: ${String(error)}`));
    }, SAMPLE_EVERY_MS);
    const ticker = setInterval(() => {
      const at = (performance.now() - startedAt) / 1000;
      const s = samples[samples.length - 1]!;
      log(
        `  ${Math.round(at)} s: ${answers.length} answers, RSS ${(s.rssBytes / MB).toFixed(0)} MB, heap ${(s.heapUsedBytes / MB).toFixed(0)} MB, WAL ${s.walBytes === null ? '–' : (s.walBytes / MB).toFixed(1)} MB`,
      );
    }, 60_000);
    try {
      await new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url: appUrl,
            connections: options.connections,
            duration: minutes * 60,
            timeout: 10,
            requests: [
              {
                setupRequest: (request: autocannon.Request, context: object) => {
                  const built = build(context as Ctx);
                  (context as Ctx).kind = built.kind;
                  return {
                    ...request,
                    method: built.method,
                    path: built.path,
                    headers: built.headers,
                    body: built.body,
                  };
                },
                onResponse: (
                  status: number,
                  body: string,
                  context: object,
                  headers: Record<string, string>,
                ) => {
                  const c = context as Ctx;
                  last = { kind: c.kind!, status };
                  if (c.kind === 'pay') onPayAnswer(c, status, headers);
                  if (c.kind === 'webhook') onWebhookAnswer(c, status, body);
                  if (!expected(c.kind!, status)) {
                    const key = `${c.kind} ${status}${status >= 400 ? ` ${body.slice(0, 160)}` : ''}`;
                    unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
                  }
                },
              } as unknown as autocannon.Request,
            ],
          },
          (error, result) => {
            if (error) return reject(error);
            connectionErrors = result.errors;
            timeouts = result.timeouts;
            resolve();
          },
        );
        instance.on('response', (_client, _status, _bytes, responseTime) => {
          if (!last) return;
          answers.push({
            at: (performance.now() - startedAt) / 1000,
            kind: last.kind,
            status: last.status,
            ms: responseTime,
          });
          last = null;
        });
      });
    } finally {
      clearInterval(sampler);
      clearInterval(resolver);
      clearInterval(ticker);
    }
    const seconds = (performance.now() - startedAt) / 1000;
    samples.push(
      await sampleApp(appUrl, metricsToken, reader, app.child.pid, Math.min(seconds, minutes * 60)),
    );

    // The report.
    const rows = minuteRows(answers, samples, minutes);
    const fiveXx = answers.filter((a) => a.status >= 500).length;
    log('');
    log(formatMinuteTable(rows));
    log('');
    log(formatKindTable(answers, seconds, expected));
    const first = samples[0]!;
    const end = samples[samples.length - 1]!;
    log('');
    log(`App process at start (idle) → end: ${sampleText(first)} → ${sampleText(end)}`);
    log(
      `Load: ${answers.length} answers in ${seconds.toFixed(0)} s = ${(answers.length / seconds).toFixed(0)} req/s, p99 ${percentile(
        answers.map((a) => a.ms).sort((x, y) => x - y),
        99,
      ).toFixed(
        1,
      )} ms, 5xx ${fiveXx}, connection errors ${connectionErrors}, timeouts ${timeouts} · load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
    );
    const outcomes = Object.entries(payOutcomes).map(([k, v]) => `${k} ${v}`);
    log(
      `Payments: ${outcomes.join(', ')} · ${payments.free.length} payable files left (a redelivery is answered "duplicate"; a "pending → ignored" arrived after its final event)`,
    );
    if (payments.drainedAt !== null)
      log(
        `Note: no file was left to pay after ${payments.drainedAt.toFixed(0)} s (the free list may refill as refused payments are retried): seed more (--requests) for a longer soak.`,
      );
    if (dialect === 'postgres' && end.walBytes === null)
      log('Note: WAL size not measured (pg_ls_waldir() needs superuser or pg_monitor).');
    for (const [key, count] of unexpected) log(`Unexpected: ${count} × ${key}`);
    const verdict = soakVerdict(rows, fiveXx + connectionErrors);
    log(`Verdict: ${verdict.line}`);
  } finally {
    await app.stop();
    await reader.close();
    if (!options.keep && !options.dbFile && !options.databaseUrl)
      rmSync(ctx.work, { recursive: true, force: true });
  }
}

function sampleText(s: Sample): string {
  const split =
    s.rssAnonBytes === null || s.rssFileBytes === null
      ? ''
      : ` (anon ${(s.rssAnonBytes / MB).toFixed(0)} + file ${(s.rssFileBytes / MB).toFixed(0)})`;
  return `RSS ${(s.rssBytes / MB).toFixed(0)} MB${split}, heap ${(s.heapUsedBytes / MB).toFixed(0)} MB, event-loop delay p99 ${s.loopP99Ms.toFixed(1)} ms (max ${s.loopMaxMs.toFixed(1)}), DB ${s.dbBytes === null ? '–' : `${(s.dbBytes / MB).toFixed(0)} MB`}, WAL ${s.walBytes === null ? '–' : `${(s.walBytes / MB).toFixed(1)} MB`}, outbox ${s.outboxBacklog}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (value: number | null, digits: number) =>
  value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);

export function formatMinuteTable(rows: readonly MinuteRow[]): string {
  return table(
    [
      'minute',
      'req/s',
      'p99 ms',
      '5xx',
      'RSS MB',
      'anon MB',
      'file MB',
      'heap MB',
      'loop p99 ms',
      'DB MB',
      'WAL MB',
      'outbox',
    ],
    rows.map((r) => [
      String(r.minute),
      fixed(r.reqPerSec, 0),
      fixed(r.p99Ms, 1),
      String(r.fiveXx),
      fixed(r.rssMb, 0),
      fixed(r.anonMb, 0),
      fixed(r.fileMb, 0),
      fixed(r.heapMb, 0),
      fixed(r.loopP99Ms, 1),
      fixed(r.dbMb, 0),
      fixed(r.walMb, 1),
      fixed(r.outbox, 0),
    ]),
  );
}

function formatKindTable(
  answers: readonly Answer[],
  seconds: number,
  expected: (kind: SentKind, status: number) => boolean,
): string {
  const kinds: SentKind[] = ['list', 'file', 'reply', 'intake', 'portal', 'pay', 'webhook', 'search'];
  return table(
    ['kind', 'share', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'unexpected', '5xx'],
    kinds.map((kind) => {
      const own = answers.filter((a) => a.kind === kind);
      const sorted = own.map((a) => a.ms).sort((x, y) => x - y);
      return [
        kind,
        `${answers.length === 0 ? '–' : ((own.length / answers.length) * 100).toFixed(1)} %`,
        fixed(own.length / seconds, 0),
        fixed(percentile(sorted, 50), 1),
        fixed(percentile(sorted, 99), 1),
        fixed(sorted.length > 0 ? sorted[sorted.length - 1]! : null, 1),
        String(own.filter((a) => !expected(kind, a.status)).length),
        String(own.filter((a) => a.status >= 500).length),
      ];
    }),
  );
}
