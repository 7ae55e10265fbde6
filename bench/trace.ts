import '../src/config/require-supported-node.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/app/container.js';
import { loadConfig } from '../src/config/env.js';
import { openSqlite } from '../src/db/connection.js';
import { buildApp } from '../src/http/app.js';
import { sampleOperation } from './load.js';
import { Rng } from './random.js';
import { SCENARIOS } from './scenarios/index.js';
import { TargetPool } from './scenarios/targets.js';
import type { ScenarioContext } from './scenarios/types.js';
import { type DatasetManifest, manifestPathFor } from './seed.js';
import { summarizeWrites } from './twins.js';

/**
 * What one operation of a scenario runs, statement by statement (Kysely's query log, i.e.
 * `OpenOptions.onQuery`), and the rows it writes per table — what its raw twin must write:
 *
 *   npx tsx bench/trace.ts --db-file data/bench/b.db "add a catalogue line"
 *
 * Runs the app in this process on a SQLite file seeded by `bench/seed.ts` or `npm run bench --
 * --db-file …` (the operation is committed: use a scratch copy). `--count N` runs N operations
 * and prints the statements of the last one (the first may warm caches the others find warm),
 * and the CPU time per operation after the first; `--cpu-prof FILE` profiles those operations.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'db-file': { type: 'string' }, count: { type: 'string' }, 'cpu-prof': { type: 'string' } },
  });
  const dbFile = values['db-file'];
  const name = positionals[0];
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!dbFile || !scenario) {
    throw new Error(
      `usage: bench/trace.ts --db-file <seeded SQLite file> "<scenario>" (one of: ${SCENARIOS.map((s) => s.name).join(', ')})`,
    );
  }
  const file = resolve(dbFile);
  const profiler = steadyStateProfiler();
  const dataset = JSON.parse(readFileSync(manifestPathFor(file, null), 'utf8')) as DatasetManifest;
  let recording: string[] | null = null;
  // Time the driver spent per statement text, over the measured operations (after the first).
  const driverTime = new Map<string, { ms: number; runs: number }>();
  let isMeasuring = false;
  const db = openSqlite(file, {
    onQuery: (sql, ms) => {
      recording?.push(sql);
      if (!isMeasuring) return;
      const spent = driverTime.get(sql) ?? { ms: 0, runs: 0 };
      spent.ms += ms;
      spent.runs += 1;
      driverTime.set(sql, spent);
    },
  });
  const config = loadConfig({
    ...process.env,
    SQLITE_FILE: file,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://127.0.0.1:1',
    INTAKE_KEY_RATE_PER_MINUTE: '100000000',
  });
  const deps = await createDeps({ config, db });
  const app = await buildApp(deps, { logger: false });
  try {
    const secretary = dataset.bigSchool.staff.find((s) => s.role === 'secretary')!;
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: config.publicUrl },
      payload: { email: secretary.email, password: secretary.password },
    });
    const cookie = login.cookies.find((c) => c.name === 'schuss_session');
    if (!cookie) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    // A scratch copy is traced: start after the targets earlier traces used, and count them.
    const targets = new TargetPool(dataset, () => undefined);
    const ctx: ScenarioContext = {
      appUrl: config.publicUrl,
      staffCookie: `schuss_session=${cookie.value}`,
      dataset,
      rng: new Rng(7),
      runTag: `trace${Date.now().toString(36)}`,
      note: (text) => process.stdout.write(`note: ${text}\n`),
      nextTarget: (kind) => targets.next(kind),
    };
    const operations = scenario.operations(ctx);
    const count = Number(values.count ?? 2);
    // CPU time of the operations after the first (which compiles, prepares and warms caches).
    let cpu: NodeJS.CpuUsage | null = null;
    let started = 0;
    for (let i = 0; i < count; i++) {
      if (i === 1) {
        if (values['cpu-prof']) await profiler.start();
        cpu = process.cpuUsage();
        started = performance.now();
        isMeasuring = true;
      }
      recording = [];
      for (const call of sampleOperation(operations)) {
        const response = await app.inject({
          method: call.method,
          url: call.path,
          headers: {
            ...call.headers,
            ...(call.body !== undefined && { 'content-type': 'application/json' }),
          },
          payload: call.body,
        });
        if (i === count - 1) {
          process.stdout.write(`${call.method} ${call.path} → ${response.statusCode}\n`);
        }
        if (response.statusCode >= 400) throw new Error(`${response.statusCode} ${response.body}`);
      }
    }
    if (cpu && count > 1) {
      const used = process.cpuUsage(cpu);
      if (values['cpu-prof']) await profiler.stop(values['cpu-prof']);
      const ops = count - 1;
      process.stdout.write(
        `${ops} operations after the first: ${((used.user + used.system) / ops).toFixed(0)} µs CPU and ${((1000 * (performance.now() - started)) / ops).toFixed(0)} µs wall each (in-process, app.inject)\n`,
      );
    }
    dataset.writeTargetsUsed = targets.used;
    writeFileSync(manifestPathFor(file, null), JSON.stringify(dataset, null, 2));
    const statements = recording ?? [];
    recording = null;
    const ops = Math.max(1, count - 1);
    let driverUs = 0;
    for (const { ms } of driverTime.values()) driverUs += (1000 * ms) / ops;
    for (const [i, sql] of statements.entries()) {
      const spent = driverTime.get(sql);
      const us = spent ? ((1000 * spent.ms) / spent.runs).toFixed(0).padStart(5) : '    ?';
      process.stdout.write(`${String(i + 1).padStart(3)} ${us} µs  ${sql.replace(/\s+/g, ' ')}\n`);
    }
    if (count > 1)
      process.stdout.write(
        `\ndriver time (better-sqlite3 running the statements, from Kysely's query log): ${driverUs.toFixed(0)} µs per operation\n`,
      );
    process.stdout.write(`\n${statements.length} statements; rows written:\n`);
    for (const [table, rows] of Object.entries(summarizeWrites(statements))) {
      process.stdout.write(`  ${table}: ${rows}\n`);
    }
  } finally {
    await app.close();
    await deps.close();
  }
}

/** `--cpu-prof FILE`: a V8 CPU profile of the operations after the first (no start-up in it). */
function steadyStateProfiler() {
  const session = new Session();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((done, fail) =>
      session.post(method, params, (error, result) => (error ? fail(error) : done(result))),
    );
  return {
    async start() {
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 100 });
      await post('Profiler.start');
    },
    async stop(to: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(to, JSON.stringify(profile));
      session.disconnect();
      process.stdout.write(`CPU profile: ${to} (summary: npx tsx bench/profile-summary.ts ${to})\n`);
    },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
