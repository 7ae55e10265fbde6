import {
  eraseOrderContent,
  findRequestInSchool,
  listOfferIdsOfRequest,
  listOutboxRowsOfRequest,
  redactOutboxRows,
} from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import type { Actor, StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { changeRequest } from '../requests/change-request.js';
import { reindexRequest } from '../requests/search-document.js';
import { type Tx, transact } from '../tx.js';
import { redactJournalOfRequest } from './journal-redaction.js';

/**
 * Archives one file inside the caller's transaction: the file moves to "Archivé" by the status
 * rule (archived_at), its order content is erased (see `eraseOrderContent`), the search index is
 * rebuilt from what remains (customer contact, conversation), the delivered outbox payloads and
 * mail bodies about it are redacted, and the journal's details go through the one redaction path.
 * Kept: the conversation, the number and dates, the customer's contact, the journal sentences,
 * the totals (the lines' amounts stay, so the materialised totals do not move) and the payment
 * ledger. Archiving an archived file does nothing (returns false).
 */
export async function archiveOne(
  tx: Tx,
  target: { schoolId: string; requestId: string; actor: Actor; expectedVersion?: number },
): Promise<boolean> {
  const outcome = await changeRequest(tx, target, async (file) => {
    if (file.request.archivedAt !== null) return false;
    file.edit({ archivedAt: tx.now });
    file.factsChanged();
    const offerIds = await listOfferIdsOfRequest(tx.trx, target.schoolId, target.requestId);
    await eraseOrderContent(tx.trx, target.schoolId, target.requestId, tx.now);
    const row = await findRequestInSchool(tx.trx, target.schoolId, target.requestId);
    if (row) await reindexRequest(tx, row);
    const outbox = await listOutboxRowsOfRequest(tx.trx, target.schoolId, {
      requestId: target.requestId,
      offerIds,
    });
    await redactOutboxRows(
      tx.trx,
      outbox.filter((o) => o.delivered_at !== null).map((o) => o.id),
      { at: tx.now, eraseRecipient: false },
    );
    const redactedEntries = await redactJournalOfRequest(tx, { ...target, eraseCustomerName: false });
    file.journal({
      action: 'archive.file_archived',
      details: { number: file.request.number, redactedEntries },
    });
    return true;
  });
  return outcome.result;
}

/** "Archiver" on one file (any tab), after the confirmation that says what will be erased. */
export async function archiveFile(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { version: number },
): Promise<{ version: number; status: string }> {
  return transact(deps, async (tx) => {
    const request = await findRequestInSchool(tx.trx, actor.schoolId, requestId);
    if (!request) throw notFound(NOT_FOUND.file);
    await archiveOne(tx, { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version });
    const after = await findRequestInSchool(tx.trx, actor.schoolId, requestId);
    return { version: after!.version, status: after!.status };
  });
}
