/** One e-mail, ready to go. Every header value is one line (the renderer strips CR/LF). */
export interface MailMessage {
  /** The school as sender name, at the configured MAIL_FROM address (nodemailer encodes the name). */
  from?: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Message-ID, stable per outbox row: a retry sends the same message again, never a second one. */
  messageId?: string;
  /** Threading: the dossier's thread root. */
  inReplyTo?: string;
  references?: string;
  attachments?: MailAttachment[];
  /** Written by Schuss, not a person: `Auto-Submitted: auto-generated` (RFC 3834), so responders stay quiet. */
  isAutomatic?: boolean;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A failure that retrying cannot fix (a refused address, a 5xx answer): the row is parked at once. */
export class PermanentMailError extends Error {
  override readonly name = 'PermanentMailError';
}

/**
 * Where mail goes. `dev` keeps it (the mail log, shown on the development outbox page); `smtp`
 * sends it through nodemailer (`smtp-transport.ts`). Both are called by the same outbox handler.
 */
export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** Development transport: delivers nowhere; the outbox handler's mail_log row is the message. */
export class DevMailTransport implements MailTransport {
  readonly name = 'dev';
  async send(): Promise<void> {}
  async close(): Promise<void> {}
}
