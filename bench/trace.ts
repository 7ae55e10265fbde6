import '../src/config/require-supported-node.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/app/container.js';
import { loadConfig } from '../src/config/env.js';
import { openSqlite } from '../src/db/connection.js';
import { buildApp } from '../src/http/app.js';
import { sampleOperation } from './load.js';
import { Rng } from './random.js';
import { SCENARIOS } from './scenarios/index.js';
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
 * and prints the statements of the last one (the first may warm caches the others find warm).
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'db-file': { type: 'string' }, count: { type: 'string' } },
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
  const dataset = JSON.parse(readFileSync(manifestPathFor(file, null), 'utf8')) as DatasetManifest;
  let recording: string[] | null = null;
  const db = openSqlite(file, { onQuery: (sql) => recording?.push(sql) });
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
    const ctx: ScenarioContext = {
      appUrl: config.publicUrl,
      staffCookie: `schuss_session=${cookie.value}`,
      dataset,
      rng: new Rng(7),
      runTag: `trace${Date.now().toString(36)}`,
      note: (text) => process.stdout.write(`note: ${text}\n`),
    };
    const operations = scenario.operations(ctx);
    const count = Number(values.count ?? 2);
    for (let i = 0; i < count; i++) {
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
    const statements = recording ?? [];
    recording = null;
    for (const [i, sql] of statements.entries()) {
      process.stdout.write(`${String(i + 1).padStart(3)}  ${sql.replace(/\s+/g, ' ')}\n`);
    }
    process.stdout.write(`\n${statements.length} statements; rows written:\n`);
    for (const [table, rows] of Object.entries(summarizeWrites(statements))) {
      process.stdout.write(`  ${table}: ${rows}\n`);
    }
  } finally {
    await app.close();
    await deps.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
