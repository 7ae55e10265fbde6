import nodemailer, { type Transporter } from 'nodemailer';
import { type MailMessage, type MailTransport, PermanentMailError } from './mail-transport.js';

/**
 * SMTP through nodemailer (`SMTP_URL`, e.g. `smtp://user:pass@host:587`). A 5xx answer is
 * permanent (the row is parked); anything else (4xx, connection refused, timeout) is retried.
 */
export class SmtpMailTransport implements MailTransport {
  readonly name = 'smtp';
  readonly #transporter: Transporter;
  readonly #from: string;

  constructor(url: string, from: string) {
    this.#transporter = nodemailer.createTransport(url);
    this.#from = from;
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.#transporter.sendMail({
        from: message.from ?? this.#from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        replyTo: message.replyTo,
        messageId: message.messageId,
        inReplyTo: message.inReplyTo,
        references: message.references,
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        headers: message.isAutomatic ? { 'Auto-Submitted': 'auto-generated' } : {},
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600)
        throw new PermanentMailError(`SMTP ${code}: ${(error as Error).message}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#transporter.close();
  }
}
