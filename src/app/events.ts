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

/** In-process bus: one process, or the local leg of the PostgreSQL LISTEN/NOTIFY bus (`src/db/pg-event-bus.ts`). */
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
