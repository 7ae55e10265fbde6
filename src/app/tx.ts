import type { Transaction } from 'kysely';
import { isDatabaseBusy, isTransactionToRetry } from '../db/db-errors.js';
import { insertJournalRow, insertOutboxRow } from '../db/repositories/journal.repository.js';
import type { Database } from '../db/schema.js';
import { databaseBusy } from '../domain/errors.js';
import type { JournalEvent } from '../shared/journal.js';
import type { Actor } from './actor.js';
import type { AppDeps } from './deps.js';
import type { LiveEvent } from './events.js';
import { newId } from './ids.js';

/** The unit of work of one use case: its transaction, its "now", and what to do once committed. */
export interface Tx {
  trx: Transaction<Database>;
  /** UTC ISO instant shared by every row this action writes. */
  now: string;
  /** Live events are published only after commit: nobody sees a change that may roll back. */
  publish(event: LiveEvent): void;
}

/**
 * Runs one user action in one transaction. The journal and outbox rows are written inside it;
 * live events and the outbox dispatcher are kicked after commit. When the database is busy the
 * whole action is run again after a short asynchronous wait (it wrote nothing), then refused
 * with UNAVAILABLE (503, Retry-After).
 */
export async function transact<T>(deps: AppDeps, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const events: LiveEvent[] = [];
    const now = deps.clock.now().toISOString();
    try {
      const result = await deps.db.kysely
        .transaction()
        .execute((trx) => work({ trx, now, publish: (event) => events.push(event) }));
      for (const event of events) deps.events.publish(event);
      deps.outbox.kick();
      return result;
    } catch (error) {
      // A deadlock victim (PostgreSQL) wrote nothing: run the action again at once, a few times.
      if (isTransactionToRetry(error)) {
        if (attempt < DEADLOCK_RETRIES) continue;
        throw databaseBusy();
      }
      if (!isDatabaseBusy(error)) throw error;
      // PostgreSQL already waited its lock_timeout for one row: only SQLite's whole-file lock is
      // worth waiting out again.
      if (deps.db.dialect !== 'sqlite') throw databaseBusy();
      const delay = BUSY_RETRY_DELAYS_MS[attempt];
      if (delay === undefined) throw databaseBusy();
      // Another process holds the write lock (a backup, a second server): nothing was written.
      // Wait without blocking the event loop — reads and other requests go on meanwhile.
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** A deadlock victim is run again this many times before its error reaches the caller. */
const DEADLOCK_RETRIES = 3;

/** About 4 s of asynchronous waiting in all before a busy database answers 503. */
const BUSY_RETRY_DELAYS_MS = [10, 25, 50, 100, 200, 400, 800, 1000, 1000];

/** One journaled action of a use case: who, on which request (if any), and the typed event. */
export type JournalEntry = {
  schoolId: string;
  requestId?: string | null;
  actor: Actor;
} & JournalEvent;

/** Appends one line to the activity journal, inside the action's transaction. */
export async function journal(tx: Tx, entry: JournalEntry): Promise<void> {
  await insertJournalRow(tx.trx, {
    school_id: entry.schoolId,
    request_id: entry.requestId ?? null,
    actor_kind: entry.actor.kind,
    actor_user_id: entry.actor.kind === 'staff' ? entry.actor.userId : null,
    actor_name: entry.actor.name,
    action: entry.action,
    details_json: JSON.stringify(entry.details),
    created_at: tx.now,
  });
}

export interface OutboxMessage {
  schoolId: string | null;
  kind: string;
  payload: Record<string, unknown>;
}

/** Writes a side effect to the durable outbox, inside the action's transaction. */
export async function enqueue(tx: Tx, message: OutboxMessage): Promise<string> {
  const id = newId('outbox');
  await insertOutboxRow(tx.trx, {
    id,
    school_id: message.schoolId,
    kind: message.kind,
    payload_json: JSON.stringify(message.payload),
    created_at: tx.now,
    available_at: tx.now,
    attempts: 0,
    delivered_at: null,
    last_error: null,
  });
  return id;
}
