import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { isLanguage, pickLanguage } from '../../app/intake/intake.i18n.js';
import { findCustomerFile } from '../../app/portal/find-customer-file.js';
import type { App } from '../types.js';
import { renderCustomerFilePage, renderLinkInvalidPage } from './public-page-render.js';

/**
 * Headers of every answer under /c, found or not: the address is a secret, so the page is never
 * cached and never sent on as a Referer to whatever the customer opens next.
 */
function privateHeaders(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

function explicitLanguage(request: FastifyRequest): unknown {
  return (request.query as { lang?: unknown } | undefined)?.lang;
}

/**
 * The customer's private page (`/c/:token`, the link of the acknowledgement e-mail): a page in
 * their language until the portal replaces it. A link that opens no file gets the same-looking
 * "link not valid" page, 404.
 */
export function customerPageRoutes(app: App, deps: AppDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/c' || request.url.startsWith('/c/') || request.url.startsWith('/c?'))
      privateHeaders(reply);
  });

  const invalid = (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        renderLinkInvalidPage(pickLanguage(explicitLanguage(request), request.headers['accept-language'])),
      );

  app.get('/c/:token', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const file = await findCustomerFile(deps, token);
    if (!file) return invalid(request, reply);
    const chosen = explicitLanguage(request);
    const language = typeof chosen === 'string' && isLanguage(chosen) ? chosen : file.language;
    return reply.type('text/html; charset=utf-8').send(renderCustomerFilePage(file, language));
  });
  app.get('/c', { schema: { hide: true } }, invalid);
  app.get('/c/*', { schema: { hide: true } }, invalid);
}
