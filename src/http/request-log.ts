import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * A customer's private link is a bearer secret (`/c/<token>`): whoever reads it opens the file.
 * It must not be written to the request logs, which are kept and read with less care.
 */
export function redactedUrl(url: string): string {
  return url.startsWith('/c/') ? '/c/[redacted]' : url;
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

/** The logger options with the redacting request serializer; no logger stays no logger. */
export function withRedactedUrls(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, req: serializeRequest as never } };
}
