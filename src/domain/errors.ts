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

/** The languages of the staff app: what staff read, server messages included. */
export const STAFF_LANGUAGES = ['fr', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

/**
 * A message staff read, in each staff language: errors, conflicts and journal sentences are
 * written in both and shown in the reader's. Catalogues of them live beside their use cases
 * (`*.messages.ts`). A plain string is for messages already in the reader's language (the
 * public forms answer in the visitor's).
 */
export type StaffText = Readonly<Record<StaffLanguage, string>>;
export type Text = string | StaffText;

export function textIn(text: Text, language: StaffLanguage): string {
  return typeof text === 'string' ? text : text[language];
}

/** The staff language for a stored preference or a header value: English when asked, else French. */
export function staffLanguageOf(value: string | null | undefined): StaffLanguage {
  return value === 'en' ? 'en' : 'fr';
}

export type FieldErrors = Record<string, string>;
export type FieldTexts = Record<string, Text>;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The message in every staff language (`message` is its French, for logs and tests). */
  readonly text: Text;
  readonly fieldTexts: FieldTexts | undefined;
  /** Seconds after which a RATE_LIMITED or UNAVAILABLE caller may try again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: Text,
    options: { fields?: FieldTexts; retryAfterSeconds?: number } = {},
  ) {
    super(textIn(message, 'fr'));
    this.name = 'AppError';
    this.code = code;
    this.text = message;
    this.fieldTexts = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The field errors in French (for logs and tests); `fieldsIn` for a reader. */
  get fields(): FieldErrors | undefined {
    return this.fieldsIn('fr');
  }

  messageIn(language: StaffLanguage): string {
    return textIn(this.text, language);
  }

  fieldsIn(language: StaffLanguage): FieldErrors | undefined {
    if (!this.fieldTexts) return undefined;
    const fields: FieldErrors = {};
    for (const [name, text] of Object.entries(this.fieldTexts)) fields[name] = textIn(text, language);
    return fields;
  }
}

/** "Dossier introuvable." — `what` is the catalogue's "not found" text of the thing. */
export const notFound = (what: StaffText): AppError => new AppError('NOT_FOUND', what);

export const validation = (
  fields: FieldTexts,
  message: Text = { fr: 'Certains champs sont invalides.', en: 'Some fields are invalid.' },
): AppError => new AppError('VALIDATION', message, { fields });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What a busy database answers: the action was not applied, and may be retried in a moment. */
export const databaseBusy = (): AppError =>
  new AppError(
    'UNAVAILABLE',
    {
      fr: 'La base de données est momentanément occupée : rien n’a été enregistré. Réessayez dans quelques secondes.',
      en: 'The database is busy for a moment: nothing was saved. Try again in a few seconds.',
    },
    { retryAfterSeconds: 2 },
  );

/** What is not found, in each staff language: `throw notFound(NOT_FOUND.file)`. */
export const NOT_FOUND = {
  file: { fr: 'Dossier introuvable.', en: 'File not found.' },
  customer: { fr: 'Client introuvable.', en: 'Customer not found.' },
  category: { fr: 'Catégorie introuvable.', en: 'Category not found.' },
  staff: { fr: 'Membre du personnel introuvable.', en: 'Staff member not found.' },
  notification: { fr: 'Notification introuvable.', en: 'Notification not found.' },
} as const satisfies Record<string, StaffText>;
