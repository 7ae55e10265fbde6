import {
  findRequestForChange,
  type LineFacts,
  loadLineFacts,
  type StoredFacts,
  writeMaterialized,
  writeRequestChange,
} from '../../db/repositories/index.js';
import { type EditedField, type FileField, withChangeMarks } from '../../domain/edit-conflicts.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import { type LastMessage, type Request, type RequestEdit, realEdit } from '../../domain/request.js';
import type { JournalEvent } from '../../shared/journal.js';
import type { Actor } from '../actor.js';
import { enqueue, journal, type OutboxMessage, type Tx } from '../tx.js';
import {
  type Derived,
  deriveMaterialized,
  isSameOwnFacts,
  settleMaterialized,
} from './status-materializer.js';
import { staleFileError } from './version-guard.js';

/** Which request, on whose behalf, and — for an edit made looking at the file — from which version. */
export interface ChangeTarget {
  schoolId: string;
  requestId: string;
  actor: Actor;
  /**
   * The version of the file the actor's screen started from: a stale one is refused with a
   * CONFLICT naming who changed what. Omitted for actions that do not depend on what the screen
   * showed (a reply, a payment webhook).
   */
  expectedVersion?: number;
}

/** What a change may do to the request, collected and applied once by `changeRequest`. */
export interface RequestChange {
  /** The request as loaded at the start of the change. */
  readonly request: Request;
  /** Changes fields of the file; a field set to the value it has changes nothing. */
  edit(edit: RequestEdit, marks?: readonly FileField[]): void;
  /** Something the status rule reads changed beside the row (a line, a payment): a new version. */
  factsChanged(): void;
  /** The conversation moved on (a message): the lists' "last message", without a new version. */
  conversationMoved(lastMessage: LastMessage): void;
  /** A journal line of this change, written with it. */
  journal(event: JournalEvent): void;
  /** A side effect (an e-mail…) written to the outbox with the change. */
  enqueue(message: OutboxMessage): void;
}

export interface ChangeOutcome<T> {
  result: T;
  /** The request after the change (status as the rule derived it). */
  request: Request;
  /** false when the change turned out to change nothing: nothing was written, no version used. */
  isChanged: boolean;
  /**
   * The lines and payments as the status rule read them after the change (in its transaction),
   * when the change made a new version; undefined otherwise.
   */
  beside?: LineFacts;
}

/**
 * The one path for every action on a request. It loads the request once, refuses a stale
 * version, lets `change` say what changes, then — only if something really changed — derives
 * the status from the facts as they now stand (the row as loaded with its edits, the lines and
 * payments as the change left them) and writes the row once: edits, version, status, totals and
 * services in one UPDATE guarded by the version it loaded (so a concurrent writer cannot be
 * overwritten, and the row it derived from is the row it writes), keeping the tab counts in step,
 * and appends the journal and outbox rows; the live event goes out after commit. A change to the
 * same values writes nothing and keeps the version.
 */
export async function changeRequest<T>(
  tx: Tx,
  target: ChangeTarget,
  change: (c: RequestChange) => Promise<T> | T,
): Promise<ChangeOutcome<T>> {
  const loaded = await findRequestForChange(tx.trx, target.schoolId, target.requestId);
  if (!loaded) throw notFound(NOT_FOUND.file);
  const { request } = loaded;
  if (target.expectedVersion !== undefined && target.expectedVersion !== request.version)
    throw await staleFileError(tx, { ...target, number: request.number }, target.expectedVersion);

  let edit: RequestEdit = {};
  const marked = new Set<EditedField>();
  let isFactsChanged = false;
  let lastMessage: LastMessage | undefined;
  const events: JournalEvent[] = [];
  const messages: OutboxMessage[] = [];
  const result = await change({
    request,
    edit(next, marks = []) {
      const real = realEdit(request, next);
      if (Object.keys(real).length === 0) return;
      edit = { ...edit, ...real };
      for (const field of marks) marked.add(field);
    },
    factsChanged() {
      isFactsChanged = true;
    },
    conversationMoved(message) {
      lastMessage = message;
    },
    journal(event) {
      events.push(event);
    },
    enqueue(message) {
      messages.push(message);
    },
  });

  const isNewVersion = Object.keys(edit).length > 0 || isFactsChanged;
  if (!isNewVersion && !lastMessage && events.length === 0 && messages.length === 0)
    return { result, request, isChanged: false };

  const version = isNewVersion ? request.version + 1 : request.version;
  const changeMarks =
    marked.size > 0
      ? withChangeMarks(request.changeMarks, [...marked], {
          version,
          byName: target.actor.name,
          at: tx.now,
          fileNumber: request.number,
        })
      : undefined;
  let after: Request = { ...request, ...edit, changeMarks: changeMarks ?? request.changeMarks, version };
  let derived: Derived | undefined;
  if (isNewVersion || lastMessage) {
    // The status is derived before the write, so that the row is written once: from the row as
    // loaded with the change's edits, and the lines and payments as the change left them.
    if (isNewVersion) {
      const beside = await loadLineFacts(tx.trx, target.schoolId, target.requestId);
      derived = deriveMaterialized(withEdit(loaded.facts, edit), beside);
    }
    const stored = await writeRequestChange(tx.trx, {
      schoolId: target.schoolId,
      id: target.requestId,
      fromVersion: request.version,
      edit,
      lastMessage,
      changeMarks,
      isNewVersion,
      materialized: derived?.columns,
      at: tx.now,
      byName: target.actor.name,
    });
    // Someone changed the file between our read and our write (PostgreSQL runs them at once).
    if (!stored) throw await staleFileError(tx, { ...target, number: request.number }, request.version);
    if (derived) {
      // The row as stored is the judge: if the change wrote a fact on it beside its edits, the
      // status is derived again from what is stored, and written again.
      if (!isSameOwnFacts(stored, derived.facts)) {
        derived = deriveMaterialized({ ...stored, stored: loaded.facts.stored }, derived.beside);
        await writeMaterialized(tx.trx, target.schoolId, target.requestId, derived.values);
      }
      await settleMaterialized(tx, derived);
      after = { ...after, ...derived.materialized, updatedAt: tx.now, updatedByName: target.actor.name };
    }
    if (lastMessage) after.lastMessageAt = lastMessage.at;
  }
  for (const event of events)
    await journal(tx, {
      schoolId: target.schoolId,
      requestId: target.requestId,
      actor: target.actor,
      ...event,
    });
  for (const message of messages) await enqueue(tx, message);
  tx.publish({ schoolId: target.schoolId, type: 'request.changed', requestId: target.requestId });
  return { result, request: after, isChanged: true, beside: derived?.beside };
}

/** The request's own facts as stored, with the edits the change is about to write. */
function withEdit(stored: StoredFacts, edit: RequestEdit): StoredFacts {
  return {
    ...stored,
    ...(edit.archivedAt !== undefined && { archivedAt: edit.archivedAt }),
    ...(edit.customValidatedAt !== undefined && { customValidatedAt: edit.customValidatedAt }),
    ...(edit.offerSentAt !== undefined && { offerSentAt: edit.offerSentAt }),
    ...(edit.isEnteredInPos !== undefined && { isEnteredInPos: edit.isEnteredInPos }),
  };
}
