import { AppError } from '../../domain/errors.js';
import type { FileStatus } from '../../shared/contracts/pos.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { changeRequest } from '../requests/change-request.js';
import { journal, transact } from '../tx.js';
import { POS_MESSAGES } from './pos.messages.js';
import { ordersCsv } from './pos-csv.js';
import { allReadyOrders, markFileImported } from './pos-orders.js';

/**
 * "Saisi dans logiciel": staff tick that the lines not sold online were typed into the POS
 * software. A fact of the file, changed through the change path: the status rule decides whether
 * the file is "Commande traitée". It is ticked on a fully paid file; unticking is always possible.
 */
export async function setEnteredInPos(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { version: number; isEnteredInPos: boolean },
): Promise<FileStatus> {
  return transact(deps, async (tx) => {
    const outcome = await changeRequest(
      tx,
      { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version },
      (file) => {
        if (file.request.archivedAt !== null) throw new AppError('INVALID_STATE', POS_MESSAGES.archived);
        if (file.request.isEnteredInPos === input.isEnteredInPos) return;
        const isPaid = file.request.status === 'paid' || file.request.status === 'processed';
        if (input.isEnteredInPos && !isPaid) throw new AppError('INVALID_STATE', POS_MESSAGES.notPaid);
        file.edit({ isEnteredInPos: input.isEnteredInPos });
        file.journal({
          action: 'pos.entered_in_pos_changed',
          details: { isEnteredInPos: input.isEnteredInPos },
        });
      },
    );
    return { version: outcome.request.version, status: outcome.request.status };
  });
}

/** "Marquer comme importé": the staff app's acknowledgement, for schools without the POS API. */
export async function markImportedByStaff(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: { version: number },
): Promise<FileStatus> {
  return transact(deps, async (tx) => {
    const done = await markFileImported(tx, {
      schoolId: actor.schoolId,
      requestId,
      actor,
      expectedVersion: input.version,
    });
    return { version: done.version, status: done.status };
  });
}

/** "Export pour le logiciel": the ready orders as the CSV the POS API gives, journaled. */
export async function exportReadyOrdersCsv(deps: AppDeps, actor: StaffActor): Promise<string> {
  return transact(deps, async (tx) => {
    const orders = await allReadyOrders(tx, actor.schoolId);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'pos.exported',
      details: { files: orders.length },
    });
    return ordersCsv(orders);
  });
}
