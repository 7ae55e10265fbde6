import type { Db as Connection } from '../db/connection.js';
import { claimDueOutboxRows, markOutboxDelivered, markOutboxFailed } from '../db/repositories/index.js';
import { type MailTransport, PermanentMailError } from '../integrations/mail/mail-transport.js';
import type { Clock } from './clock.js';
import { crashPoint } from './crash-points.js';
import { type OutboxHandler, plainEmailHandler } from './email/email-handlers.js';

export type { OutboxRow } from '../db/repositories/index.js';
export { EmailPayloadSchema, type OutboxHandler } from './email/email-handlers.js';

export interface OutboxDispatcher {
  /** Ask for a delivery round soon (after a commit). */
  kick(): void;
  /** Deliver everything due now; resolves when done (tests and shutdown use it). */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** A claimed row is someone's for this long; a dispatcher that dies mid-send frees it after. */
const LEASE_MS = 60_000;
const BATCH = 20;
/** After this many failed tries a row is parked (shown to the admin) instead of retried. */
export const OUTBOX_MAX_ATTEMPTS = 8;

/** 2 s, 4 s, 8 s… capped at an hour: a server down for a while is not hammered. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.min(attempts, 12));
}

/** The e-mail handler of ready-made `email` rows (kept for rows written before the customer-email contract). */
export function emailHandler(transport: MailTransport, clock: Clock): OutboxHandler {
  return plainEmailHandler({
    transport,
    clock,
    config: {
      publicUrl: '',
      mailFrom: 'Schuss <no-reply@schuss.localhost>',
      inboundEmailDomain: 'schuss.localhost',
    },
    replyAddressKey: '',
  });
}

/**
 * At-least-once delivery of the outbox. Rows are claimed in a batch with a lease (PostgreSQL:
 * `FOR UPDATE SKIP LOCKED`, so several processes share the work without sending a row twice at
 * the same time), delivered, then marked. A failure is retried with exponential backoff; a
 * permanent one (a 5xx answer, an impossible address) or the OUTBOX_MAX_ATTEMPTS-th is parked.
 * A crash between sending and marking sends again — the same Message-ID, and the mail log makes
 * the handler skip a row it already sent.
 */
export class DbOutboxDispatcher implements OutboxDispatcher {
  readonly #db: Connection;
  readonly #clock: Clock;
  readonly #handlers: Record<string, OutboxHandler>;
  readonly #onError: (error: unknown, row: { id: string; kind: string }) => void;
  readonly #maxAttempts: number;
  #timer: NodeJS.Timeout | null = null;
  #scheduled = false;
  #running: Promise<number> | null = null;
  #stopped = false;

  constructor(options: {
    db: Connection;
    clock: Clock;
    handlers: Record<string, OutboxHandler>;
    onError?: (error: unknown, row: { id: string; kind: string }) => void;
    maxAttempts?: number;
  }) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#handlers = options.handlers;
    this.#onError = options.onError ?? (() => {});
    this.#maxAttempts = options.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
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
      const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
      const rows = await claimDueOutboxRows(db, now.toISOString(), leaseUntil, BATCH);
      if (rows.length === 0) return delivered;
      for (const row of rows) {
        const handler = this.#handlers[row.kind];
        try {
          if (!handler) throw new PermanentMailError(`No outbox handler for kind "${row.kind}"`);
          await handler(row, db);
          crashPoint('outbox.before-mark');
          await markOutboxDelivered(db, row.id, this.#clock.now().toISOString());
          delivered++;
        } catch (error) {
          this.#onError(error, row);
          const at = this.#clock.now();
          const isParked = error instanceof PermanentMailError || row.attempts >= this.#maxAttempts;
          await markOutboxFailed(db, row.id, {
            error: error instanceof Error ? error.message.slice(0, 1000) : String(error),
            retryAt: new Date(at.getTime() + backoffMs(row.attempts)).toISOString(),
            parkedAt: isParked ? at.toISOString() : undefined,
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
