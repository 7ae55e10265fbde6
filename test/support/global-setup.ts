import '../../src/config/require-supported-node.js';
import type { TestProject } from 'vitest/node';
import { type Cluster, startCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server the tests use, or null when none could be found. */
    pgAdminUrl: string | null;
  }
}

/**
 * Starts a throwaway PostgreSQL cluster for the run (unless TEST_DATABASE_URL is given).
 * Without PostgreSQL, the PostgreSQL runs are skipped with a clear line — except under CI=true.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  process.stdout.write(`\nTests run on Node ${process.version} (${process.execPath})\n`);
  let cluster: Cluster | null = null;
  let url = process.env.TEST_DATABASE_URL ?? null;
  if (!url) {
    cluster = await startCluster();
    url = cluster?.url ?? null;
  }
  if (!url) {
    if (process.env.CI === 'true') {
      throw new Error(
        'CI=true but no PostgreSQL was found (install Debian postgresql or set TEST_DATABASE_URL).',
      );
    }
    process.stdout.write(
      '\n⚠ PostgreSQL not found (no /usr/lib/postgresql/*/bin/initdb, no TEST_DATABASE_URL): PostgreSQL runs are SKIPPED.\n\n',
    );
  }
  project.provide('pgAdminUrl', url);
  return () => cluster?.stop();
}
