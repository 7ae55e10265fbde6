import { AppError, type StaffLanguage } from '../../domain/errors.js';
import type { Devis } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { changeRequest, type RequestChange } from '../requests/change-request.js';
import { type Tx, transact } from '../tx.js';
import { DEVIS_MESSAGES } from './devis.messages.js';
import { devisOf } from './get-devis.js';

/**
 * One action on the Devis onglet: one transaction through the file's change path (from the
 * version the screen showed; never on an archived file), answering the Devis as it now stands, in the reader's language.
 */
export async function changeDevis(
  deps: AppDeps,
  target: { actor: StaffActor; requestId: string; version: number; language: StaffLanguage },
  change: (tx: Tx, file: RequestChange) => Promise<void>,
): Promise<Devis> {
  return transact(deps, async (tx) => {
    const { actor, requestId, version } = target;
    const { request, beside } = await changeRequest(
      tx,
      { schoolId: actor.schoolId, requestId, actor, expectedVersion: version },
      (file) => {
        // An archived file's order content is erased and its totals frozen: its lines stay as they are.
        if (file.request.archivedAt !== null)
          throw new AppError('INVALID_STATE', DEVIS_MESSAGES.archivedFile);
        return change(tx, file);
      },
    );
    // What the status rule just read after the change is what the Devis shows: not read again.
    return devisOf(tx.trx, request, target.language, tx.now, beside);
  });
}
