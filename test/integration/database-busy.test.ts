import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

type School = Awaited<ReturnType<typeof makeSchool>>;

/** Holds the database's write lock for the school's admin row from outside the app, like another process. */
async function lockFromOutside(
  dialect: string,
  source: { sqliteFile: string; pgUrl: string | null; userId: string },
): Promise<() => Promise<void>> {
  if (dialect === 'sqlite') {
    const other = new Database(source.sqliteFile);
    other.exec('begin immediate');
    return async () => {
      other.exec('rollback');
      other.close();
    };
  }
  const client = new pg.Client({ connectionString: source.pgUrl! });
  await client.connect();
  await client.query('begin');
  await client.query('select id from users where id = $1 for update', [source.userId]);
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

describeEachDatabase('a database locked by another process', (ctx) => {
  let app: App;
  let school: School;
  let admin: Client;
  let sqliteFile = '';
  let pgUrl: string | null = null;

  beforeAll(async () => {
    app = await appFor(ctx());
    school = await makeSchool(ctx().deps);
    admin = new Client(app);
    await admin.login(school.admin.email);
    const db = ctx().deps.db;
    if (db.dialect === 'sqlite') {
      const list = await sql<{ file: string }>`pragma database_list`.execute(db.kysely);
      sqliteFile = list.rows[0]!.file;
    } else {
      const name = await sql<{ name: string }>`select current_database() as name`.execute(db.kysely);
      const url = new URL(inject('pgAdminUrl')!);
      url.pathname = `/${name.rows[0]!.name}`;
      pgUrl = url.toString();
    }
  });
  afterAll(() => app.close());

  const editAdmin = (language: 'fr' | 'en') => admin.patch(`/api/staff/${school.admin.id}`, { language });

  it('keeps answering while a write waits, and the write goes through once the lock is released', async () => {
    const release = await lockFromOutside(ctx().dialect, { sqliteFile, pgUrl, userId: school.admin.id });
    let isSettled = false;
    const write = editAdmin('en').finally(() => {
      isSettled = true;
    });
    // The event loop is free while the write waits: health and reads answer at once.
    const started = Date.now();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(Date.now() - started).toBeLessThan(1500);
    if (ctx().dialect === 'sqlite') {
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'busy', database: 'sqlite' });
      expect(health.headers['retry-after']).toBe('2');
    } else {
      expect(health.statusCode).toBe(200);
    }
    const read = await admin.get('/api/requests?tab=request');
    expect(read.statusCode).toBe(200);
    expect(isSettled).toBe(false);
    await release();
    const done = await write;
    expect(done.statusCode).toBe(200);
    expect(done.json().language).toBe('en');
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses a write that cannot get the lock in time with 503, Retry-After and the error contract', async () => {
    // The refusal is written in the reader's language: this admin reads French again, and tries
    // to switch to English while the database is locked.
    expect((await editAdmin('fr')).statusCode).toBe(200);
    const release = await lockFromOutside(ctx().dialect, { sqliteFile, pgUrl, userId: school.admin.id });
    try {
      const refused = await editAdmin('en');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json()).toEqual({
        error: { code: 'UNAVAILABLE', message: expect.stringContaining('Réessayez dans quelques secondes') },
      });
    } finally {
      await release();
    }
    const staff = (await admin.get('/api/staff')).json();
    const me = (Array.isArray(staff) ? staff : staff.items).find(
      (u: { id: string }) => u.id === school.admin.id,
    );
    // Refused means not applied: the language is still the one before the lock.
    expect(me.language).toBe('fr');
  });
});
