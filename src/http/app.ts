import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HelmetOptions } from 'helmet';
import { z } from 'zod';
import type { AppDeps } from '../app/deps.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { formPagesRoutes } from './forms/form-pages.routes.js';
import { observeHttp } from './metrics.js';
import { authPlugin } from './plugins/auth.plugin.js';
import { csrfPlugin } from './plugins/csrf.plugin.js';
import { proxyWarningPlugin } from './plugins/proxy-warning.plugin.js';
import { replyBuffersPlugin } from './plugins/reply-buffers.plugin.js';
import { helmetHeaders, securityHeadersPlugin } from './plugins/security-headers.plugin.js';
import { redactedUrl, requestIdOf, withRedactedUrls } from './request-log.js';
import { archiveRoutes } from './routes/archive.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { catalogueRoutes } from './routes/catalogue.routes.js';
import { checkoutRoutes } from './routes/checkout.routes.js';
import { devisRoutes } from './routes/devis.routes.js';
import { eventsRoutes } from './routes/events.routes.js';
import { gdprRoutes } from './routes/gdpr.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { inboundRoutes } from './routes/inbound.routes.js';
import { metricsRoutes } from './routes/metrics.routes.js';
import { notificationsRoutes } from './routes/notifications.routes.js';
import { offersRoutes } from './routes/offers.routes.js';
import { outboxRoutes } from './routes/outbox.routes.js';
import { paymentWebhooksRoutes } from './routes/payment-webhooks.routes.js';
import { paymentsRoutes } from './routes/payments.routes.js';
import { portalRoutes } from './routes/portal.routes.js';
import { posRoutes } from './routes/pos.routes.js';
import { publicRoutes } from './routes/public.routes.js';
import { refundsRoutes } from './routes/refunds.routes.js';
import { requestsRoutes } from './routes/requests.routes.js';
import { settingsRoutes } from './routes/settings.routes.js';
import { staffRoutes } from './routes/staff.routes.js';
import { serializerCompiler } from './serializer.js';
import type { App } from './types.js';

z.config(z.locales.fr());

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app (Vite output). */
  webDir?: string;
}

export const DEFAULT_WEB_DIR = resolve(import.meta.dirname, '../../dist/web');

/** A route as the router holds it (the isolation matrix walks these). */
export interface RouteEntry {
  method: string;
  url: string;
}

const routeTables = new WeakMap<object, RouteEntry[]>();

/** The log levels at which the request line (info) is written. */
const WRITES_INFO = new Set(['info', 'debug', 'trace']);

/** Every route the app registered (HEAD twins of GET routes included), in registration order. */
export function routeTableOf(app: App): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/** Builds the HTTP app around its dependencies; listening is server.ts's business. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<App> {
  const isHttps = deps.config.publicUrl.startsWith('https://');
  const helmet: HelmetOptions = {
    hsts: isHttps,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: isHttps ? [] : null,
      },
    },
  };
  const frameworkErrorHeaders = helmetHeaders(helmet);

  const app = Fastify({
    logger: withRedactedUrls(options.logger ?? false),
    // One log line per request, written when it is answered (below), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: 256 * 1024,
    trustProxy: deps.config.trustProxy,
    forceCloseConnections: true,
    // A URL the router cannot take (bad percent-encoding, a parameter over 100 characters) is
    // refused before any hook runs: same error contract and security headers as everything else,
    // and the URL is not echoed back.
    frameworkErrors: (error, request, reply) => {
      void reply.headers(frameworkErrorHeaders);
      const isTooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const refusal = Object.assign(
        new Error(isTooLong ? 'L’adresse demandée est trop longue.' : 'L’adresse demandée est mal formée.'),
        { statusCode: isTooLong ? 414 : 400, code: error.code },
      );
      errorHandler(refusal as FastifyError, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();

  const routes: RouteEntry[] = [];
  routeTables.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  app.addHook('onResponse', (request, reply, done) => {
    observeHttp(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    // The line is only built when it is written (not with LOG_LEVEL above info, nor without a logger).
    if (!WRITES_INFO.has(request.log.level)) return done();
    request.log.info(
      {
        method: request.method,
        url: redactedUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(proxyWarningPlugin, { trustProxy: deps.config.trustProxy });

  await app.register(securityHeadersPlugin, { helmet });
  await app.register(fastifyCookie);
  await app.register(csrfPlugin, { publicUrl: deps.config.publicUrl });
  await app.register(authPlugin, { deps });
  // Its onSend runs after every other plugin's, on the reply as it will be written.
  await app.register(replyBuffersPlugin);
  // The OpenAPI document says which operations need a staff session (and which take an intake key).
  app.addHook('onRoute', (route) => {
    const preHandlers = [route.preHandler].flat();
    if (preHandlers.includes(app.requireStaff))
      route.schema = { ...route.schema, security: [{ session: [] }] };
    else if (route.url === '/api/public/:school/requests' && route.method === 'POST')
      route.schema = { ...route.schema, security: [{}, { intakeKey: [] }] };
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Schuss API', description: 'Back-office commercial d’école de ski', version: '1.0.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'schuss_session' },
          intakeKey: {
            type: 'apiKey',
            in: 'header',
            name: 'x-intake-key',
            description: 'A school’s intake key, for its own web server (instead of the proof of work)',
          },
          posKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'A school’s POS software key (Paramètres → Logiciel de caisse)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  healthRoutes(app, deps);
  metricsRoutes(app, deps);
  authRoutes(app, deps);
  staffRoutes(app, deps);
  requestsRoutes(app, deps);
  devisRoutes(app, deps);
  notificationsRoutes(app, deps);
  eventsRoutes(app, deps);
  publicRoutes(app, deps);
  settingsRoutes(app, deps);
  offersRoutes(app, deps);
  paymentsRoutes(app, deps);
  catalogueRoutes(app, deps);
  posRoutes(app, deps);
  archiveRoutes(app, deps);
  refundsRoutes(app, deps);
  await paymentWebhooksRoutes(app, deps);
  await checkoutRoutes(app, deps);
  gdprRoutes(app, deps);
  outboxRoutes(app, deps);
  inboundRoutes(app, deps);
  await formPagesRoutes(app, deps);
  await portalRoutes(app, deps);

  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/app/', wildcard: false, index: false });
    const sendIndex = (_req: unknown, reply: { type: (t: string) => { sendFile: (f: string) => unknown } }) =>
      reply.type('text/html').sendFile('index.html');
    app.get('/app', { schema: { hide: true } }, (req, reply) => sendIndex(req, reply as never));
    // Every other path is one of the app's own pages (it shows its own "page not found"), except
    // a missing bundle file: that is a 404, not the page's HTML served as a script.
    app.get('/app/*', { schema: { hide: true } }, (req, reply) =>
      req.url.startsWith('/app/assets/') ? reply.callNotFound() : sendIndex(req, reply as never),
    );
  }
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/app'));

  return app;
}
