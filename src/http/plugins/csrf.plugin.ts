import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';
import { HTTP_MESSAGES } from '../http.messages.js';
import { SESSION_COOKIE } from './auth.plugin.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated requests: the cookie is SameSite=Lax, and every
 * state-changing request that carries it must come from our own origin (Origin header, or
 * Referer when a browser omits Origin). Requests without the session cookie (public forms,
 * webhooks, POS API with a bearer key) are not concerned.
 */
export const csrfPlugin = fp(async (app: FastifyInstance, opts: { publicUrl: string }) => {
  const allowed = new URL(opts.publicUrl).origin;
  // Safe methods (most requests) pass without a promise; the rest are checked below.
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE.has(request.method)) return done();
    try {
      checkOrigin(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  function checkOrigin(request: FastifyRequest): void {
    // The route, not the URL: `/api/auth/login?x=1` is the login route too.
    const isLogin = request.routeOptions.url === '/api/auth/login';
    if (!request.cookies[SESSION_COOKIE] && !isLogin) return;
    // The public forms never read the session: a secretary who fills one in (often embedded in
    // the school's own site, which sends `Origin: null` or the site's origin) is a visitor there.
    const route = request.routeOptions.url ?? '';
    if (route.startsWith('/f/') || route.startsWith('/api/public/')) return;
    const origin = request.headers.origin ?? refererOrigin(request.headers.referer);
    const sameHost =
      origin !== null &&
      request.headers.host !== undefined &&
      sameHostOrigin(origin, request.headers.host, request.protocol);
    if (origin === allowed || sameHost) return;
    throw new AppError('FORBIDDEN', HTTP_MESSAGES.notFromSchuss);
  }
});

function refererOrigin(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** Same host and same scheme: `https://host` does not pass for a page served over http. */
function sameHostOrigin(origin: string, host: string, protocol: string): boolean {
  try {
    const url = new URL(origin);
    return url.host === host && url.protocol === `${protocol}:`;
  } catch {
    return false;
  }
}
