import { parseArgs } from 'node:util';

/** Everything `npm run bench -- …` accepts. See bench/README.md. */
export interface BenchOptions {
  /** Requests of the big school. */
  requests: number;
  /** Number of smaller schools, and requests in each. */
  schools: number;
  schoolRequests: number;
  /** autocannon: seconds per measured run, concurrent connections, warm-up seconds before each run. */
  duration: number;
  connections: number;
  warmup: number;
  /** SQLite file to seed and serve; a fresh temporary file when not given. */
  dbFile: string | null;
  /** Serve an already-seeded --db-file (its manifest sits next to it) instead of seeding again. */
  reuse: boolean;
  /** Keep the temporary SQLite file (and its manifest) at the end. */
  keep: boolean;
  /** Only these scenarios (comma-separated names); baselines always run. */
  only: string[] | null;
  /** SQLite: ANALYZE the seeded file (the app never does; PostgreSQL is always analysed). */
  analyze: boolean;
  /** Minimum fresh targets of each write scenario in the big school (topped up by the seed). */
  targets: number;
  /** Seed of the pseudo-random generator: the same seed gives the same dataset shape. */
  seed: number;
  output: string;
  databaseUrl: string | null;
  /** `--soak`: a sustained realistic mix for `soakMinutes` instead of the scenarios (bench/soak.ts). */
  soak: boolean;
  soakMinutes: number;
  /** Start a throwaway PostgreSQL cluster for the run (unless DATABASE_URL names a server). */
  postgres: boolean;
  /** On PostgreSQL: run the read scenarios on SQLite too (same dataset) for the "vs SQLite" column. */
  compareSqlite: boolean;
  /** On PostgreSQL: this many app processes; each scenario runs on the first, then on all of them. */
  processes: number;
}

const SMALL = { requests: 5_000, schoolRequests: 100, targets: 3_000 };

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      requests: { type: 'string' },
      schools: { type: 'string' },
      'school-requests': { type: 'string' },
      small: { type: 'boolean', default: false },
      duration: { type: 'string', short: 'd' },
      connections: { type: 'string', short: 'c' },
      warmup: { type: 'string' },
      'db-file': { type: 'string' },
      reuse: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      analyze: { type: 'boolean', default: false },
      only: { type: 'string' },
      seed: { type: 'string' },
      targets: { type: 'string' },
      output: { type: 'string', short: 'o' },
      soak: { type: 'boolean', default: false },
      'soak-minutes': { type: 'string' },
      postgres: { type: 'boolean', default: false },
      'compare-sqlite': { type: 'boolean' },
      processes: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const small = values.small === true;
  const options: BenchOptions = {
    requests: int(values.requests, small ? SMALL.requests : 100_000, 'requests', 10),
    schools: int(values.schools, 20, 'schools', 0),
    schoolRequests: int(values['school-requests'], small ? SMALL.schoolRequests : 500, 'school-requests', 10),
    duration: int(values.duration, 10, 'duration', 1),
    connections: int(values.connections, 10, 'connections', 1),
    warmup: int(values.warmup, 1, 'warmup', 0),
    dbFile: values['db-file'] ?? null,
    reuse: values.reuse === true,
    keep: values.keep === true || values['db-file'] !== undefined,
    analyze: values.analyze === true,
    only: values.only ? values.only.split(',').map((s) => s.trim()) : null,
    seed: int(values.seed, 20261126, 'seed', 0),
    targets: int(values.targets, small ? SMALL.targets : 12_000, 'targets', 10),
    output: values.output ?? 'bench/results.json',
    databaseUrl: env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL) ? env.DATABASE_URL : null,
    soak: values.soak === true,
    soakMinutes: int(values['soak-minutes'], 5, 'soak-minutes', 1),
    postgres: values.postgres === true,
    compareSqlite: false,
    processes: int(values.processes, 1, 'processes', 1),
  };
  const onPostgres = options.postgres || options.databaseUrl !== null;
  // --postgres compares with SQLite by itself; DATABASE_URL only when asked (--compare-sqlite).
  options.compareSqlite = values['compare-sqlite'] ?? options.postgres;
  if (options.compareSqlite && !onPostgres) {
    throw new Error(
      '--compare-sqlite compares a PostgreSQL run with SQLite: add --postgres (or DATABASE_URL).',
    );
  }
  if (options.processes > 1 && !onPostgres) {
    throw new Error(
      '--processes N runs several app processes on one database: PostgreSQL only (add --postgres or DATABASE_URL).',
    );
  }
  if (options.postgres && options.reuse) {
    throw new Error(
      '--reuse serves an earlier dataset: the --postgres cluster is new each run (use DATABASE_URL).',
    );
  }
  if (options.reuse && !options.dbFile && !options.databaseUrl) {
    throw new Error('--reuse needs --db-file <a SQLite file seeded by an earlier run> (or DATABASE_URL).');
  }
  return options;
}

function int(raw: string | undefined, fallback: number, name: string, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}".`);
  return value;
}

export const USAGE = `npm run bench -- [flags]

  --requests N          requests of the big school (default 100000; 5000 with --small)
  --schools N           smaller schools (default 20)
  --school-requests N   requests per smaller school (default 500; 100 with --small)
  --small               quick dataset (5000 + 20 × 100)
  -d, --duration S      seconds per measured run (default 10)
  -c, --connections N   concurrent connections (default 10)
  --warmup S            warm-up seconds before each run, not measured (default 1)
  --db-file PATH        SQLite file to seed (kept); with --reuse, serve it as it is
  --reuse               skip seeding: serve --db-file (or DATABASE_URL) as seeded by an earlier run
  --keep                keep the temporary SQLite file
  --analyze             SQLite: ANALYZE after seeding (the app itself never does)
  --only a,b            run only these scenarios (baselines always run)
  --seed N              pseudo-random seed of the dataset shape
  --targets N           fresh requests per write scenario in the big school (default 12000;
                        3000 with --small): the seed tops the tabs up to it
  -o, --output PATH     results file (default bench/results.json)
  --soak                sustained load instead of the scenarios: a realistic mix, memory, WAL
                        and event-loop delay per minute, a verdict on growth (bench/soak.ts)
  --soak-minutes N      how long the soak runs (default 5)

  --postgres            start a throwaway PostgreSQL cluster (/usr/lib/postgresql/*/bin), seed and
                        serve it, stop and delete it at the end; implies --compare-sqlite
  --compare-sqlite      on PostgreSQL: run the read scenarios on SQLite too, same dataset, and
                        print the "vs SQLite" ratio (budget ≥ 0.70×)
  --processes N         on PostgreSQL: N app processes; each scenario runs on the first alone, then
                        on all N behind the load generator (connections round-robin): 0 errors,
                        CPU time per request (each process's /api/metrics) within 15 % of one
                        process's, live events across processes, no e-mail sent twice

  DATABASE_URL=postgres://…  seed and serve this PostgreSQL database instead of SQLite
`;
