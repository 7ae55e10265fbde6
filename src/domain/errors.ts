/**
 * The one error vocabulary of Schuss. Every failure a person can act on is an AppError with one
 * of these codes; the HTTP layer maps each code to a status in one table (http/errors.ts).
 */
export const ERROR_CODES = {
  /** Input is malformed or breaks a rule; `fields` says which field and what is wrong. */
  VALIDATION: 'VALIDATION',
  /** Not signed in, or the session expired. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, but this role may not do this (or the request failed the CSRF check). */
  FORBIDDEN: 'FORBIDDEN',
  /** No such thing in the caller's school — also what another school's ids look like. */
  NOT_FOUND: 'NOT_FOUND',
  /** Someone else changed the thing since the caller loaded it (stale `version`), or a unique value is taken. */
  CONFLICT: 'CONFLICT',
  /** The action does not fit the current state (e.g. paying an archived dossier by hand). */
  INVALID_STATE: 'INVALID_STATE',
  /** Too many attempts; try again later. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The database is busy (another process holds its write lock) or out of reach; retry shortly. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** An external provider (payments, mail) failed. */
  PROVIDER: 'PROVIDER',
  /** A bug or an outage; the message never carries internals. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  /** Seconds after which a RATE_LIMITED or UNAVAILABLE caller may try again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldErrors; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} introuvable.`);

export const validation = (fields: FieldErrors, message = 'Certains champs sont invalides.'): AppError =>
  new AppError('VALIDATION', message, { fields });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What a busy database answers: the action was not applied, and may be retried in a moment. */
export const databaseBusy = (): AppError =>
  new AppError(
    'UNAVAILABLE',
    'La base de données est momentanément occupée : rien n’a été enregistré. Réessayez dans quelques secondes.',
    { retryAfterSeconds: 2 },
  );
