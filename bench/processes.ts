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
