import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { MailMessage, MailTransport } from '../../src/integrations/mail/mail-transport.js';
import { SmtpMailTransport } from '../../src/integrations/mail/smtp-transport.js';

export interface ReceivedMail {
  /** RCPT TO, as the server saw them. */
  recipients: string[];
  raw: string;
  parsed: ParsedMail;
}

/** A real SMTP server on loopback that keeps what it receives, or refuses it on demand (4xx / 5xx). */
export class SmtpSink {
  received: ReceivedMail[] = [];
  /** Answer every message with this code instead of accepting it (451: try later, 550: never). */
  failWith: number | null = null;
  readonly #server: SMTPServer;
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.failWith !== null) {
            const error = Object.assign(new Error('refused by the test server'), {
              responseCode: this.failWith,
            });
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks);
          void simpleParser(raw).then((parsed) => {
            this.received.push({
              recipients: session.envelope.rcptTo.map((r) => r.address),
              raw: raw.toString('utf8'),
              parsed,
            });
            callback();
          });
        });
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.#server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** The SMTP transport, pointed at a sink started after the app's dependencies were built. */
export class LateSmtpTransport implements MailTransport {
  readonly name = 'smtp';
  #inner: SmtpMailTransport | null = null;
  connect(url: string): void {
    this.#inner = new SmtpMailTransport(url, 'Schuss <no-reply@schuss.test>');
  }
  send(message: MailMessage): Promise<void> {
    if (!this.#inner) throw new Error('LateSmtpTransport not connected');
    return this.#inner.send(message);
  }
  async close(): Promise<void> {
    await this.#inner?.close();
  }
}
