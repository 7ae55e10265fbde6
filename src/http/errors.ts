import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLanguage } from '../app/intake/intake.i18n.js';
import { isDatabaseBusy } from '../db/db-errors.js';
import {
  AppError,
  databaseBusy,
  type ErrorCode,
  type FieldErrors,
  isAppError,
  type StaffLanguage,
  staffLanguageOf,
} from '../domain/errors.js';
import { type ErrorPageKind, renderErrorPage, renderLinkInvalidPage } from './pages/public-page-render.js';

const INTERNAL_TEXT = { fr: 'Erreur interne. Réessayez plus tard.', en: 'Internal error. Try again later.' };

/** The one map from error code to HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  PROVIDER: 502,
  INTERNAL: 500,
};

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

/** The body of an error, in the reader's staff language (the public forms pass plain strings). */
export function errorBody(error: AppError, language: StaffLanguage = 'fr') {
  const fields = error.fieldsIn(language);
  return { error: { code: error.code, message: error.messageIn(language), ...(fields && { fields }) } };
}

/**
 * Who reads this error: a signed-in secretary in the language she chose, anyone else in the
 * first of French or English their browser asks for.
 */
function readerOf(request: FastifyRequest): StaffLanguage {
  if (request.staff) return staffLanguageOf(request.staff.language);
  const header = request.headers['accept-language'];
  const first = typeof header === 'string' ? /^\s*([a-z]{2})/i.exec(header)?.[1]?.toLowerCase() : undefined;
  return staffLanguageOf(first);
}

/** "/participants/0/birthDate" → "participants.0.birthDate" */
function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
}

/** The JSON API lives under /api; every other address is opened by people, in a browser. */
export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** An error on a browser-facing address: a page in the visitor's language, never a JSON body. */
function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number): void {
  const query = request.query as { lang?: unknown } | undefined;
  const language = pickLanguage(query?.lang, request.headers['accept-language']);
  const isPrivateLink = request.url === '/c' || request.url.startsWith('/c/');
  const kind: ErrorPageKind = status === 404 ? 'notFound' : status >= 500 ? 'serverError' : 'refused';
  void reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      status === 404 && isPrivateLink ? renderLinkInvalidPage(language) : renderErrorPage(language, kind),
    );
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (isDatabaseBusy(error)) {
    request.log.warn('database busy: answered 503');
    errorHandler(databaseBusy() as unknown as FastifyError, request, reply);
    return;
  }
  if (!isApiUrl(request.url)) {
    const status = isAppError(error)
      ? HTTP_STATUS[error.code]
      : typeof error.statusCode === 'number' && error.statusCode >= 400
        ? error.statusCode
        : 500;
    if (status >= 500) request.log.error({ err: error }, 'unhandled error on a page');
    if (isAppError(error) && error.retryAfterSeconds)
      void reply.header('retry-after', String(error.retryAfterSeconds));
    sendErrorPage(request, reply, status);
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldErrors = {};
    for (const issue of error.validation) {
      const path = fieldPath(issue.instancePath);
      fields[path] ??= issue.message ?? 'Valeur invalide.';
    }
    const first = Object.entries(fields)[0];
    const message =
      Object.keys(fields).length === 1 && first
        ? `${first[0] === '_' ? 'Requête' : `Champ « ${first[0]} »`} : ${first[1]}`
        : 'Certains champs sont invalides.';
    void reply.status(400).send(errorBody(new AppError('VALIDATION', message, { fields })));
    return;
  }
  if (isAppError(error)) {
    if (error.retryAfterSeconds) void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.status(HTTP_STATUS[error.code]).send(errorBody(error, readerOf(request)));
    return;
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response does not match its schema');
    void reply.status(500).send(errorBody(new AppError('INTERNAL', INTERNAL_TEXT), readerOf(request)));
    return;
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'unhandled error');
    void reply.status(500).send(errorBody(new AppError('INTERNAL', INTERNAL_TEXT), readerOf(request)));
    return;
  }
  // Fastify's own 4xx (body too large, bad JSON, unsupported media type…), in our shape.
  const code: ErrorCode =
    status === 429
      ? 'RATE_LIMITED'
      : status === 404
        ? 'NOT_FOUND'
        : status === 403
          ? 'FORBIDDEN'
          : 'VALIDATION';
  const message =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'La requête est trop volumineuse.'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Type de contenu non pris en charge.'
        : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
            error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
            error instanceof SyntaxError
          ? 'Le corps de la requête n’est pas du JSON valide.'
          : error.message;
  void reply.status(status).send(errorBody(new AppError(code, message)));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  if (!isApiUrl(request.url)) {
    sendErrorPage(request, reply, 404);
    return;
  }
  void reply
    .status(404)
    .send(
      errorBody(new AppError('NOT_FOUND', `Aucune route ${request.method} ${request.url.split('?')[0]}.`)),
    );
}

/** The error replies every staff route may give, for its OpenAPI description. */
export const STAFF_ERRORS = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
} as const;
