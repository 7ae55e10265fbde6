import { randomUUID } from 'node:crypto';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * Request logs are kept and read with less care than the database: they carry a request id
 * (`reqId`) to follow one request, and never a secret — no customer's private link, no session
 * cookie, no bearer token or intake key, no password.
 */

/** Query parameters whose value is a secret wherever they appear. */
const SECRET_PARAMS = /([?&](?:token|key|secret|password|signature|code)=)[^&#]*/gi;

/**
 * A customer's private link is a bearer secret (`/c/<token>`): whoever reads it opens the file.
 * So is the sandbox's hosted checkout (`/pay/sandbox/<sessionId>`: whoever holds it answers for
 * the bank), and any `?token=…`-like parameter. The path of everything else is kept as it is.
 */
export function redactedUrl(url: string): string {
  if (url.startsWith('/c/')) return '/c/[redacted]';
  if (url.startsWith('/pay/sandbox/')) return '/pay/sandbox/[redacted]';
  return url.includes('=') ? url.replace(SECRET_PARAMS, '$1[redacted]') : url;
}

/** Fastify's own request serializer (method, url, host, address), with the url redacted. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Should any log line ever carry these (an error with its request attached…), pino masks them. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-intake-key"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-intake-key"]',
  '*.password',
  '*.token',
];

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * The request id of the logs: the reverse proxy's `X-Request-Id` when it is a plain short token
 * (to follow a request from the proxy's log to ours), else a fresh UUID (unique across processes).
 */
export function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The logger options with the redacting request serializer; no logger stays no logger. */
export function withRedactedUrls(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { ...options.serializers, req: serializeRequest as never },
  };
}
