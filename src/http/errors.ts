import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';
import { type Language, pickLanguage } from '../app/intake/intake.i18n.js';
import { isDatabaseBusy } from '../db/db-errors.js';
import {
  AppError,
  databaseBusy,
  type ErrorCode,
  type FieldTexts,
  isAppError,
  type StaffLanguage,
  type StaffText,
  staffLanguageOf,
  type Text,
  validation,
} from '../domain/errors.js';
import { textOfIssue } from '../domain/schema-texts.js';
import { HTTP_MESSAGES, noRoute, oneFieldInvalid } from './http.messages.js';
import { type ErrorPageKind, renderErrorPage, renderLinkInvalidPage } from './pages/public-page-render.js';
import { SESSION_COOKIE } from './plugins/auth.plugin.js';
import { type PublicApiMessages, publicApiMessages } from './public-api.i18n.js';

/** Zod's own messages in English, for the English reader (the app's default locale is French). */
const ENGLISH_ZOD = z.locales.en();

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

/**
 * The reader of an error raised before the route's `requireStaff` ran (input validation, a body
 * Fastify could not read, an unknown route): the session is looked up here, so a signed-in
 * secretary still reads it in her language. No session, or none to be had: as `readerOf`.
 */
async function signedInReaderOf(request: FastifyRequest, reply: FastifyReply): Promise<StaffLanguage> {
  if (!request.staff && request.cookies?.[SESSION_COOKIE]) {
    await request.server.requireStaff(request, reply).catch(() => undefined);
  }
  return readerOf(request);
}

/**
 * On the public intake API the reader is a visitor of a school's website: what the HTTP layer
 * says there comes in the six form languages (`?lang=`, the form's `language`, Accept-Language),
 * as the intake's own refusals do. Elsewhere: null (staff languages).
 */
function visitorMessagesOf(request: FastifyRequest): PublicApiMessages | null {
  const path = request.url.split('?')[0] ?? '';
  if (path !== '/api/public' && !path.startsWith('/api/public/')) return null;
  const query = request.query as { lang?: unknown } | undefined;
  const body = request.body as { language?: unknown } | null | undefined;
  const language: Language = pickLanguage(
    query?.lang ?? (body && typeof body === 'object' ? body.language : undefined),
    request.headers['accept-language'],
  );
  return publicApiMessages(language);
}

/** A text for the reader, with French for a text written in one language only (Fastify's own). */
function inBothLanguages(text: Text): StaffText {
  return typeof text === 'string' ? { fr: text, en: text } : text;
}

/**
 * The wrong fields of an input Fastify refused, each in every staff language its schema wrote it
 * in. Zod's own messages (no text of ours) come in the reader's language: for an English reader the
 * input is parsed again with Zod's English messages — same schema, same input, same issues.
 */
function refusedFields(
  error: FastifyError & { validation: { instancePath: string; message?: string; params: unknown }[] },
  request: FastifyRequest,
  language: StaffLanguage,
): FieldTexts {
  const fields: FieldTexts = {};
  const english = language === 'en' ? englishIssues(error, request) : undefined;
  const issues =
    english ??
    error.validation.map((entry) => ({
      path: fieldPath(entry.instancePath),
      message: entry.message ?? 'Valeur invalide.',
      params: (entry.params as { params?: unknown }).params,
    }));
  for (const issue of issues) fields[issue.path] ??= textOfIssue(issue);
  return fields;
}

type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';

function englishIssues(error: FastifyError, request: FastifyRequest) {
  const context = error.validationContext as ValidationContext | undefined;
  const schema = context && (request.routeOptions.schema?.[context] as ZodType | undefined);
  if (!context || !(schema instanceof z.ZodType)) return undefined;
  const input = {
    body: request.body,
    querystring: request.query,
    params: request.params,
    headers: request.headers,
  };
  const parsed = schema.safeParse(input[context], { error: ENGLISH_ZOD.localeError });
  if (parsed.success) return undefined;
  return parsed.error.issues.map((issue) => ({
    path: issue.path.join('.') || '_',
    message: issue.message,
    params: 'params' in issue ? issue.params : undefined,
  }));
}

async function sendValidationError(
  error: Parameters<typeof refusedFields>[0],
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const language = await signedInReaderOf(request, reply);
  const fields = refusedFields(error, request, language);
  const entries = Object.entries(fields);
  const [first] = entries;
  const refusal =
    entries.length === 1 && first
      ? validation(fields, oneFieldInvalid(first[0], inBothLanguages(first[1])))
      : validation(fields);
  // Awaiting the reply waits until it is sent: Fastify must not send this async handler's result again.
  await reply.status(400).send(errorBody(refusal, language));
}

/** Fastify's own 4xx (body too large, bad JSON, unsupported media type…), in our shape and the reader's language. */
async function sendFastifyRefusal(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
): Promise<void> {
  const code: ErrorCode =
    status === 429
      ? 'RATE_LIMITED'
      : status === 404
        ? 'NOT_FOUND'
        : status === 403
          ? 'FORBIDDEN'
          : 'VALIDATION';
  const key: (keyof typeof HTTP_MESSAGES & keyof PublicApiMessages) | null =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'bodyTooLarge'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'unsupportedMediaType'
        : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
            error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
            error instanceof SyntaxError
          ? 'badJson'
          : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'urlTooLong'
            : error.code === 'FST_ERR_BAD_URL'
              ? 'urlMalformed'
              : null;
  const visitor = visitorMessagesOf(request);
  const message: Text = key ? (visitor?.[key] ?? HTTP_MESSAGES[key]) : error.message;
  const language = await signedInReaderOf(request, reply);
  await reply.status(status).send(errorBody(new AppError(code, message), language));
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

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): undefined | Promise<void> {
  if (isDatabaseBusy(error)) {
    request.log.warn('database busy: answered 503');
    return errorHandler(databaseBusy() as unknown as FastifyError, request, reply);
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
  if (hasZodFastifySchemaValidationErrors(error)) return sendValidationError(error, request, reply);
  const visitor = visitorMessagesOf(request);
  if (isAppError(error)) {
    if (error.retryAfterSeconds) void reply.header('retry-after', String(error.retryAfterSeconds));
    // The one staff-language refusal a visitor can meet: the database busy (the intake's own
    // refusals are already written in the visitor's language).
    const refusal =
      visitor && error.code === 'UNAVAILABLE' ? new AppError('UNAVAILABLE', visitor.busy) : error;
    void reply.status(HTTP_STATUS[error.code]).send(errorBody(refusal, readerOf(request)));
    return;
  }
  const internal = new AppError('INTERNAL', visitor?.internal ?? HTTP_MESSAGES.internal);
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response does not match its schema');
    void reply.status(500).send(errorBody(internal, readerOf(request)));
    return;
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'unhandled error');
    void reply.status(500).send(errorBody(internal, readerOf(request)));
    return;
  }
  return sendFastifyRefusal(error, request, reply, status);
}

export async function notFoundHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!isApiUrl(request.url)) {
    sendErrorPage(request, reply, 404);
    return;
  }
  const path = request.url.split('?')[0] ?? '';
  const visitor = visitorMessagesOf(request);
  if (visitor) {
    await reply.status(404).send(errorBody(new AppError('NOT_FOUND', visitor.noRoute(request.method, path))));
    return;
  }
  const language = await signedInReaderOf(request, reply);
  await reply.status(404).send(errorBody(new AppError('NOT_FOUND', noRoute(request.method, path)), language));
}

/** The error replies every staff route may give, for its OpenAPI description. */
export const STAFF_ERRORS = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
} as const;
