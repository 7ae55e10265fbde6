import { EventEmitter } from 'node:events';

/**
 * Internal event: sessions ended (logout, account disabled, role or password changed). Open live
 * streams of that session (`data.sessionId`) or of that user (`userId`) close themselves; it is
 * never forwarded to a screen.
 */
export const SESSIONS_ENDED = 'sessions.ended';

/** What staff screens are told, live, after a commit. Never carries another school's data. */
export interface LiveEvent {
  schoolId: string;
  type: string;
  requestId?: string;
  userId?: string;
  data?: Record<string, unknown>;
}

export interface EventBus {
  publish(event: LiveEvent): void;
  subscribe(schoolId: string, listener: (event: LiveEvent) => void): () => void;
  /** Every school's events: for process-wide state such as presence, never for screens. */
  subscribeAll(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

/** In-process bus: one process, or the local leg of the PostgreSQL LISTEN/NOTIFY bus. */
export class LocalEventBus implements EventBus {
  readonly #emitter = new EventEmitter();
  constructor() {
    this.#emitter.setMaxListeners(0);
  }
  publish(event: LiveEvent): void {
    this.#emitter.emit('*', event);
    this.#emitter.emit(`school:${event.schoolId}`, event);
  }
  subscribe(schoolId: string, listener: (event: LiveEvent) => void): () => void {
    const name = `school:${schoolId}`;
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }
  subscribeAll(listener: (event: LiveEvent) => void): () => void {
    this.#emitter.on('*', listener);
    return () => this.#emitter.off('*', listener);
  }
  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}

const CHANNEL = 'schuss_events';

/**
 * Across several processes on PostgreSQL: events are delivered locally at once and sent to the
 * other processes with NOTIFY; each process LISTENs and ignores its own echoes.
 */
export class PgEventBus implements EventBus {
  readonly #local = new LocalEventBus();
  readonly #origin = Math.random().toString(36).slice(2);
  readonly #pool: import('pg').Pool;
  #listener: import('pg').PoolClient | null = null;
  #closed = false;

  constructor(pool: import('pg').Pool) {
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
