import '../../src/config/require-supported-node.js';
import type { TestProject } from 'vitest/node';
import { prepareMachine, probeMachine } from './machine-setup.js';
import { type Cluster, startCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server the tests use, or null when none could be found. */
    pgAdminUrl: string | null;
  }
}

/**
 * Makes the machine ready (installs Debian's chromium / postgresql / poppler-utils where it may,
 * see machine-setup.ts) or stops at once with the one command to run; then starts a throwaway
 * PostgreSQL cluster for the run (unless TEST_DATABASE_URL is given).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  process.stdout.write(`\nTests run on Node ${process.version} (${process.execPath})\n`);
  const stop = prepareMachine(probeMachine(), (line) => process.stdout.write(line));
  if (stop) {
    process.stderr.write(`\n${stop}\n\n`);
    process.exit(1);
  }
  let cluster: Cluster | null = null;
  let url = process.env.TEST_DATABASE_URL ?? null;
  if (!url) {
    cluster = await startCluster();
    url = cluster?.url ?? null;
  }
  if (!url) {
    process.stderr.write('\nPostgreSQL binaries are installed but no cluster could be started.\n\n');
    process.exit(1);
  }
  project.provide('pgAdminUrl', url);
  return () => cluster?.stop();
}
