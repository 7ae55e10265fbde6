/** One e-mail, ready to go. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Message-ID, so customer replies can be threaded back (inbound mail). */
  messageId?: string;
}

/**
 * Where mail goes. `dev` keeps it in the database for the dev outbox page; `smtp` (later)
 * sends it through nodemailer. Both are called by the same outbox handler.
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
