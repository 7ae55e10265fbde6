import { i18n } from '../i18n/i18n';

/** The body of every 4xx/5xx answer of the Schuss API. */
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** A failed API call, carrying the server's message (already in words a person can act on). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** Someone else changed the thing, or it does not fit its state: worth a notification. */
  get isConflict(): boolean {
    return this.code === 'CONFLICT' || this.code === 'INVALID_STATE';
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when an API call answers 401: the session is gone, the app goes back to the login page. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Login and the initial "who am I" call handle their own 401. */
  ignoreUnauthorized?: boolean;
  /** Lets the call finish after the page is left (presence "I left this file"). */
  keepalive?: boolean;
}

/**
 * Same-origin JSON call to the Schuss API; throws ApiError on any failure. It asks for the
 * language of the screens: the server answers in it when nobody is signed in (the login page),
 * as it answers a signed-in person in the language kept on their account.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }

  if (response.status === 204) return undefined as T;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch (error) {
    // Cancelled while the body was still arriving: the caller asked for it, let it know.
    if (options.signal?.aborted || (error instanceof DOMException && error.name === 'AbortError'))
      throw error;
    payload = null;
  }
  if (response.ok) {
    if (payload === null) throw new ApiError(response.status, 'NETWORK', i18n.t('errors.network'));
    return payload as T;
  }

  if (response.status === 401 && !options.ignoreUnauthorized) unauthorizedHandler?.();
  if (isErrorBody(payload)) {
    const { code, message, fields } = payload.error;
    throw new ApiError(response.status, code, message, fields ?? {});
  }
  throw new ApiError(response.status, 'INTERNAL', i18n.t('errors.unexpected'));
}
