import type pg from 'pg';
import { type EventBus, type LiveEvent, LocalEventBus } from '../app/events.js';

const CHANNEL = 'schuss_events';

/**
 * Across several processes on PostgreSQL: events are delivered locally at once and sent to the
 * other processes with NOTIFY; each process LISTENs and ignores its own echoes.
 */
export class PgEventBus implements EventBus {
  readonly #local = new LocalEventBus();
  readonly #origin = Math.random().toString(36).slice(2);
  readonly #pool: pg.Pool;
  #listener: pg.PoolClient | null = null;
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async start(): Promise<void> {
    const client = await this.#pool.connect();
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { origin, event } = JSON.parse(message.payload) as { origin: string; event: LiveEvent };
        if (origin !== this.#origin) this.#local.publish(event);
      } catch {
        // A malformed notification is not ours to crash on.
      }
    });
    client.on('error', () => {});
    await client.query(`listen ${CHANNEL}`);
    this.#listener = client;
  }

  publish(event: LiveEvent): void {
    this.#local.publish(event);
    if (this.#closed) return;
    const payload = JSON.stringify({ origin: this.#origin, event });
    // NOTIFY payloads are limited to 8000 bytes: events carry ids, never documents.
    this.#pool.query('select pg_notify($1, $2)', [CHANNEL, payload]).catch(() => {});
  }

  subscribe(schoolId: string, listener: (event: LiveEvent) => void): () => void {
    return this.#local.subscribe(schoolId, listener);
  }

  subscribeAll(listener: (event: LiveEvent) => void): () => void {
    return this.#local.subscribeAll(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#listener) {
      await this.#listener.query(`unlisten ${CHANNEL}`).catch(() => {});
      this.#listener.release();
      this.#listener = null;
    }
    await this.#local.close();
  }
}
