import { safeEqual } from '../../app/crypto.js';
import type { AppDeps } from '../../app/deps.js';
import { metricsRegistry, renderMetrics } from '../metrics.js';
import type { App } from '../types.js';

/**
 * `GET /api/metrics`, Prometheus text format, for the scraper holding METRICS_TOKEN
 * (`Authorization: Bearer …`). Without METRICS_TOKEN the route does not exist (404).
 */
export function metricsRoutes(app: App, deps: AppDeps): void {
  const token = deps.config.metricsToken;
  if (!token) return;
  const expected = `Bearer ${token}`;
  app.get('/api/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!safeEqual(request.headers.authorization ?? '', expected)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain; charset=utf-8')
        .send('A bearer token (METRICS_TOKEN) is required.\n');
    }
    const text = await renderMetrics(deps);
    return reply.type(metricsRegistry.contentType).send(text);
  });
}
