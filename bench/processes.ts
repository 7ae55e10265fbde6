import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server the benchmark started in its own process (so the load generator never shares its event loop). */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** The last lines the process printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ServerProcess>();

/** Children die with the benchmark, whatever ends it. */
export function stopAllOnExit(): void {
  const killAll = () => {
    for (const server of running) server.child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node --import tsx <script> …args` and returns once `isReady` says so. */
export async function startTsProcess(options: {
  name: string;
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  url: string;
  isReady: (url: string) => Promise<boolean>;
  timeoutMs?: number;
  /** Node flags before the script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', options.script, ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  // BENCH_APP_LOG=<file> keeps every line the servers print (with BENCH_APP_LOG_LEVEL=error…).
  const logFile = process.env.BENCH_APP_LOG;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 1);
      resolve();
    });
  });

  const server: ServerProcess = {
    url: options.url,
    child,
    output: () => tail,
    async stop() {
      running.delete(server);
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
  running.add(server);

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited !== null) {
      running.delete(server);
      throw new Error(`${options.name} exited (${exited}) before it was ready:\n${tail}`);
    }
    try {
      if (await options.isReady(options.url)) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(`${options.name} was not ready after ${(options.timeoutMs ?? 60_000) / 1000} s:\n${tail}`);
}

/** One app process's own counters, from its `/api/metrics` (prom-client: process.cpuUsage()). */
export interface ProcessCpuSample {
  /** User + system CPU seconds of the process since it started. */
  cpuSeconds: number;
  /** HTTP answers it gave, the metrics scrapes and health checks excepted. */
  requests: number;
}

const METRIC_LINE =
  /^(schuss_process_cpu_seconds_total|schuss_http_request_duration_seconds_count)(\{[^}]*\})? ([0-9.e+-]+)$/;

export async function scrapeProcessCpu(url: string, token: string): Promise<ProcessCpuSample | null> {
  const response = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return null;
  const sample: ProcessCpuSample = { cpuSeconds: 0, requests: 0 };
  for (const line of (await response.text()).split('\n')) {
    const match = METRIC_LINE.exec(line);
    if (!match) continue;
    const value = Number(match[3]);
    if (match[1] === 'schuss_process_cpu_seconds_total') sample.cpuSeconds = value;
    else if (!/route="\/api\/(metrics|health)"/.test(match[2] ?? '')) sample.requests += value;
  }
  return sample;
}

/** CPU time per answered request over a run: each process's own, and all of them together. */
export interface CpuPerRequest {
  msPerRequest: number;
  perProcess: { msPerRequest: number; requests: number }[];
  /** The several-process row: its msPerRequest ÷ the one-process row's. */
  vsOneProcess?: number;
}

export function cpuPerRequest(
  before: (ProcessCpuSample | null)[],
  after: (ProcessCpuSample | null)[],
): CpuPerRequest | undefined {
  const perProcess: CpuPerRequest['perProcess'] = [];
  let cpu = 0;
  let requests = 0;
  for (const [index, start] of before.entries()) {
    const end = after[index];
    if (!start || !end) return undefined;
    const seconds = end.cpuSeconds - start.cpuSeconds;
    const answered = end.requests - start.requests;
    cpu += seconds;
    requests += answered;
    perProcess.push({
      msPerRequest: answered > 0 ? (seconds * 1000) / answered : Number.NaN,
      requests: answered,
    });
  }
  if (requests === 0) return undefined;
  return { msPerRequest: (cpu * 1000) / requests, perProcess };
}
