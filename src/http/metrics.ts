import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { AppDeps } from '../app/deps.js';
import { countOutboxBacklog } from '../db/repositories/index.js';

/**
 * The process's Prometheus metrics (`GET /api/metrics`, src/http/routes/metrics.routes.ts). One
 * registry per process: every app built in it (tests build many) adds to the same series.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'schuss_' });

const HTTP_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** One series of the HTTP histogram: cumulative only when scraped, a plain count per bucket here. */
interface HttpSeries {
  labels: { method: string; route: string; status: string };
  /** counts[i]: answers in (bucket i-1, bucket i]; the last slot is above the largest bucket. */
  counts: number[];
  sum: number;
  count: number;
}

const httpSeries = new Map<string, HttpSeries>();

/**
 * Records one answer. `route` is the router's pattern (`/c/:token`, `/api/requests/:id`), or
 * `unmatched` for a URL no route took (its path is not a label: labels would be unbounded).
 * On every request: a Map lookup and a few additions (prom-client's Histogram validates and
 * hashes its labels on each observation, ~10× the cost).
 */
export function observeHttp(
  method: string,
  route: string | undefined,
  status: number,
  seconds: number,
): void {
  const pattern = route ?? 'unmatched';
  const key = `${method} ${status} ${pattern}`;
  let series = httpSeries.get(key);
  if (!series) {
    series = {
      labels: { method, route: pattern, status: String(status) },
      counts: new Array(HTTP_BUCKETS.length + 1).fill(0),
      sum: 0,
      count: 0,
    };
    httpSeries.set(key, series);
  }
  let bucket = 0;
  while (bucket < HTTP_BUCKETS.length && seconds > HTTP_BUCKETS[bucket]!) bucket++;
  series.counts[bucket]!++;
  series.sum += seconds;
  series.count++;
}

const HTTP_METRIC = 'schuss_http_request_duration_seconds';
const HTTP_HELP =
  'HTTP answers by route pattern (never the URL: no private link in a label), method and status';

/** The histogram in prom-client's collector shape: the registry formats it with the others. */
metricsRegistry.registerMetric({
  name: HTTP_METRIC,
  help: HTTP_HELP,
  type: 'histogram',
  aggregator: 'sum',
  get() {
    const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
    for (const series of httpSeries.values()) {
      let cumulative = 0;
      HTTP_BUCKETS.forEach((le, i) => {
        cumulative += series.counts[i]!;
        values.push({
          metricName: `${HTTP_METRIC}_bucket`,
          labels: { le, ...series.labels },
          value: cumulative,
        });
      });
      values.push({
        metricName: `${HTTP_METRIC}_bucket`,
        labels: { le: '+Inf', ...series.labels },
        value: series.count,
      });
      values.push({ metricName: `${HTTP_METRIC}_sum`, labels: series.labels, value: series.sum });
      values.push({ metricName: `${HTTP_METRIC}_count`, labels: series.labels, value: series.count });
    }
    return { name: HTTP_METRIC, help: HTTP_HELP, type: 'histogram', values, aggregator: 'sum' };
  },
} as never);

const liveConnections = new Gauge({
  name: 'schuss_live_connections',
  help: 'Open live-update streams (/api/events, server-sent events) of this process',
  registers: [metricsRegistry],
});

/** A live stream opened (+1) or closed (-1). */
export function countLiveConnection(delta: 1 | -1): void {
  liveConnections.inc(delta);
}

export const WEBHOOK_OUTCOMES = ['applied', 'duplicate', 'ignored', 'anomaly', 'rejected', 'failed'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

const webhooks = new Counter({
  name: 'schuss_webhook_events_total',
  help: 'Provider webhooks received, by outcome: applied, duplicate (already seen), ignored (nothing to change), anomaly (recorded for staff, not counted as paid), rejected (bad signature, body or provider), failed',
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
