import '../src/config/require-supported-node.js';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  type HttpCall,
  type LoadResult,
  type Operations,
  operationSize,
  runLoad,
  sampleOperation,
} from './load.js';
import { type BenchOptions, parseBenchOptions } from './options.js';
import {
  checkAcrossProcesses,
  checkNoDoubleSending,
  outboxDeliveredNow,
  startBenchPostgres,
  startCountingSmtpSink,
  waitForOutbox,
} from './postgres.js';
import {
  cpuPerRequest,
  freePort,
  type ServerProcess,
  scrapeProcessCpu,
  startTsProcess,
  stopAllOnExit,
} from './processes.js';
import { Rng } from './random.js';
import {
  budgetText,
  compareWithOneProcess,
  compareWithSqlite,
  formatTable,
  judge,
  type ResultRow,
} from './report.js';
import { BASELINES } from './scenarios/baselines.js';
import { SCENARIOS } from './scenarios/index.js';
import { TargetPool } from './scenarios/targets.js';
import type { BaselineName, Scenario, ScenarioContext, TwinName } from './scenarios/types.js';
import { type DatasetManifest, manifestPathFor, seedDataset, verifyDataset } from './seed.js';
import { runSoak } from './soak.js';
import { login } from './staff-login.js';
import { copyForTwins } from './twin-database.js';
import { TWINS } from './twins.js';

const log = (line = '') => process.stdout.write(`${line}\n`);

/** The password the app would give its demo school: unused (the seeded database is not empty), but required ≥ 12. */
const DEMO_PASSWORD = 'bench-demo-password';

/** The app's /api/metrics token in a bench run: each process reports its own CPU time there. */
const METRICS_TOKEN = `bench-metrics-${randomBytes(8).toString('hex')}`;

async function measure(
  url: string | string[],
  operations: Operations,
  options: BenchOptions,
): Promise<LoadResult> {
  await warmUp(url, operations, options);
  return runLoad(url, operations, { connections: options.connections, duration: options.duration });
}

async function warmUp(url: string | string[], operations: Operations, options: BenchOptions): Promise<void> {
  if (options.warmup > 0)
    await runLoad(url, operations, { connections: options.connections, duration: options.warmup });
}

type Smoke = { kind: 'ok' } | { kind: 'missing'; detail: string } | { kind: 'error'; detail: string };

/** One operation, sent plainly before the timed part: a route that does not exist yet is skipped, not failed. */
async function smoke(appUrl: string, calls: HttpCall[]): Promise<Smoke> {
  for (const call of calls) {
    const response = await fetch(`${appUrl}${call.path}`, {
      method: call.method,
      headers: { ...call.headers, ...(call.body !== undefined && { 'content-type': 'application/json' }) },
      body: call.body,
    });
    const text = await response.text();
    if (response.ok) continue;
    let message = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text) as { error?: { message?: string; fields?: Record<string, string> } };
      if (parsed.error?.message) {
        message =
          parsed.error.message + (parsed.error.fields ? ` ${JSON.stringify(parsed.error.fields)}` : '');
      }
    } catch {
      // not JSON: keep the text
    }
    const detail = `${call.method} ${call.path.split('?')[0]} → ${response.status} ${message}`;
    // The app's not-found handler says "Aucune route …" for a route that is not registered.
    if (response.status === 404 && message.startsWith('Aucune route')) return { kind: 'missing', detail };
    return { kind: 'error', detail };
  }
  return { kind: 'ok' };
}

/**
 * Waits until the app answers its health check quickly twice in a row: requests still queued
 * from a slow run must not be billed to the next scenario. Returns the seconds it took.
 */
async function settle(appUrl: string): Promise<number> {
  const started = Date.now();
  let quick = 0;
  while (quick < 2 && Date.now() - started < 120_000) {
    const t0 = performance.now();
    try {
      await (await fetch(`${appUrl}/api/health`)).arrayBuffer();
    } catch {
      // keep waiting
    }
    quick = performance.now() - t0 < 50 ? quick + 1 : 0;
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (Date.now() - started) / 1000;
}

async function runScenario(
  scenario: Scenario,
  baseContext: Omit<ScenarioContext, 'note'>,
  appUrls: string[],
  options: BenchOptions,
  baselineRates: Map<BaselineName, number>,
  notes: string[],
  /**
   * Every app process running: all of them are read for CPU time, even those the load skips — an
   * idle process still takes its share of the outbox (SKIP LOCKED), and that work is the run's.
   */
  fleetUrls: string[],
  /** Work the operations left behind (the outbox): awaited before the CPU time is read, so it is billed here. */
  drain?: () => Promise<unknown>,
): Promise<ResultRow> {
  const ctx: ScenarioContext = {
    ...baseContext,
    note: (text) => {
      if (!notes.includes(text)) notes.push(text);
    },
  };
  const operations = scenario.operations(ctx);
  const requestsPerOp = operationSize(operations);
  const baselineReqPerSec = scenario.baseline ? (baselineRates.get(scenario.baseline) ?? null) : null;
  const row: ResultRow = {
    name: scenario.name,
    kind: 'scenario',
    issue: scenario.issue,
    description: scenario.description,
    verdict: 'SKIP',
    reasons: [],
    notes,
    load: null,
    requestsPerOp,
    baseline: scenario.baseline,
    baselineReqPerSec,
    ratio: null,
    budget: scenario.budget,
  };
  const check = await smoke(ctx.appUrl, sampleOperation(operations));
  if (check.kind === 'missing') {
    row.reasons.push(`not available yet (${check.detail})`);
    return row;
  }
  if (check.kind === 'error') {
    row.verdict = 'FAIL';
    row.reasons.push(`first request refused: ${check.detail}`);
    return row;
  }
  // Connections go round-robin over the app processes (autocannon takes several URLs).
  const url = appUrls.length === 1 ? appUrls[0]! : appUrls;
  await warmUp(url, operations, options);
  // The warm-up's e-mails are sent before the measured window opens, the run's before it closes.
  await drain?.();
  const cpuBefore = await Promise.all(fleetUrls.map((u) => scrapeProcessCpu(u, METRICS_TOKEN)));
  const load = await runLoad(url, operations, {
    connections: options.connections,
    duration: options.duration,
  });
  await drain?.();
  const cpuAfter = await Promise.all(fleetUrls.map((u) => scrapeProcessCpu(u, METRICS_TOKEN)));
  const cpu = cpuPerRequest(cpuBefore, cpuAfter);
  let busySeconds = 0;
  for (const u of appUrls) busySeconds = Math.max(busySeconds, await settle(u));
  if (busySeconds > 1) {
    row.notes.push(
      `the app was still busy ${busySeconds.toFixed(1)} s after the run (requests queued behind slow ones)`,
    );
  }
  const { ratio, reasons } = judge(load, scenario.budget, baselineReqPerSec);
  if (load.errors > 0) {
    const after = await smoke(ctx.appUrl, sampleOperation(operations));
    if (after.kind !== 'ok') reasons.push(`e.g. ${after.detail}`);
  }
  return { ...row, load, ratio, reasons, cpu, verdict: reasons.length === 0 ? 'PASS' : 'FAIL' };
}

function gitDescription(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+uncommitted src changes` : commit;
  } catch {
    return null;
  }
}

/** Where a dataset lives: a SQLite file, or a PostgreSQL database. */
interface Target {
  dialect: 'sqlite' | 'postgres';
  sqliteFile: string;
  databaseUrl: string | null;
  manifestFile: string;
}

/** Seeds the target (or reads the manifest of an earlier run with --reuse) and checks it. */
async function prepareDataset(
  options: BenchOptions,
  target: Target,
): Promise<{ dataset: DatasetManifest; reused: boolean }> {
  const { sqliteFile, databaseUrl, manifestFile } = target;
  if (options.reuse) {
    if (!existsSync(manifestFile))
      throw new Error(`--reuse: no manifest at ${manifestFile} (seed once without --reuse).`);
    const dataset = JSON.parse(readFileSync(manifestFile, 'utf8')) as DatasetManifest;
    log(
      `Dataset: reusing ${databaseUrl ? 'the PostgreSQL database' : sqliteFile} (${dataset.totals.requests} requests)`,
    );
    return { dataset, reused: true };
  }
  if (!databaseUrl && existsSync(sqliteFile)) {
    throw new Error(`${sqliteFile} exists: pass --reuse to serve it as it is, or delete it to seed afresh.`);
  }
  if (!databaseUrl) mkdirSync(dirname(sqliteFile), { recursive: true });
  log(
    `Dataset: seeding 1 school × ${options.requests} requests + ${options.schools} × ${options.schoolRequests} into ${databaseUrl ? 'PostgreSQL' : sqliteFile}`,
  );
  const dataset = await seedDataset({
    requests: options.requests,
    schools: options.schools,
    schoolRequests: options.schoolRequests,
    seed: options.seed,
    sqliteFile,
    databaseUrl,
    analyze: options.analyze,
    targets: options.targets,
    log: (line) => log(`  ${line}`),
  });
  writeFileSync(manifestFile, JSON.stringify(dataset, null, 2));
  const mismatches = await verifyDataset({ sqliteFile, databaseUrl }, dataset.sampleRequestIds.slice(0, 300));
  if (mismatches.length > 0) {
    throw new Error(
      `Seeded statuses disagree with the application's status rule:\n${mismatches.slice(0, 5).join('\n')}`,
    );
  }
  const t = dataset.totals;
  log(
    `  ${t.requests} requests, ${t.customers} customers, ${t.messages} messages, ${t.lines} lines, ${t.offers} offers, ${t.payments} payments, ${t.activity} journal rows; 300 statuses re-derived by the app's rule: OK`,
  );
  return { dataset, reused: false };
}

/** The bare baselines and the selected scenarios' raw twins (on the target's database), each in its own process. */
async function measureBaselines(
  options: BenchOptions,
  scenarios: Scenario[],
  target: Target,
  work: string,
): Promise<{ rows: ResultRow[]; rates: Map<BaselineName, number> }> {
  const rows: ResultRow[] = [];
  const rates = new Map<BaselineName, number>();
  const twinNames = [
    ...new Set(
      scenarios.flatMap((s) => (s.baseline?.startsWith('twin:') ? [s.baseline.slice(5) as TwinName] : [])),
    ),
  ];
  // The twins write into a copy of the seeded database: the app's dataset stays as seeded.
  const twinCopy =
    twinNames.length > 0
      ? await copyForTwins({ sqliteFile: target.sqliteFile, databaseUrl: target.databaseUrl, work })
      : null;
  const servers = [
    ...BASELINES.map((b) => ({
      name: b.name,
      description: b.description,
      script: 'bench/baseline-server.ts',
      args: (port: number) => [b.kind, String(port), work],
      operations: b.operations(),
    })),
    ...twinNames.map((twin) => ({
      name: `twin:${twin}` as BaselineName,
      description: TWINS[twin].description,
      script: 'bench/twin-server.ts',
      args: (port: number) => [twin, String(port), twinCopy!.database, target.manifestFile],
      operations: [{ method: 'POST' as const, path: '/bench' }],
    })),
  ];
  try {
    for (const baseline of servers) {
      const port = await freePort();
      log(`▸ baseline ${baseline.name}`);
      const server = await startTsProcess({
        name: `baseline ${baseline.name}`,
        script: baseline.script,
        args: baseline.args(port),
        env: process.env,
        url: `http://127.0.0.1:${port}`,
        isReady: async (url) => (await fetch(`${url}/ready`)).ok,
      });
      let load: LoadResult;
      try {
        load = await measure(server.url, baseline.operations, options);
      } finally {
        await server.stop();
      }
      rates.set(baseline.name, load.reqPerSec);
      rows.push({
        name: baseline.name,
        kind: 'baseline',
        issue: null,
        description: baseline.description,
        verdict: load.errors > 0 ? 'FAIL' : 'BASE',
        reasons: load.errors > 0 ? [`${load.errors} errors in a baseline: its ratio is meaningless`] : [],
        notes: [],
        load,
        requestsPerOp: 1,
        baseline: null,
        baselineReqPerSec: null,
        ratio: null,
        budget: null,
      });
    }
  } finally {
    await twinCopy?.drop();
  }
  return { rows, rates };
}

interface Fleet {
  /** App processes started; with 2 or more, every scenario runs on the first alone, then on all. */
  processes: number;
  /** Extra environment (the SMTP sink of a several-process run). */
  env?: NodeJS.ProcessEnv;
  /**
   * After a writing scenario's run on PostgreSQL: resolves once the outbox has nothing due. The
   * e-mails the run queued are sent by then, their CPU time billed to that run's requests (on one
   * process as on several), and the next run starts with an empty outbox.
   */
  settleOutbox?: () => Promise<unknown>;
  /** Called with the app URLs and a staff cookie once the scenarios ran, before the apps stop. */
  after?: (apps: { urls: string[]; cookie: string; dataset: DatasetManifest }) => Promise<void>;
}

/**
 * The app under test in `fleet.processes` child processes on the target's database, and its
 * scenarios: each on the first process alone, then (several processes) on all of them, the
 * load generator's connections round-robin — one after the other, so both rows see the same
 * dataset and the same machine load. The rows of the second run are named `<scenario> ×N`.
 */
async function runApps(
  options: BenchOptions,
  scenarios: Scenario[],
  target: Target,
  dataset: DatasetManifest,
  baselineRates: Map<BaselineName, number>,
  fleet: Fleet,
): Promise<ResultRow[]> {
  const ports = await Promise.all(Array.from({ length: fleet.processes }, () => freePort()));
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const envOf = (port: number): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...fleet.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: urls[0],
      LOG_LEVEL: process.env.BENCH_APP_LOG_LEVEL ?? 'silent',
      SCHUSS_DEMO_PASSWORD: DEMO_PASSWORD,
      SQLITE_FILE: target.sqliteFile,
      // The intake scenario posts thousands of keyed submissions a second from one IP.
      INTAKE_KEY_RATE_PER_MINUTE: '100000000',
      // Each process's own CPU time (process.cpuUsage(), via prom-client) and answered requests.
      METRICS_TOKEN,
    };
    if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
    else delete env.DATABASE_URL;
    return env;
  };
  log(
    `▸ app: ${fleet.processes} × node --import tsx src/server.ts on ${target.dialect} (${urls.join(', ')})`,
  );
  const apps: ServerProcess[] = [];
  const rows: ResultRow[] = [];
  try {
    // One after the other: the first one migrates, the others find the schema ready.
    for (const [index, port] of ports.entries()) {
      apps.push(
        await startTsProcess({
          name: `Schuss${fleet.processes > 1 ? ` #${index + 1}` : ''}`,
          script: 'src/server.ts',
          env: envOf(port),
          url: urls[index]!,
          isReady: async (url) => (await fetch(`${url}/api/health`)).status === 200,
          timeoutMs: 120_000,
          // BENCH_APP_CPU_PROF=<folder>: a V8 CPU profile of the app, written when it stops (open it
          // in Chrome DevTools or speedscope; with --only to profile one scenario).
          nodeArgs: process.env.BENCH_APP_CPU_PROF
            ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_APP_CPU_PROF)]
            : [],
        }),
      );
    }
    const secretary =
      dataset.bigSchool.staff.find((s) => s.role === 'secretary') ?? dataset.bigSchool.staff[0]!;
    let notes: string[] = [];
    const targets = new TargetPool(dataset, (kind, count) =>
      notes.push(
        `used all ${count} seeded "${kind}" targets, then reused them (refused): seed again with a larger --targets`,
      ),
    );
    const cookie = await login(urls[0]!, secretary.email, secretary.password);
    const ctx: Omit<ScenarioContext, 'note'> = {
      nextTarget: (kind) => targets.next(kind),
      appUrl: urls[0]!,
      staffCookie: cookie,
      dataset,
      rng: new Rng(options.seed + 1),
      runTag: randomBytes(4).toString('hex'),
    };
    const suffix = `×${fleet.processes}`;
    try {
      for (const scenario of scenarios) {
        log(`▸ ${scenario.name}`);
        notes = [];
        const drain = scenario.isWriting ? fleet.settleOutbox : undefined;
        rows.push(
          await runScenario(scenario, ctx, urls.slice(0, 1), options, baselineRates, notes, urls, drain),
        );
        if (fleet.processes < 2) continue;
        log(`▸ ${scenario.name} ${suffix}`);
        notes = [];
        // What must hold on several processes is 0 errors and the CPU time per request (judged
        // against the one-process row): throughput cannot grow on a machine this size.
        const judged = { ...scenario, budget: { maxErrors: scenario.budget.maxErrors ?? 0 } };
        const row = await runScenario(judged, ctx, urls, options, baselineRates, notes, urls, drain);
        rows.push({ ...row, name: `${row.name} ${suffix}` });
      }
      await fleet.after?.({ urls, cookie, dataset });
    } finally {
      // The next run on this dataset (--reuse) starts after the targets this one used.
      dataset.writeTargetsUsed = targets.used;
      writeFileSync(target.manifestFile, JSON.stringify(dataset, null, 2));
    }
  } finally {
    for (const app of apps) await app.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  stopAllOnExit();
  const work = mkdtempSync(join(tmpdir(), 'schuss-bench-'));
  let cluster: { url: string; stop(): void } | null = null;
  try {
    if (options.postgres && !options.databaseUrl) {
      log('PostgreSQL: starting a throwaway cluster (test/support/postgres-cluster.ts)');
      cluster = await startBenchPostgres();
      // Stopped and deleted whatever ends the run.
      process.once('exit', () => cluster?.stop());
      options.databaseUrl = cluster.url;
    }
    await runBench(options, work);
  } finally {
    cluster?.stop();
    cluster = null;
  }
}

async function runBench(options: BenchOptions, work: string): Promise<void> {
  const dialect = options.databaseUrl ? 'postgres' : 'sqlite';
  const sqliteFile = options.dbFile ? resolve(options.dbFile) : join(work, 'bench.db');
  const target: Target = {
    dialect,
    sqliteFile,
    databaseUrl: options.databaseUrl,
    manifestFile: manifestPathFor(options.databaseUrl ? null : sqliteFile, options.databaseUrl),
  };
  const scenarios = SCENARIOS.filter((s) => !options.only || options.only.includes(s.name)).sort(
    (a, b) => Number(a.isWriting) - Number(b.isWriting),
  );
  if (options.only) {
    const unknown = options.only.filter((name) => !SCENARIOS.some((s) => s.name === name));
    if (unknown.length > 0) {
      throw new Error(
        `Unknown scenario(s): ${unknown.join(', ')}. Known: ${SCENARIOS.map((s) => s.name).join(', ')}.`,
      );
    }
  }

  const loadBefore = loadavg()[0]!;
  log(
    `Schuss bench — ${dialect}${options.processes > 1 ? `, then ${options.processes} app processes` : ''}, autocannon -c ${options.connections} -d ${options.duration} (warm-up ${options.warmup} s), ${cpus().length} CPUs, Node ${process.version}`,
  );
  if (loadBefore > cpus().length * 0.5) {
    log(
      `⚠ load average ${loadBefore.toFixed(1)} on ${cpus().length} CPUs: other work competes with the benchmark, expect noisy numbers.`,
    );
  }

  // 0. On PostgreSQL, the read scenarios on SQLite first: the same dataset shape, seeded afresh.
  const sqliteRates = new Map<string, number>();
  const readers = scenarios.filter((s) => !s.isWriting);
  if (options.compareSqlite && readers.length > 0) {
    const file = join(work, 'compare-sqlite.db');
    const sqliteTarget: Target = {
      dialect: 'sqlite',
      sqliteFile: file,
      databaseUrl: null,
      manifestFile: `${file}.manifest.json`,
    };
    log('SQLite comparison: the read scenarios on SQLite, same dataset shape');
    const { dataset } = await prepareDataset({ ...options, reuse: false }, sqliteTarget);
    for (const row of await runApps(options, readers, sqliteTarget, dataset, new Map(), {
      processes: 1,
    })) {
      if (row.load) sqliteRates.set(row.name, row.load.opsPerSec);
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }

  // 1. The dataset.
  const { dataset, reused } = await prepareDataset(options, target);
  if (options.soak) return runSoak({ options, dataset, sqliteFile, work, log });

  // 2. The baselines and the write scenarios' raw twins, each in its own process.
  const { rows, rates: baselineRates } = await measureBaselines(options, scenarios, target, work);

  // 3. The app under test, in a child process; 4. with --processes N, each scenario again on N.
  // Several processes: every app process sends its e-mails to one counting SMTP server.
  const sink = options.processes > 1 ? await startCountingSmtpSink() : null;
  const checks: string[] = [];
  const deliveredBefore = sink ? await outboxDeliveredNow(target.databaseUrl!) : 0;
  const appRows = await runApps(options, scenarios, target, dataset, baselineRates, {
    processes: options.processes,
    env: sink ? { SMTP_URL: sink.url } : undefined,
    settleOutbox: target.databaseUrl ? () => waitForOutbox(target.databaseUrl!) : undefined,
    after: sink
      ? async (apps) => {
          checks.push(...(await checkAcrossProcesses({ ...apps, databaseUrl: target.databaseUrl!, sink })));
          // While the processes still run: they drain the outbox together.
          checks.push(...(await checkNoDoubleSending(target.databaseUrl!, deliveredBefore, sink)));
        }
      : undefined,
  });
  await sink?.close();
  for (const row of appRows) {
    const sqlite = sqliteRates.get(row.name);
    if (sqlite !== undefined) compareWithSqlite(row, sqlite);
    compareWithOneProcess(row, appRows);
  }
  rows.push(...appRows);

  // 5. The report.
  log('');
  log(formatTable(rows));
  log('');
  for (const row of rows) for (const note of row.notes) log(`Note — ${row.name}: ${note}`);
  for (const check of checks) log(check);
  const failed = rows.filter((r) => r.verdict === 'FAIL').map((r) => r.name);
  const failedChecks = checks.filter((c) => c.startsWith('FAIL'));
  const skipped = rows.filter((r) => r.verdict === 'SKIP').map((r) => r.name);
  log(
    `${failed.length + failedChecks.length === 0 ? 'No budget failed' : `FAIL: ${[...failed, ...(failedChecks.length > 0 ? [`${failedChecks.length} cross-process check(s)`] : [])].join(', ')}`}${skipped.length > 0 ? ` · not available yet: ${skipped.join(', ')}` : ''}`,
  );
  log(
    `Dataset: ${dataset.totals.requests} requests in ${dataset.totals.schools} schools (big school: ${dataset.bigSchool.requests}), ${reused ? 'reused' : `seeded in ${(dataset.seedingMs / 1000).toFixed(1)} s`}${dialect === 'sqlite' ? (dataset.analyzed ? ', ANALYZEd (--analyze)' : ', no ANALYZE (as the app leaves its file)') : ''} · ratio = operations/s ÷ baseline req/s${sqliteRates.size > 0 ? ' · vs SQLite = operations/s ÷ the same scenario on SQLite (budget ≥ 0.70×)' : ''}`,
  );

  const results = {
    generatedAt: new Date().toISOString(),
    git: gitDescription(),
    machine: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadAverageBefore: round(loadBefore),
      loadAverageAfter: round(loadavg()[0]!),
    },
    database: dialect,
    options: {
      duration: options.duration,
      connections: options.connections,
      warmup: options.warmup,
      requests: options.requests,
      schools: options.schools,
      schoolRequests: options.schoolRequests,
      seed: options.seed,
      analyze: options.analyze,
      postgres: options.postgres,
      compareSqlite: options.compareSqlite,
      processes: options.processes,
    },
    dataset: {
      reused,
      analyzed: dataset.analyzed,
      seedingSeconds: reused ? null : dataset.seedingMs / 1000,
      totals: dataset.totals,
      bigSchool: {
        slug: dataset.bigSchool.slug,
        requests: dataset.bigSchool.requests,
        statusCounts: dataset.bigSchool.statusCounts,
      },
    },
    checks,
    rows: rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      issue: r.issue,
      description: r.description,
      verdict: r.verdict,
      reasons: r.reasons,
      notes: r.notes,
      requestsPerOp: r.requestsPerOp,
      ...(r.load && {
        reqPerSec: Math.round(r.load.reqPerSec),
        opsPerSec: Math.round(r.load.opsPerSec),
        p50Ms: round(r.load.p50),
        p95Ms: round(r.load.p95),
        p99Ms: round(r.load.p99),
        maxMs: round(r.load.max),
        requests: r.load.requests,
        seconds: round(r.load.seconds),
        errors: r.load.errors,
        statusCodes: r.load.statusCodes,
      }),
      baseline: r.baseline,
      baselineReqPerSec: r.baselineReqPerSec === null ? null : Math.round(r.baselineReqPerSec),
      ratio: r.ratio === null ? null : round(r.ratio),
      budget: r.budget,
      budgetText: budgetText(r.budget, r.baseline),
      ...(r.vsSqlite !== undefined && {
        vsSqlite: round(r.vsSqlite),
        sqliteOpsPerSec: Math.round(r.sqliteOpsPerSec!),
      }),
      ...(r.cpu && { cpu: r.cpu }),
    })),
  };
  mkdirSync(dirname(resolve(options.output)), { recursive: true });
  writeFileSync(options.output, `${JSON.stringify(results, null, 2)}\n`);
  log(`Results: ${options.output}`);

  if (options.keep && !options.dbFile && !options.databaseUrl) {
    log(`Kept: ${sqliteFile} (serve it again with --db-file ${sqliteFile} --reuse)`);
    for (const file of readdirSync(work)) {
      if (/^((insert|select)-baseline|twin|compare-sqlite)\.db/.test(file))
        rmSync(join(work, file), { force: true });
    }
  } else {
    rmSync(work, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
