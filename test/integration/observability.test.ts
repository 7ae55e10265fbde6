import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { countWebhook } from '../../src/http/metrics.js';
import { redactedUrl } from '../../src/http/request-log.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { Client } from '../support/http.js';
import { openStream } from '../support/sse.js';

const TOKEN = 'metrics-token-for-the-tests';
const SECRET_TOKEN = 'aLongCustomerPortalToken_0123456789abcdefghijk';
const SANDBOX_SESSION = 'sbx_cs_SANDBOXSESSIONSECRET42';

/** The value of one series in a Prometheus text, or null when absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describeEachDatabase(
  'observability: /api/metrics and the request logs',
  (ctx) => {
    let app: App;
    const lines: string[] = [];
    beforeAll(async () => {
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      app = await buildApp(ctx().deps, { webDir: '/nonexistent', logger: { level: 'info', stream } });
      await app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(() => app.close());

    const scrape = () => app.inject({ url: '/api/metrics', headers: { authorization: `Bearer ${TOKEN}` } });

    it('answers 404 without METRICS_TOKEN, 401 without the right bearer token', async () => {
      const unset = await buildApp(
        { ...ctx().deps, config: { ...ctx().deps.config, metricsToken: undefined } },
        { webDir: '/nonexistent' },
      );
      expect((await unset.inject({ url: '/api/metrics' })).statusCode).toBe(404);
      await unset.close();
      expect((await app.inject({ url: '/api/metrics' })).statusCode).toBe(401);
      const wrong = await app.inject({ url: '/api/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['www-authenticate']).toContain('Bearer');
      const ok = await scrape();
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toContain('text/plain');
    });

    it('times answers by route pattern, never by URL (no private link in a label)', async () => {
      await app.inject({ url: `/c/${SECRET_TOKEN}` });
      await app.inject({ url: '/api/health' });
      await app.inject({ url: '/nowhere/at/all' });
      const text = (await scrape()).body;
      expect(text).toContain(
        'schuss_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/c/:token"',
      );
      expect(text).toMatch(
        /schuss_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+/,
      );
      expect(text).toContain('route="unmatched"');
      expect(text).not.toContain(SECRET_TOKEN.slice(0, 16));
      expect(text).not.toContain('/nowhere');
    });

    it('reports the outbox backlog and its failing rows', async () => {
      const db = ctx().deps.db.kysely;
      const before = sample((await scrape()).body, 'schuss_outbox_backlog') ?? 0;
      const now = ctx().clock.now().toISOString();
      const row = { school_id: null, kind: 'email', payload_json: '{}', created_at: now, attempts: 0 };
      await db
        .insertInto('outbox')
        .values([
          {
            ...row,
            id: 'obx_metrics_1',
            available_at: '2999-01-01T00:00:00.000Z',
            delivered_at: null,
            last_error: null,
          },
          {
            ...row,
            id: 'obx_metrics_2',
            available_at: '2999-01-01T00:00:00.000Z',
            delivered_at: null,
            last_error: 'SMTP 421',
          },
        ])
        .execute();
      const text = (await scrape()).body;
      expect(sample(text, 'schuss_outbox_backlog')).toBe(before + 2);
      expect(sample(text, 'schuss_outbox_failing')).toBeGreaterThanOrEqual(1);
      await db.deleteFrom('outbox').where('id', 'in', ['obx_metrics_1', 'obx_metrics_2']).execute();
    });

    it('counts live connections, webhook outcomes and the database pool', async () => {
      const school = await makeSchool(ctx().deps);
      const staff = new Client(app);
      await staff.login(school.admin.email);
      const liveBefore = sample((await scrape()).body, 'schuss_live_connections') ?? 0;
      const stream = openStream((app.server.address() as AddressInfo).port, staff.cookie!);
      await stream.ready;
      expect(sample((await scrape()).body, 'schuss_live_connections')).toBe(liveBefore + 1);
      stream.close();
      await stream.ended;

      const applied = sample((await scrape()).body, 'schuss_webhook_events_total{outcome="applied"}') ?? 0;
      countWebhook('applied');
      const text = (await scrape()).body;
      expect(sample(text, 'schuss_webhook_events_total{outcome="applied"}')).toBe(applied + 1);
      expect(sample(text, 'schuss_webhook_events_total{outcome="rejected"}')).not.toBeNull();
      // The webhook route counts each delivery by what became of it: a forged one is `rejected`.
      const rejected = sample(text, 'schuss_webhook_events_total{outcome="rejected"}') ?? 0;
      const forged = await app.inject({
        method: 'POST',
        url: '/api/webhooks/payments/sandbox',
        headers: { 'content-type': 'application/json', 'schuss-sandbox-signature': 't=1,v1=00' },
        payload: '{"id":"evt_forged"}',
      });
      expect(forged.statusCode).toBe(400);
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/webhooks/payments/nobody',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(unknown.statusCode).toBe(404);
      expect(sample((await scrape()).body, 'schuss_webhook_events_total{outcome="rejected"}')).toBe(
        rejected + 2,
      );
      if (ctx().dialect === 'postgres')
        expect(sample(text, 'schuss_db_pool_connections{state="total"}')).toBeGreaterThan(0);
      expect(text).toContain('schuss_nodejs_eventloop_lag_seconds');
    });

    it('logs each request with a request id and without any secret', async () => {
      lines.length = 0;
      await app.inject({
        url: `/c/${SECRET_TOKEN}`,
        headers: { cookie: 'schuss_session=SESSIONSECRET123', 'x-request-id': 'proxy-req-42' },
      });
      await app.inject({
        method: 'POST',
        url: '/api/auth/login?token=QUERYSECRET1&lang=fr',
        headers: {
          authorization: 'Bearer BEARERSECRET9',
          'x-intake-key': 'INTAKEKEYSECRET',
          origin: 'http://schuss.test',
        },
        payload: { email: 'nobody@ecole.test', password: 'PASSWORDSECRET77' },
      });
      await app.inject({
        url: '/api/metrics',
        headers: { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'bad id with spaces' },
      });
      await app.inject({ url: `/pay/sandbox/${SANDBOX_SESSION}?lang=fr` });
      const text = lines.join('');
      for (const secret of [
        SECRET_TOKEN.slice(0, 12),
        'SESSIONSECRET',
        'QUERYSECRET',
        'BEARERSECRET',
        'INTAKEKEYSECRET',
        'PASSWORDSECRET',
        TOKEN,
        SANDBOX_SESSION,
      ]) {
        expect(text, secret).not.toContain(secret);
      }
      const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
      expect(logged).toHaveLength(4);
      expect(logged[0]).toMatchObject({ reqId: 'proxy-req-42', url: '/c/[redacted]' });
      expect(logged[1].url).toBe('/api/auth/login?token=[redacted]&lang=fr');
      expect(logged[2].reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(logged[3].url).toBe('/pay/sandbox/[redacted]');
    });
  },
  { config: { metricsToken: TOKEN } },
);

describe('redactedUrl', () => {
  it('hides private links and secret-looking parameters, and leaves the rest alone', () => {
    expect(redactedUrl('/c/abc')).toBe('/c/[redacted]');
    expect(redactedUrl('/pay/sandbox/sbx_cs_123?x=1')).toBe('/pay/sandbox/[redacted]');
    expect(redactedUrl('/api/x?key=1&Signature=2&page=3')).toBe(
      '/api/x?key=[redacted]&Signature=[redacted]&page=3',
    );
    expect(redactedUrl('/api/requests?tab=new')).toBe('/api/requests?tab=new');
  });
});
