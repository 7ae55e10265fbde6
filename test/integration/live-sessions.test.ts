import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_LIVE_TUNING } from '../../src/config/env.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { openStream } from '../support/sse.js';

type School = Awaited<ReturnType<typeof makeSchool>>;

describeEachDatabase(
  'live streams live only as long as their session',
  (ctx) => {
    let app: App;
    let port: number;
    let school: School;
    let admin: Client;

    beforeAll(async () => {
      app = await appFor(ctx());
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.server.address() as AddressInfo).port;
      school = await makeSchool(ctx().deps);
      admin = new Client(app);
      await admin.login(school.admin.email);
    });
    afterAll(() => app.close());

    /** A new secretary of the school, signed in, with an open live stream. */
    async function secretaryWithStream() {
      const email = `s-${Math.random().toString(36).slice(2, 8)}@ecole.test`;
      const created = await admin.post('/api/staff', {
        email,
        name: 'Inès Provisoire',
        role: 'secretary',
        language: 'fr',
        password: 'un-mot-de-passe-solide',
      });
      expect(created.statusCode).toBe(201);
      const client = new Client(app);
      await client.login(email, 'un-mot-de-passe-solide');
      const stream = openStream(port, client.cookie!);
      await stream.ready;
      expect(stream.status()).toBe(200);
      return { id: created.json().id as string, client, stream };
    }

    it('ends the stream when its session logs out, and only that one', async () => {
      const { client, stream } = await secretaryWithStream();
      const colleague = openStream(port, admin.cookie!);
      await colleague.ready;
      expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
      await stream.ended;
      // The admin's stream still receives the school's events.
      await admin.patch(`/api/staff/${school.secretary.id}`, { language: 'en' });
      const r = await admin.post('/api/requests', {
        customer: { email: 'live@exemple.fr', firstName: 'Zoé', lastName: 'Live', language: 'fr' },
        message: 'Toujours là ?',
      });
      await colleague.waitFor((e) => e.type === 'request.changed' && e.data.requestId === r.json().id);
      colleague.close();
    });

    it('ends the streams of an account that is disabled, demoted or whose password changes', async () => {
      for (const change of [{ isActive: false }, { password: 'un-autre-mot-de-passe' }, { role: 'admin' }]) {
        const { id, stream } = await secretaryWithStream();
        expect((await admin.patch(`/api/staff/${id}`, change)).statusCode).toBe(200);
        await stream.ended;
        expect(stream.events.some((e) => e.type === 'sessions.ended')).toBe(false);
      }
    });

    it('ends a stream whose session expired, found by the periodic re-check', async () => {
      const { stream } = await secretaryWithStream();
      ctx().clock.advance(ctx().deps.config.sessionIdleMs + 1);
      await stream.ended;
      ctx().clock.advance(-(ctx().deps.config.sessionIdleMs + 1));
    });

    it('refuses more streams than the cap for one session, with the error contract', async () => {
      const { client } = await secretaryWithStream();
      const max = ctx().deps.config.live.maxStreamsPerSession;
      const streams = [];
      // One is already open from secretaryWithStream.
      for (let i = 1; i < max; i++) {
        const s = openStream(port, client.cookie!);
        await s.ready;
        expect(s.status()).toBe(200);
        streams.push(s);
      }
      const refused = await client.get('/api/events');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      for (const s of streams) s.close();
    });
  },
  { config: { live: { ...DEFAULT_LIVE_TUNING, sessionRecheckMs: 25, maxStreamsPerSession: 3 } } },
);
