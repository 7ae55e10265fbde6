import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { FakeClock } from '../../src/app/clock.js';
import { createDeps } from '../../src/app/container.js';
import type { AppDeps } from '../../src/app/deps.js';
import { type Config, loadConfig } from '../../src/config/env.js';
import {
  type Db,
  type DialectName,
  type OpenOptions,
  openPostgres,
  openSqlite,
} from '../../src/db/connection.js';
import type { MailTransport } from '../../src/integrations/mail/mail-transport.js';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export const TEST_ORIGIN = 'http://schuss.test';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
    ...overrides,
  };
}

export interface TestDatabase {
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, empty database of the dialect: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(
  dialect: DialectName,
  open: OpenOptions = {},
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'schuss-test-'));
    const db = openSqlite(join(dir, 'test.db'), open);
    return {
      db,
      async drop() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await createPostgresDatabase();
  const db = openPostgres(database.url, 20, open);
  return {
    db,
    async drop() {
      await db.close();
      await database.drop();
    },
  };
}

/** A new, empty database on the run's PostgreSQL server: its URL, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('No PostgreSQL for this run');
  const name = `schuss_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8'`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestContext {
  dialect: DialectName;
  deps: AppDeps & { close(): Promise<void>; mail: MailTransport };
  clock: FakeClock;
}

/**
 * Runs the suite once per database (SQLite, then PostgreSQL) on a fresh migrated database.
 * Without PostgreSQL (and not under CI) the PostgreSQL run is skipped with a clear reason.
 */
export function describeEachDatabase(
  name: string,
  suite: (ctx: () => TestContext) => void,
  options: { config?: Partial<Config>; mail?: MailTransport; onQuery?: (sql: string) => void } = {},
): void {
  for (const dialect of DIALECTS) {
    const unavailable = dialect === 'postgres' && !inject('pgAdminUrl');
    describe.skipIf(unavailable)(`${name} [${dialect}]`, () => {
      let ctx: TestContext | null = null;
      let database: TestDatabase | null = null;
      beforeAll(async () => {
        database = await createTestDatabase(dialect, { onQuery: options.onQuery });
        const clock = new FakeClock();
        const deps = await createDeps({
          config: testConfig(options.config),
          db: database.db,
          clock,
          mail: options.mail,
        });
        ctx = { dialect, deps, clock };
      });
      afterAll(async () => {
        if (ctx) {
          await ctx.deps.outbox.stop();
          await ctx.deps.events.close();
        }
        await database?.drop();
      });
      suite(() => {
        if (!ctx) throw new Error('test context not ready');
        return ctx;
      });
    });
  }
}
