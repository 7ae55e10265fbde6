import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDeps } from '../../src/app/container.js';
import type { AppDeps } from '../../src/app/deps.js';
import { seedDemoIfEmpty } from '../../src/app/schools/seed-demo.js';
import { transact } from '../../src/app/tx.js';
import { runCli } from '../../src/cli/program.js';
import { findAppSetting, putAppSetting } from '../../src/db/repositories/index.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createPostgresDatabase, DIALECTS, TEST_ORIGIN, testConfig } from '../support/harness.js';
import { Client } from '../support/http.js';

const DEMO_PASSWORD = 'demo-password-1234';

interface Run {
  code: number;
  out: string;
  err: string;
}

/** The operator command against one database (the server's environment variables). */
function cliFor(env: NodeJS.ProcessEnv) {
  return async (...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      env: { ...env, PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: 'silent' },
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
    });
    return { code, out, err };
  };
}

/** A fresh database for the command: a temp SQLite file, or a new PostgreSQL database (its URL). */
async function freshDatabase(
  dialect: string,
  dir: string,
): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
  if (dialect === 'sqlite') return { env: { SQLITE_FILE: join(dir, 'schuss.db') }, drop: async () => {} };
  const database = await createPostgresDatabase();
  return { env: { DATABASE_URL: database.url }, drop: () => database.drop() };
}

const passwordIn = (out: string) => /Password: {2}(\S+)/.exec(out)?.[1] ?? /: (\S+)\n/.exec(out)?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !inject('pgAdminUrl'))(`operator command [${dialect}]`, () => {
    let dir: string;
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let schuss: ReturnType<typeof cliFor>;
    let deps: AppDeps & { close(): Promise<void> };
    let app: App;
    let password = '';

    /** The server on the same database, as the operator's command left it. */
    async function startServer(): Promise<void> {
      const env = { ...database.env, PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
      const config = { ...testConfig(), databaseUrl: env.DATABASE_URL, sqliteFile: env.SQLITE_FILE ?? '' };
      deps = await createDeps({ config: { ...config, demoPassword: DEMO_PASSWORD } });
      app = await buildApp(deps, { webDir: '/nonexistent' });
      await app.ready();
    }
    async function stopServer(): Promise<void> {
      await app.close();
      await deps.close();
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'schuss-cli-'));
      database = await freshDatabase(dialect, dir);
      schuss = cliFor(database.env);
      await startServer();
      await seedDemoIfEmpty(deps);
    });
    afterAll(async () => {
      await stopServer();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('creates a school whose form answers and whose admin signs in, and which sees nothing of the demo school', async () => {
      const run = await schuss(
        'school',
        'create',
        '--slug',
        'esf-tignes',
        '--name',
        'ESF Tignes',
        '--time-zone',
        'Europe/Zurich',
        '--language',
        'de',
        '--admin-email',
        'Chef@Tignes.test',
        '--admin-name',
        'Chef Tignes',
      );
      expect(run).toMatchObject({ code: 0, err: '' });
      password = passwordIn(run.out);
      expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
      expect(run.out).toContain(`${TEST_ORIGIN}/f/esf-tignes/vel`);

      const form = await app.inject({ url: '/f/esf-tignes/vel' });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('ESF Tignes');
      const admin = new Client(app);
      await admin.login('chef@tignes.test', password);
      const me = await admin.get('/api/auth/me');
      expect(me.json()).toMatchObject({ user: { role: 'admin' }, school: { slug: 'esf-tignes' } });
      const inbox = await admin.get('/api/requests');
      expect(inbox.statusCode).toBe(200);
      expect(inbox.json().items).toEqual([]);
      const search = await admin.get('/api/search?q=Rousseau');
      expect(JSON.stringify(search.json())).not.toContain('Rousseau');
      // The demo school has files of its own, which its staff see.
      const demoAdmin = new Client(app);
      await demoAdmin.login('admin@esf-demo.fr', DEMO_PASSWORD);
      const demoInbox = (await demoAdmin.get('/api/requests')).json();
      expect(demoInbox.items.length).toBeGreaterThan(0);
      const demoFile = await admin.get(`/api/requests/${demoInbox.items[0].id}`);
      expect(demoFile.statusCode).toBe(404);

      const list = await schuss('school', 'list', '--json');
      expect(JSON.parse(list.out).map((s: { slug: string }) => s.slug)).toEqual(['demo', 'esf-tignes']);
    });

    it('refuses bad arguments naming the flag, with a non-zero exit code', async () => {
      const missing = await schuss(
        'school',
        'create',
        '--name',
        'X',
        '--admin-email',
        'a@b.test',
        '--admin-name',
        'A',
      );
      expect(missing.code).not.toBe(0);
      expect(missing.err).toContain('--slug');
      const bad = await schuss(
        'school',
        'create',
        '--slug',
        'esf-tignes',
        '--name',
        'X',
        '--time-zone',
        'Mars/Olympus',
        '--language',
        'xx',
        '--admin-email',
        'pas-un-email',
        '--admin-name',
        'A',
      );
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('--slug: A school already has this slug.');
      expect(bad.err).toContain('--time-zone: Unknown time zone');
      expect(bad.err).toContain('--language: Unknown language');
      expect(bad.err).toContain('--admin-email:');
      expect((await schuss('school', 'disable', '--slug', 'nowhere')).err).toContain(
        '--slug: No school has this slug.',
      );
      expect((await schuss('staff', 'reset-password', '--email', 'nobody@x.test')).code).toBe(1);
      expect((await schuss('frobnicate')).code).not.toBe(0);
      for (const command of [
        [],
        ['school', 'create'],
        ['school', 'list'],
        ['staff', 'reset-password'],
        ['keys', 'rotate'],
        ['backup'],
        ['restore'],
      ]) {
        const help = await schuss(...command, '--help');
        expect(help.code, command.join(' ')).toBe(0);
        expect(help.out).toContain('Usage: schuss');
      }
    });

    it('disables a school: its forms are closed, its logins refused, its sessions ended; enable undoes it', async () => {
      const staff = new Client(app);
      await staff.login('chef@tignes.test', password);
      expect((await schuss('school', 'disable', '--slug', 'esf-tignes')).code).toBe(0);
      expect((await staff.get('/api/auth/me')).statusCode).toBe(401);
      const login = await new Client(app).post('/api/auth/login', { email: 'chef@tignes.test', password });
      expect(login.statusCode).toBe(403);
      expect(login.json().error.message).toContain('suspendu');
      const wrong = await new Client(app).post('/api/auth/login', {
        email: 'chef@tignes.test',
        password: 'x'.repeat(12),
      });
      expect(wrong.statusCode).toBe(401);
      const form = await app.inject({ url: '/f/esf-tignes/vel' });
      expect(form.statusCode).toBe(404);
      expect(form.body).toContain('pas ouvert');
      expect((await app.inject({ url: '/f/demo/vel' })).statusCode).toBe(200);
      expect((await schuss('school', 'list')).out).toMatch(/esf-tignes .* disabled/);

      expect((await schuss('school', 'enable', '--slug', 'esf-tignes')).code).toBe(0);
      await new Client(app).login('chef@tignes.test', password);
      expect((await app.inject({ url: '/f/esf-tignes/vel' })).statusCode).toBe(200);
    });

    it('resets a password: the new one signs in, the old one no longer does', async () => {
      const run = await schuss('staff', 'reset-password', '--email', 'CHEF@tignes.test');
      expect(run.code).toBe(0);
      const fresh = passwordIn(run.out);
      expect(fresh).not.toBe(password);
      expect(
        (await new Client(app).post('/api/auth/login', { email: 'chef@tignes.test', password })).statusCode,
      ).toBe(401);
      await new Client(app).login('chef@tignes.test', fresh);
      password = fresh;
    });

    it('rotates the app secret: sessions and the private-link key survive the restart', async () => {
      const staff = new Client(app);
      await staff.login('chef@tignes.test', password);
      const before = { portal: deps.portalLinkKey, form: deps.intake.secrets.formToken };
      const run = await schuss('keys', 'rotate');
      expect(run.code).toBe(0);
      await stopServer();
      await startServer();
      expect(deps.portalLinkKey).toBe(before.portal);
      expect(deps.intake.secrets.formToken).not.toBe(before.form);
      const again = new Client(app);
      again.cookie = staff.cookie;
      expect((await again.get('/api/auth/me')).statusCode).toBe(200);
    });

    if (dialect === 'postgres') {
      it('points to pg_dump for backups', async () => {
        const run = await schuss('backup', '--to', join(dir, 'x.db'));
        expect(run.code).toBe(2);
        expect(run.err).toContain('pg_dump');
      });
      return;
    }

    it('backs up while writes happen (a consistent copy), then restores it and reads it back', async () => {
      // Enough pages that the copy takes several steps, with writes between them.
      await transact(deps, async (tx) => {
        for (let i = 0; i < 400; i++) await putAppSetting(tx.trx, `fill:${i}`, 'x'.repeat(8000));
      });
      let writing = true;
      let pairs = 0;
      const writer = (async () => {
        while (writing) {
          const n = pairs;
          // Two rows per transaction: a consistent copy holds both or neither.
          await transact(deps, async (tx) => {
            await putAppSetting(tx.trx, `pair:${n}:a`, String(n));
            await putAppSetting(tx.trx, `pair:${n}:b`, String(n));
          });
          pairs++;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      while (pairs < 3) await new Promise((resolve) => setImmediate(resolve));
      const pairsBefore = pairs;
      const backupFile = join(dir, 'backup.db');
      const run = await schuss('backup', '--to', backupFile);
      const pairsAfter = pairs;
      writing = false;
      await writer;
      await putAppSetting(deps.db.kysely, 'after-backup', 'lost by the restore');
      expect(run).toMatchObject({ code: 0, err: '' });
      // The server kept writing while the copy was made.
      expect(pairsAfter).toBeGreaterThan(pairsBefore);
      const copy = new SQLite(backupFile, { readonly: true });
      const count = (like: string) =>
        (copy.prepare('select count(*) as n from app_settings where key like ?').get(like) as { n: number })
          .n;
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(count('fill:%')).toBe(400);
      const copied = count('pair:%:a');
      expect(copied).toBe(count('pair:%:b'));
      expect(copied).toBeGreaterThanOrEqual(pairsBefore);
      expect(copied).toBeLessThanOrEqual(pairsAfter);
      copy.close();
      expect((await schuss('backup', '--to', backupFile)).err).toContain('--to:');

      // Restore (server stopped): what was written after the backup is gone, the rest is back.
      await stopServer();
      const restore = await schuss('restore', '--from', backupFile, '--yes');
      expect(restore.code, restore.err).toBe(0);
      const kept = /kept as (\S+)\./.exec(restore.out)?.[1];
      expect(kept && existsSync(kept)).toBe(true);
      await startServer();
      const restored = await deps.db.kysely
        .selectFrom('app_settings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('key', 'like', 'pair:%')
        .executeTakeFirstOrThrow();
      expect(Number(restored.n)).toBe(copied * 2);
      expect(await findAppSetting(deps.db.kysely, 'after-backup')).toBeNull();
      const admin = new Client(app);
      await admin.login('chef@tignes.test', password);
      expect((await app.inject({ url: '/f/esf-tignes/vel' })).statusCode).toBe(200);
      expect((await schuss('restore', '--from', join(dir, 'missing.db'), '--yes')).err).toContain('--from:');
      expect((await schuss('restore', '--from', backupFile)).err).toContain('--yes');
    });
  });
}

describe('the schuss binary', () => {
  it('runs through npx with --help on every command', () => {
    const result = spawnSync('npx', ['--no-install', 'schuss', 'school', 'create', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, SQLITE_FILE: join(tmpdir(), 'schuss-cli-help.db') },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('--admin-email <email>');
  });
});
