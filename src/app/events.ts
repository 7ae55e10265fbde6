import { EventEmitter } from 'node:events';

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
  close(): Promise<void>;
}

/** In-process bus: one process, or the local leg of the PostgreSQL LISTEN/NOTIFY bus. */
export class LocalEventBus implements EventBus {
  readonly #emitter = new EventEmitter();
  constructor() {
    this.#emitter.setMaxListeners(0);
  }
  publish(event: LiveEvent): void {
    this.#emitter.emit(`school:${event.schoolId}`, event);
  }
  subscribe(schoolId: string, listener: (event: LiveEvent) => void): () => void {
    const name = `school:${schoolId}`;
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }
  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
