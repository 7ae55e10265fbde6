import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import type { LiveEvent } from '../../app/events.js';
import { isLanguage, pickLanguage } from '../../app/intake/intake.i18n.js';
import { type PortalOutcome, removeOptionalExtra, replyAsCustomer } from '../../app/portal/portal-actions.js';
import { portalOfferPdf, portalViewOf, resolvePortalLink } from '../../app/portal/portal-view.js';
import { PORTAL_ASSETS, type PortalNotice, renderPortalPage } from '../pages/portal-render.js';
import { renderErrorPage, renderLinkInvalidPage } from '../pages/public-page-render.js';
import type { App } from '../types.js';

const STATIC_DIR = resolve(import.meta.dirname, '../pages/static');
const ASSETS: Record<string, { file: string; type: string }> = {
  'portal.css': { file: join(STATIC_DIR, 'portal.css'), type: 'text/css; charset=utf-8' },
  'portal.js': { file: join(STATIC_DIR, 'portal.js'), type: 'text/javascript; charset=utf-8' },
};
const assetCache = new Map<string, Buffer>();

const KEEPALIVE_MS = 25_000;
/** Open live streams per file in this process: a page open on a few devices, not a flood. */
const MAX_STREAMS_PER_FILE = 8;

const REFUSALS = ['archived', 'empty', 'too_long', 'invalid_text', 'paid', 'not_removable'] as const;
type Refusal = (typeof REFUSALS)[number];
const isRefusal = (value: unknown): value is Refusal => (REFUSALS as readonly unknown[]).includes(value);

/**
 * Headers of every answer under /c, found or not: the address is a secret, so the page is never
 * cached and never sent on as a Referer to whatever the customer opens next.
 */
const PRIVATE_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } as const;

function isPrivateUrl(url: string): boolean {
  return url === '/c' || url.startsWith('/c/') || url.startsWith('/c?');
}

/**
 * CSRF, decided for a page without cookies: the portal carries no ambient credential — the
 * secret is the link itself, in the path, which a third-party page does not know — so there is
 * no session for a forged request to ride on. Still, a state-changing POST must come from the
 * page itself: a browser's `Sec-Fetch-Site` must say same-origin (or none: typed, bookmarked);
 * without it (older browsers), an `Origin`, when sent, must be Schuss's own. A request with neither header is not a
 * browser's cross-site form (every current browser sends them) and is let through: whoever
 * holds the link may act on it. Also for the checkout route (`POST /c/:token/pay`).
 */
export function isFromPortalPage(request: FastifyRequest, publicUrl: string): boolean {
  // The page is served with `Referrer-Policy: no-referrer`, under which Chromium sends
  // `Origin: null` even on its own forms: Fetch Metadata, when there, is the answer.
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    const url = new URL(origin);
    return url.host === request.headers.host && url.protocol === `${request.protocol}:`;
  } catch {
    return false;
  }
}

function explicitLanguage(request: FastifyRequest): unknown {
  return (request.query as { lang?: unknown } | undefined)?.lang;
}

function invalid(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .headers(PRIVATE_HEADERS)
    .type('text/html; charset=utf-8')
    .send(renderLinkInvalidPage(pickLanguage(explicitLanguage(request), request.headers['accept-language'])));
}

function noticeOf(query: Record<string, unknown>): PortalNotice | null {
  if (query.ok === 'reply' || query.ok === 'removed') return { kind: 'ok', what: query.ok };
  if (isRefusal(query.refus)) return { kind: 'refused', outcome: query.refus };
  return null;
}

/** After an action, back to the page (Post/Redirect/Get) with what it came to. */
function afterAction(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  outcome: PortalOutcome,
  ok: 'reply' | 'removed',
) {
  if (outcome === 'not_found') return invalid(request, reply);
  const query = outcome === 'done' ? `ok=${ok}` : `refus=${outcome}`;
  return reply.headers(PRIVATE_HEADERS).redirect(`/c/${token}?${query}`, 303);
}

/**
 * The customer's private page (`/c/:token`), the link of every e-mail to the customer: their
 * file, the latest quote or payment link (its lines, VAT, total, validity, PDF), the extras they
 * may remove, what was paid and what remains, the schedule, the "Payer" buttons (the checkout
 * route itself is the payments' — `POST /c/:token/pay`), and the conversation, live. A link
 * that opens no file — unknown, revoked, malformed — gets the same "link not valid" page, 404.
 */
export async function portalRoutes(app: App, deps: AppDeps): Promise<void> {
  const streams = new Map<string, number>();

  app.addHook('onRequest', async (request, reply) => {
    if (isPrivateUrl(request.url)) void reply.headers(PRIVATE_HEADERS);
  });

  app.get(`${PORTAL_ASSETS}/:file`, { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { file: string }).file;
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return reply.callNotFound();
    let body = assetCache.get(name);
    if (!body) {
      body = readFileSync(asset.file);
      assetCache.set(name, body);
    }
    return reply.header('cache-control', 'public, max-age=300').type(asset.type).send(body);
  });

  app.get('/c/:token', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const query = (request.query ?? {}) as Record<string, unknown>;
    const chosen = explicitLanguage(request);
    const view = await portalViewOf(deps, token, {
      language: typeof chosen === 'string' && isLanguage(chosen) ? chosen : undefined,
      attemptId: typeof query.paiement === 'string' ? query.paiement : undefined,
    });
    if (!view) return invalid(request, reply);
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPortalPage({ view, base: `/c/${token}`, notice: noticeOf(query) }));
  });

  app.get('/c/:token/devis.pdf', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = await portalOfferPdf(deps, token);
    if (!found) return invalid(request, reply);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${found.filename}"`)
      .send(found.pdf);
  });

  app.get('/c/:token/events', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const target = await resolvePortalLink(deps, token);
    if (!target) return invalid(request, reply);
    const { schoolId, requestId } = target;
    if ((streams.get(requestId) ?? 0) >= MAX_STREAMS_PER_FILE)
      return reply.status(429).type('text/plain; charset=utf-8').send('');
    streams.set(requestId, (streams.get(requestId) ?? 0) + 1);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\nevent: ready\ndata: {}\n\n');
    let isClosed = false;
    const close = () => {
      if (isClosed) return;
      isClosed = true;
      clearInterval(keepAlive);
      unsubscribe();
      const left = (streams.get(requestId) ?? 1) - 1;
      if (left <= 0) streams.delete(requestId);
      else streams.set(requestId, left);
      raw.end();
    };
    // Only this file's changes, and only "something changed": the page reads itself again
    // through its own link (nothing of the event — staff names, other data — is forwarded).
    const send = (event: LiveEvent) => {
      if (event.requestId !== requestId || event.type === 'notification' || event.type === 'presence') return;
      resolvePortalLink(deps, token).then(
        (still) => {
          if (isClosed) return;
          if (!still || still.requestId !== requestId) close();
          else raw.write('event: changed\ndata: {}\n\n');
        },
        () => {},
      );
    };
    const unsubscribe = deps.events.subscribe(schoolId, send);
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEPALIVE_MS);
    keepAlive.unref();
    request.raw.on('close', close);
    raw.on('error', close);
  });

  await app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
    const refused = (request: FastifyRequest, reply: FastifyReply) =>
      reply
        .status(403)
        .headers(PRIVATE_HEADERS)
        .type('text/html; charset=utf-8')
        .send(renderErrorPage(pickLanguage(undefined, request.headers['accept-language']), 'refused'));

    scope.post('/c/:token/messages', { schema: { hide: true } }, async (request, reply) => {
      if (!isFromPortalPage(request, deps.config.publicUrl)) return refused(request, reply);
      const { token } = request.params as { token: string };
      const body = (request.body ?? {}) as { body?: unknown };
      const text = typeof body.body === 'string' ? body.body : '';
      return afterAction(request, reply, token, await replyAsCustomer(deps, token, text), 'reply');
    });

    scope.post('/c/:token/options/:lineId/remove', { schema: { hide: true } }, async (request, reply) => {
      if (!isFromPortalPage(request, deps.config.publicUrl)) return refused(request, reply);
      const { token, lineId } = request.params as { token: string; lineId: string };
      return afterAction(request, reply, token, await removeOptionalExtra(deps, token, lineId), 'removed');
    });
  });

  app.get('/c', { schema: { hide: true } }, invalid);
  app.get('/c/*', { schema: { hide: true } }, invalid);
}
