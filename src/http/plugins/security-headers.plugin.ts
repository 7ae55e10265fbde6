import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface RouteShorthandOptions {
    /** Helmet options merged over the app's for this route (e.g. a page that sets its own CSP). */
    helmet?: HelmetOptions;
  }
  interface FastifyContextConfig {
    securityHeaders?: Record<string, string>;
  }
}

/**
 * The headers Helmet would set for these options, computed once. Helmet's middleware writes the
 * same values on every response; running it per request (as @fastify/helmet does, rebuilding the
 * middleware from its options each time) costs more than some whole database reads.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as never, response as never, () => {});
  return headers;
}

/** Helmet's security headers on every response, precomputed per route configuration. */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, options: { helmet: HelmetOptions }) => {
  const globalHeaders = helmetHeaders(options.helmet);
  app.addHook('onRoute', (route) => {
    if (!route.helmet) return;
    route.config = {
      ...route.config,
      securityHeaders: helmetHeaders({ ...options.helmet, ...route.helmet } as HelmetOptions),
    };
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.routeOptions.config.securityHeaders ?? globalHeaders);
    done();
  });
});
