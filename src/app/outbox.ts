import { z } from 'zod';
import type { Db as Connection } from '../db/connection.js';
import {
  claimOutboxRow,
  type Db,
  insertMailLog,
  isOutboxMailSent,
  listDueOutboxRows,
  markOutboxDelivered,
  markOutboxFailed,
  type OutboxRow,
} from '../db/repositories/index.js';
import type { MailTransport } from '../integrations/mail/mail-transport.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';

export type { OutboxRow } from '../db/repositories/index.js';

/** Delivers one outbox row. Must be idempotent: a row may be delivered more than once. */
export type OutboxHandler = (row: OutboxRow, db: Db) => Promise<void>;

export interface OutboxDispatcher {
  /** Ask for a delivery round soon (after a commit). */
  kick(): void;
  /** Deliver everything due now; resolves when done (tests and shutdown use it). */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const LEASE_MS = 60_000;
const BATCH = 50;

function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.min(attempts, 12));
}

export const EmailPayloadSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  replyTo: z.string().optional(),
});

/** The e-mail handler: sends through the transport once, records it in mail_log (unique per outbox row). */
export function emailHandler(transport: MailTransport, clock: Clock): OutboxHandler {
  return async (row, db) => {
    if (await isOutboxMailSent(db, row.id)) return;
    const payload = EmailPayloadSchema.parse(JSON.parse(row.payload_json));
    await transport.send({ ...payload, messageId: `<${row.id}@schuss>` });
    await insertMailLog(db, {
      id: newId('mail'),
      schoolId: row.school_id,
      outboxId: row.id,
      transport: transport.name,
      to: payload.to,
      subject: payload.subject,
      text: payload.text,
      createdAt: clock.now().toISOString(),
    });
  };
}

/**
 * At-least-once delivery of the outbox. A row is claimed with a lease (so several processes
 * can share the work), delivered, then marked; a failure is retried with backoff.
 */
export class DbOutboxDispatcher implements OutboxDispatcher {
  readonly #db: Connection;
  readonly #clock: Clock;
  readonly #handlers: Record<string, OutboxHandler>;
  readonly #onError: (error: unknown, row: OutboxRow) => void;
  #timer: NodeJS.Timeout | null = null;
  #scheduled = false;
  #running: Promise<number> | null = null;
  #stopped = false;

  constructor(options: {
    db: Connection;
    clock: Clock;
    handlers: Record<string, OutboxHandler>;
    onError?: (error: unknown, row: OutboxRow) => void;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#handlers = options.handlers;
    this.#onError = options.onError ?? (() => {});
  }

  kick(): void {
    if (this.#stopped || this.#scheduled || !this.#timer) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.drain().catch(() => {});
    });
  }

  drain(): Promise<number> {
    if (this.#running) return this.#running.then(() => this.drain());
    this.#running = this.#drainOnce().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #drainOnce(): Promise<number> {
    const db = this.#db.kysely;
    let delivered = 0;
    for (;;) {
      const now = this.#clock.now();
      const rows = await listDueOutboxRows(db, now.toISOString(), BATCH);
      if (rows.length === 0) return delivered;
      for (const row of rows) {
        const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
        if (!(await claimOutboxRow(db, row, leaseUntil))) continue;
        const handler = this.#handlers[row.kind];
        try {
          if (!handler) throw new Error(`No outbox handler for kind "${row.kind}"`);
          await handler(row, db);
          await markOutboxDelivered(db, row.id, this.#clock.now().toISOString());
          delivered++;
        } catch (error) {
          this.#onError(error, row);
          await markOutboxFailed(db, row.id, {
            error: error instanceof Error ? error.message.slice(0, 1000) : String(error),
            retryAt: new Date(this.#clock.now().getTime() + backoffMs(row.attempts + 1)).toISOString(),
          });
        }
      }
      if (rows.length < BATCH) return delivered;
    }
  }

  start(): void {
    this.#stopped = false;
    if (this.#timer) return;
    this.#timer = setInterval(() => this.kick(), 5000);
    this.#timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#running) await this.#running.catch(() => {});
  }
}
