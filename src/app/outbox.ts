import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import type { Database, OutboxTable } from '../db/schema.js';
import type { MailTransport } from '../integrations/mail/mail-transport.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';

export type OutboxRow = Omit<OutboxTable, never>;

/** Delivers one outbox row. Must be idempotent: a row may be delivered more than once. */
export type OutboxHandler = (row: OutboxRow, db: Kysely<Database>) => Promise<void>;

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
    const already = await db
      .selectFrom('mail_log')
      .select('id')
      .where('outbox_id', '=', row.id)
      .executeTakeFirst();
    if (already) return;
    const payload = EmailPayloadSchema.parse(JSON.parse(row.payload_json));
    await transport.send({ ...payload, messageId: `<${row.id}@schuss>` });
    await db
      .insertInto('mail_log')
      .values({
        id: newId('mail'),
        school_id: row.school_id,
        outbox_id: row.id,
        transport: transport.name,
        to_address: payload.to,
        subject: payload.subject,
        text_body: payload.text,
        created_at: clock.now().toISOString(),
      })
      .onConflict((oc) => oc.column('outbox_id').doNothing())
      .execute();
  };
}

/**
 * At-least-once delivery of the outbox. A row is claimed with a lease (so several processes
 * can share the work), delivered, then marked; a failure is retried with backoff.
 */
export class DbOutboxDispatcher implements OutboxDispatcher {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #handlers: Record<string, OutboxHandler>;
  readonly #onError: (error: unknown, row: OutboxRow) => void;
  #timer: NodeJS.Timeout | null = null;
  #scheduled = false;
  #running: Promise<number> | null = null;
  #stopped = false;

  constructor(options: {
    db: Db;
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
      const nowIso = now.toISOString();
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('delivered_at', 'is', null)
        .where('available_at', '<=', nowIso)
        .orderBy('available_at')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return delivered;
      for (const row of rows) {
        const claimed = await db
          .updateTable('outbox')
          .set({ available_at: new Date(now.getTime() + LEASE_MS).toISOString(), attempts: row.attempts + 1 })
          .where('id', '=', row.id)
          .where('available_at', '=', row.available_at)
          .where('delivered_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        const handler = this.#handlers[row.kind];
        try {
          if (!handler) throw new Error(`No outbox handler for kind "${row.kind}"`);
          await handler(row, db);
          await db
            .updateTable('outbox')
            .set({ delivered_at: this.#clock.now().toISOString(), last_error: null })
            .where('id', '=', row.id)
            .execute();
          delivered++;
        } catch (error) {
          this.#onError(error, row);
          await db
            .updateTable('outbox')
            .set({
              last_error: error instanceof Error ? error.message.slice(0, 1000) : String(error),
              available_at: new Date(this.#clock.now().getTime() + backoffMs(row.attempts + 1)).toISOString(),
            })
            .where('id', '=', row.id)
            .execute();
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
