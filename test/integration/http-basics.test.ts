import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

describeEachDatabase('HTTP basics', (ctx) => {
  let app: App;
  beforeAll(async () => {
    app = await appFor(ctx());
  });
  afterAll(() => app.close());

  it('health says ok and names the database', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: ctx().dialect });
  });

  it('serves the OpenAPI document with the staff routes', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/staff', '/api/staff/{id}']),
    );
    // Which operations need what: a staff session, an intake key (optional), or nothing.
    expect(doc.paths['/api/staff'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/requests/{id}'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/health'].get.security).toBeUndefined();
    expect(doc.paths['/api/auth/login'].post.security).toBeUndefined();
    expect(doc.paths['/api/public/{school}/requests'].post.security).toEqual([{}, { intakeKey: [] }]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session', 'intakeKey', 'posKey']);
  });

  it('answers unknown routes and bad JSON in the error shape', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', origin: 'http://schuss.test' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toEqual({
      code: 'VALIDATION',
      message: 'Le corps de la requête n’est pas du JSON valide.',
    });
  });

  it('refuses oversized bodies with 413', async () => {
    const r = await new Client(app).post('/api/auth/login', {
      email: 'a@b.c',
      password: 'x'.repeat(300_000),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.message).toBe('La requête est trop volumineuse.');
  });

  it('sets security headers', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers URLs the router refuses in the error contract, with the security headers, without echoing them', async () => {
    const long = 'x'.repeat(101);
    const tooLong = await app.inject({ method: 'GET', url: `/api/requests/${long}` });
    expect(tooLong.statusCode).toBe(414);
    expect(tooLong.json()).toEqual({
      error: { code: 'VALIDATION', message: 'L’adresse demandée est trop longue.' },
    });
    expect(tooLong.body).not.toContain(long);
    const badUrl = await app.inject({ method: 'GET', url: '/api/requests/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error).toEqual({
      code: 'VALIDATION',
      message: 'L’adresse demandée est mal formée.',
    });
    for (const r of [tooLong, badUrl]) {
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
    // Browser-facing addresses get a page, with the same headers.
    for (const url of [`/f/${long}/contact`, '/app/%E0%A4%A']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode).toBeGreaterThanOrEqual(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.body).not.toContain(long);
    }
  });

  it('requires a session for staff routes', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/staff' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the activity journal append-only at the database level', async () => {
    const db = ctx().deps.db.kysely;
    const { makeSchool } = await import('../support/factories.js');
    const school = await makeSchool(ctx().deps);
    await expect(
      db.updateTable('activity').set({ action: 'rewritten' }).where('school_id', '=', school.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('activity').where('school_id', '=', school.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});

describeEachDatabase('health when PostgreSQL is gone', (ctx) => {
  it('answers 503 when the database is unreachable', async () => {
    const { buildApp } = await import('../../src/http/app.js');
    const { openPostgres } = await import('../../src/db/connection.js');
    const unreachable = openPostgres('postgres://nobody@127.0.0.1:1/none', 1);
    const app = await buildApp({ ...ctx().deps, db: unreachable }, { webDir: '/nonexistent' });
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ status: 'unavailable', database: 'postgres' });
    await app.close();
    await unreachable.close();
  });
});

describe('reply serializer', () => {
  it('writes only what the response schema declares, nested too', async () => {
    const { serializerCompiler } = await import('../../src/http/serializer.js');
    const { z } = await import('zod');
    const schema = z.object({
      id: z.string(),
      items: z.array(z.object({ name: z.string(), at: z.string().nullable() })),
    });
    const write = serializerCompiler({ schema });
    const text = write({
      id: 'x',
      password_hash: 'secret',
      items: [{ name: 'Zoé', at: null, token: 'leak' }],
    });
    expect(JSON.parse(text)).toEqual({ id: 'x', items: [{ name: 'Zoé', at: null }] });
  });
});
