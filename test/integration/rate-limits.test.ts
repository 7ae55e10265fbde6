import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeps } from '../../src/app/container.js';
import { purgeCounters } from '../../src/db/repositories/index.js';
import { buildApp } from '../../src/http/app.js';
import { PROXY_SAMPLE, PROXY_WARNING } from '../../src/http/plugins/proxy-warning.plugin.js';
import type { App } from '../../src/http/types.js';
import { PASSWORD } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  browserSubmit,
  contactBody,
  customer,
  makeIntakeSchool,
  postIntake,
  TEST_INTAKE,
  uniqueEmail,
  uniqueIp,
} from '../support/intake-client.js';

const WINDOW_S = 15 * 60;

describeEachDatabase(
  'rate limits: per school, in the database, fair to the right password',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let b: Awaited<ReturnType<typeof makeIntakeSchool>>;

    beforeAll(async () => {
      app = await appFor(ctx());
      a = await makeIntakeSchool(ctx().deps);
      b = await makeIntakeSchool(ctx().deps);
    });
    afterAll(() => app.close());

    function attempt(ip: string, email: string, password: string, deviceCookie?: string) {
      return new Client(app, ip).post(
        '/api/auth/login',
        { email, password },
        deviceCookie ? { cookie: `schuss_device=${deviceCookie}` } : {},
      );
    }

    /** A second process on the same database: its own deps and app, nothing shared in memory. */
    async function secondInstance() {
      const deps = await createDeps({ config: ctx().deps.config, db: ctx().deps.db, clock: ctx().clock });
      const other = await buildApp(deps, { webDir: '/nonexistent' });
      await other.ready();
      return {
        app: other,
        async close() {
          await other.close();
          await deps.outbox.stop();
          await deps.events.close();
        },
      };
    }

    it('30 failed logins with random addresses from one IP do not lock the right admin out for good', async () => {
      const proxy = `192.0.2.${10 + Math.floor(Math.random() * 200)}`;
      const own = await attempt(proxy, a.admin.email, PASSWORD);
      expect(own.statusCode).toBe(200);
      const device = own.cookies.find((c) => c.name === 'schuss_device');
      expect(device?.value).toMatch(/^[\w-]{22}\.[\w-]+$/);
      expect(device?.httpOnly).toBe(true);
      expect(device?.path).toBe('/api/auth/login');

      for (let i = 0; i < 30; i++) {
        const r = await attempt(proxy, `ghost-${randomBytes(4).toString('hex')}@nowhere.test`, 'wrong!');
        expect(r.statusCode).toBe(401);
      }
      // A browser that never signed in here waits out the 15 minutes since the first failure…
      const fresh = await attempt(proxy, a.admin.email, PASSWORD);
      expect(fresh.statusCode).toBe(429);
      expect(fresh.headers['retry-after']).toBe(String(WINDOW_S));
      // …while the admin's own browser signs in at once.
      expect((await attempt(proxy, a.admin.email, PASSWORD, device?.value)).statusCode).toBe(200);

      // Someone failing on the admin's address from elsewhere does not lock that browser either.
      for (let i = 0; i < 5; i++) {
        expect((await attempt(`198.51.100.${i + 1}`, a.admin.email, 'wrong!')).statusCode).toBe(401);
      }
      expect((await attempt('198.51.100.99', a.admin.email, PASSWORD)).statusCode).toBe(429);
      expect((await attempt(proxy, a.admin.email, PASSWORD, device?.value)).statusCode).toBe(200);
      // A device cookie is bound to its address: it does not open the door to another account.
      expect((await attempt(proxy, a.secretary.email, PASSWORD, device?.value)).statusCode).toBe(429);

      // The flood goes on while blocked: refused, not counted, the end does not move.
      ctx().clock.advance(10 * 60_000);
      for (let i = 0; i < 10; i++) {
        const r = await attempt(proxy, `ghost-${randomBytes(4).toString('hex')}@nowhere.test`, 'wrong!');
        expect(r.statusCode).toBe(429);
        expect(r.headers['retry-after']).toBe(String(5 * 60));
      }
      ctx().clock.advance(5 * 60_000);
      expect((await attempt(proxy, a.admin.email, PASSWORD)).statusCode).toBe(200);

      // Expired windows are purged (by the container's timer, off the request path).
      const db = ctx().deps.db.kysely;
      const scopes = async () =>
        (await db.selectFrom('rate_counters').select('scope').where('key', '=', proxy).execute()).map(
          (r) => r.scope,
        );
      expect(await scopes()).toEqual(['login-ip']);
      expect(await purgeCounters(db, ctx().clock.now().toISOString())).toBeGreaterThan(0);
      expect(await scopes()).toEqual([]);
    });

    it('counts failed logins across app instances on the same database', async () => {
      const target = a.secretary.email;
      for (let i = 0; i < 5; i++) {
        expect((await attempt(`203.0.113.${50 + i}`, target, 'wrong!')).statusCode).toBe(401);
      }
      const second = await secondInstance();
      try {
        const locked = await new Client(second.app, '203.0.113.99').post('/api/auth/login', {
          email: target,
          password: PASSWORD,
        });
        expect(locked.statusCode).toBe(429);
        expect(locked.headers['retry-after']).toBe(String(WINDOW_S));
      } finally {
        await second.close();
      }
      ctx().clock.advance(WINDOW_S * 1000);
      expect((await attempt('203.0.113.99', target, PASSWORD)).statusCode).toBe(200);
    });

    it('20 invalid posts to school A’s form do not block school B’s forms from that IP', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < TEST_INTAKE.invalidPerIp.max; i++) {
        expect((await postIntake(app, a.slug, contactBody(), { ip })).statusCode).toBe(400);
      }
      const blocked = await browserSubmit(ctx(), app, a.slug, contactBody(), { ip });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('RATE_LIMITED');
      const elsewhere = await browserSubmit(ctx(), app, b.slug, contactBody(), { ip });
      expect(elsewhere.statusCode).toBe(201);
      expect(elsewhere.json().number).toMatch(/^\d{4}-\d+$/);

      // Another process on the same database sees the same count.
      const second = await secondInstance();
      try {
        expect((await postIntake(second.app, a.slug, contactBody(), { ip })).statusCode).toBe(429);
        expect((await postIntake(second.app, b.slug, contactBody(), { ip })).statusCode).toBe(400);
      } finally {
        await second.close();
      }
      ctx().clock.advance(TEST_INTAKE.invalidPerIp.windowMs);
    });

    it('counts invalid and recorded submissions apart', async () => {
      const ip = uniqueIp();
      for (let i = 0; i < 15; i++) {
        expect((await postIntake(app, a.slug, contactBody(), { ip })).statusCode).toBe(400);
      }
      for (let i = 0; i < TEST_INTAKE.perIp.max; i++) {
        const r = await browserSubmit(ctx(), app, a.slug, contactBody({ message: `Question ${i}` }), { ip });
        expect(r.statusCode).toBe(201);
      }
      const over = await browserSubmit(ctx(), app, a.slug, contactBody({ message: 'Une de plus' }), { ip });
      expect(over.statusCode).toBe(429);
      ctx().clock.advance(TEST_INTAKE.perIp.windowMs);
    });

    it('answers the 11th identical replay with its number, without using up the address’s quota', async () => {
      const email = uniqueEmail('rejoue');
      const body = contactBody({ customer: customer(email), message: 'Avez-vous de la place en février ?' });
      const first = await browserSubmit(ctx(), app, a.slug, body);
      expect(first.statusCode).toBe(201);
      const { number } = first.json();
      for (let replay = 1; replay <= 11; replay++) {
        const again = await browserSubmit(ctx(), app, a.slug, body);
        expect({ replay, status: again.statusCode, body: again.json() }).toEqual({
          replay,
          status: 201,
          body: { number },
        });
      }
      // The address still has its quota: nine more distinct requests, then 429.
      let last = '';
      for (let i = 1; i < TEST_INTAKE.perEmail.max; i++) {
        const other = await browserSubmit(ctx(), app, a.slug, { ...body, message: `Autre question ${i}` });
        expect(other.statusCode).toBe(201);
        expect(other.json().number).not.toBe(number);
        last = other.json().number;
      }
      const over = await browserSubmit(ctx(), app, a.slug, { ...body, message: 'Une de trop' });
      expect(over.statusCode).toBe(429);
      // Even with the quota used up, a replay of the last one still gets its number.
      const replay = await browserSubmit(ctx(), app, a.slug, {
        ...body,
        message: `Autre question ${TEST_INTAKE.perEmail.max - 1}`,
      });
      expect(replay.statusCode).toBe(201);
      expect(replay.json()).toEqual({ number: last });
    });

    it('warns once in the log when TRUST_PROXY is off and every request looks proxied', async () => {
      const logged = async (trustProxy: boolean, firstPeer: string) => {
        const lines: { level: number; msg: string }[] = [];
        const deps = { ...ctx().deps, config: { ...ctx().deps.config, trustProxy } };
        const probe = await buildApp(deps, {
          webDir: '/nonexistent',
          logger: { level: 'warn', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
        });
        await probe.ready();
        const peers = [firstPeer, ...Array.from({ length: PROXY_SAMPLE * 2 }, () => '10.0.0.2')];
        for (const peer of peers) {
          await probe.inject({
            url: `/api/public/${a.slug}/forms`,
            remoteAddress: peer,
            headers: { 'x-forwarded-for': uniqueIp().replace(/^10\./, '198.') },
          });
        }
        await probe.close();
        return lines.filter((l) => l.msg === PROXY_WARNING);
      };
      const warnings = await logged(false, '127.0.0.1');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe(40);
      expect(warnings[0]?.msg).toContain('TRUST_PROXY');
      expect(await logged(false, '203.0.113.9')).toEqual([]);
      expect(await logged(true, '127.0.0.1')).toEqual([]);
    });
  },
  { config: { intake: TEST_INTAKE } },
);
