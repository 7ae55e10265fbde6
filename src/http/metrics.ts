import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../app/deps.js';
import { countOutboxBacklog } from '../db/repositories/index.js';

/**
 * The process's Prometheus metrics (`GET /api/metrics`, src/http/routes/metrics.routes.ts). One
 * registry per process: every app built in it (tests build many) adds to the same series.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'schuss_' });

const httpDuration = new Histogram({
  name: 'schuss_http_request_duration_seconds',
  help: 'HTTP answers by route pattern (never the URL: no private link in a label), method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Bound children by method, route and status: the hot path skips prom-client's label hashing. */
const httpChildren = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();

/**
 * Records one answer. `route` is the router's pattern (`/c/:token`, `/api/requests/:id`), or
 * `unmatched` for a URL no route took (its path is not a label: labels would be unbounded).
 */
export function observeHttp(
  method: string,
  route: string | undefined,
  status: number,
  seconds: number,
): void {
  const pattern = route ?? 'unmatched';
  const key = `${method} ${pattern} ${status}`;
  let child = httpChildren.get(key);
  if (!child) {
    child = httpDuration.labels(method, pattern, String(status));
    httpChildren.set(key, child);
  }
  child.observe(seconds);
}

const liveConnections = new Gauge({
  name: 'schuss_live_connections',
  help: 'Open live-update streams (/api/events, server-sent events) of this process',
  registers: [metricsRegistry],
});

/** A live stream opened (+1) or closed (-1). */
export function countLiveConnection(delta: 1 | -1): void {
  liveConnections.inc(delta);
}

export const WEBHOOK_OUTCOMES = ['applied', 'duplicate', 'ignored', 'rejected', 'failed'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

const webhooks = new Counter({
  name: 'schuss_webhook_events_total',
  help: 'Provider webhooks received, by outcome: applied, duplicate (already seen), ignored (not ours), rejected (bad signature or body), failed',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
// Every outcome is reported from the start (0), so that a rate over it is defined.
for (const outcome of WEBHOOK_OUTCOMES) webhooks.inc({ outcome }, 0);

/** Counts one received webhook by what became of it (called by the payment webhooks' route). */
export function countWebhook(outcome: WebhookOutcome): void {
  webhooks.labels(outcome).inc();
}

const outboxBacklog = new Gauge({
  name: 'schuss_outbox_backlog',
  help: 'Side effects (e-mails…) written but not delivered yet',
  registers: [metricsRegistry],
});
const outboxFailing = new Gauge({
  name: 'schuss_outbox_failing',
  help: 'Undelivered side effects whose last attempt failed (they are retried with backoff)',
  registers: [metricsRegistry],
});
const outboxOldest = new Gauge({
  name: 'schuss_outbox_oldest_age_seconds',
  help: 'Age of the oldest undelivered side effect (0 when none)',
  registers: [metricsRegistry],
});
const dbPool = new Gauge({
  name: 'schuss_db_pool_connections',
  help: 'PostgreSQL pool of this process: total, idle, and queries waiting for a connection',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
});

/** The metrics text, with the database-backed gauges read now (only when scraped). */
export async function renderMetrics(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<string> {
  const backlog = await countOutboxBacklog(deps.db.kysely);
  outboxBacklog.set(backlog.pending);
  outboxFailing.set(backlog.failing);
  outboxOldest.set(
    backlog.oldestCreatedAt
      ? Math.max(0, (deps.clock.now().getTime() - Date.parse(backlog.oldestCreatedAt)) / 1000)
      : 0,
  );
  const pool = deps.db.pgPool;
  if (pool) {
    dbPool.labels('total').set(pool.totalCount);
    dbPool.labels('idle').set(pool.idleCount);
    dbPool.labels('waiting').set(pool.waitingCount);
  }
  return metricsRegistry.metrics();
}
