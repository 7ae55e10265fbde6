import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool, PASSWORD } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

describeEachDatabase('staff sessions', (ctx) => {
  let app: App;
  let school: Awaited<ReturnType<typeof makeSchool>>;
  beforeAll(async () => {
    app = await appFor(ctx());
    school = await makeSchool(ctx().deps);
  });
  afterAll(() => app.close());

  it('logs in with the right password and returns the user and school', async () => {
    const client = new Client(app);
    const response = await client.login(school.secretary.email);
    expect(response.json()).toMatchObject({
      user: { email: school.secretary.email, role: 'secretary' },
      school: { slug: school.slug },
    });
    const cookie = response.cookies.find((c) => c.name === 'schuss_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown e-mail with the same generic message', async () => {
    const wrong = await new Client(app, '198.51.100.1').post('/api/auth/login', {
      email: school.admin.email,
      password: 'nope-nope-nope',
    });
    const unknown = await new Client(app, '198.51.100.1').post('/api/auth/login', {
      email: 'nobody@nowhere.test',
      password: 'nope-nope-nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'E-mail ou mot de passe incorrect.',
    });
  });

  it('rotates the session at login: the previous token stops working', async () => {
    const client = new Client(app, '198.51.100.2');
    await client.login(school.secretary.email);
    const first = client.cookie!;
    await client.login(school.secretary.email);
    expect(client.cookie).not.toBe(first);
    const stale = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { schuss_session: first },
    });
    expect(stale.statusCode).toBe(401);
  });

  it('logout kills the server session, not only the cookie', async () => {
    const client = new Client(app);
    await client.login(school.secretary.email);
    const token = client.cookie!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    const replay = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { schuss_session: token },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('expires a session left idle longer than the idle limit', async () => {
    const client = new Client(app);
    await client.login(school.secretary.email);
    ctx().clock.advance(ctx().deps.config.sessionIdleMs - 1000);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    ctx().clock.advance(ctx().deps.config.sessionIdleMs + 1000);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('counts idleness from activity recorded at most once a minute: up to a minute early, never late', async () => {
    const idle = ctx().deps.config.sessionIdleMs;
    // Activity 30 s after login is not recorded (the last record is under a minute old)…
    const early = new Client(app);
    await early.login(school.secretary.email);
    ctx().clock.advance(30_000);
    expect((await early.get('/api/auth/me')).statusCode).toBe(200);
    // …so the session ends at login + idle, 30 s before "last activity + idle".
    ctx().clock.advance(idle - 30_000);
    expect((await early.get('/api/auth/me')).statusCode).toBe(401);
    // Activity after a minute is recorded: the session lives its full idle time from there, no longer.
    const late = new Client(app);
    await late.login(school.secretary.email);
    ctx().clock.advance(61_000);
    expect((await late.get('/api/auth/me')).statusCode).toBe(200);
    ctx().clock.advance(idle - 1_000);
    expect((await late.get('/api/auth/me')).statusCode).toBe(200);
    ctx().clock.advance(idle);
    expect((await late.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires an active session at its absolute lifetime', async () => {
    const client = new Client(app);
    await client.login(school.secretary.email);
    const step = ctx().deps.config.sessionIdleMs / 2;
    let elapsed = 0;
    while (elapsed + step < ctx().deps.config.sessionAbsoluteMs) {
      ctx().clock.advance(step);
      elapsed += step;
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    }
    ctx().clock.advance(step);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('a disabled account loses its sessions at once and cannot log in again', async () => {
    const victim = await makeSchool(ctx().deps);
    const secretary = new Client(app, '198.51.100.3');
    await secretary.login(victim.secretary.email);
    const admin = new Client(app, '198.51.100.4');
    await admin.login(victim.admin.email);
    const disabled = await admin.patch(`/api/staff/${victim.secretary.id}`, { isActive: false });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().isActive).toBe(false);
    expect((await secretary.get('/api/auth/me')).statusCode).toBe(401);
    const again = await new Client(app, '198.51.100.5').post('/api/auth/login', {
      email: victim.secretary.email,
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.message).toBe('E-mail ou mot de passe incorrect.');
  });

  it('limits failed logins per account with a 429 and a retry delay', async () => {
    const target = await makeSchool(ctx().deps);
    for (let i = 0; i < 5; i++) {
      const r = await new Client(app, `192.0.2.${10 + i}`).post('/api/auth/login', {
        email: target.admin.email,
        password: 'wrong-password!',
      });
      expect(r.statusCode).toBe(401);
    }
    // Even the right password is refused while the account is locked out.
    const locked = await new Client(app, '192.0.2.99').post('/api/auth/login', {
      email: target.admin.email,
      password: PASSWORD,
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    ctx().clock.advance(16 * 60_000);
    expect(
      (
        await new Client(app, '192.0.2.99').post('/api/auth/login', {
          email: target.admin.email,
          password: PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('limits failed logins per IP across accounts', async () => {
    const ip = '192.0.2.200';
    for (let i = 0; i < 30; i++) {
      const r = await new Client(app, ip).post('/api/auth/login', {
        email: `ghost${i}@nowhere.test`,
        password: 'wrong-password!',
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await new Client(app, ip).post('/api/auth/login', {
      email: school.admin.email,
      password: PASSWORD,
    });
    expect(blocked.statusCode).toBe(429);
    ctx().clock.advance(16 * 60_000);
  });

  it('does not let a spoofed X-Forwarded-For escape the per-IP limit', async () => {
    const ip = '192.0.2.201';
    for (let i = 0; i < 30; i++) {
      await new Client(app, ip).post(
        '/api/auth/login',
        { email: `spoof${i}@nowhere.test`, password: 'wrong-password!' },
        { 'x-forwarded-for': `10.0.0.${i}` },
      );
    }
    const blocked = await new Client(app, ip).post(
      '/api/auth/login',
      { email: school.admin.email, password: PASSWORD },
      { 'x-forwarded-for': '10.9.9.9' },
    );
    expect(blocked.statusCode).toBe(429);
    ctx().clock.advance(16 * 60_000);
  });

  it('refuses a state-changing request with the session cookie from another origin (CSRF)', async () => {
    const client = new Client(app);
    await client.login(school.admin.email);
    const forged = await client.post(
      '/api/staff',
      { email: 'evil@evil.test', name: 'Evil', role: 'admin', password: 'long-enough-password' },
      { origin: 'https://evil.example' },
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('FORBIDDEN');
    const noOrigin = await app.inject({
      method: 'POST',
      url: '/api/staff',
      cookies: { schuss_session: client.cookie! },
      payload: { email: 'evil2@evil.test', name: 'Evil', role: 'admin', password: 'long-enough-password' },
    });
    expect(noOrigin.statusCode).toBe(403);
    const staff = await client.get('/api/staff');
    expect(staff.json().items.map((u: { email: string }) => u.email)).not.toContain('evil@evil.test');
  });

  it('lets a staff member choose the language of their own screens', async () => {
    const client = new Client(app);
    await client.login(school.secretary.email);
    expect((await client.patch('/api/auth/me', { language: 'en' })).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).json().user.language).toBe('en');
    const bad = await client.patch('/api/auth/me', { language: 'klingon' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['language']);
  });

  it('refuses a login posted from another origin', async () => {
    const r = await new Client(app).post(
      '/api/auth/login',
      { email: school.admin.email, password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(r.statusCode).toBe(403);
  });

  it('checks the origin of the login route whatever its query string', async () => {
    const r = await new Client(app).post(
      '/api/auth/login?x=1',
      { email: school.admin.email, password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(r.statusCode).toBe(403);
  });

  it('takes the scheme into account in the same-host origin check', async () => {
    const client = new Client(app);
    await client.login(school.admin.email);
    const host = 'schuss.example';
    const body = { language: 'en' };
    const otherScheme = await client.request('PATCH', '/api/auth/me', body, {
      host,
      origin: `https://${host}`,
    });
    expect(otherScheme.statusCode).toBe(403);
    const sameScheme = await client.request('PATCH', '/api/auth/me', body, {
      host,
      origin: `http://${host}`,
    });
    expect(sameScheme.statusCode).toBe(204);
  });
});
