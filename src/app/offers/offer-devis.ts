import { findRequest } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound, type StaffLanguage } from '../../domain/errors.js';
import type { Devis } from '../../shared/contracts/sales.js';
import type { StaffActor } from '../actor.js';
import { devisOf as devisOfRequest } from '../devis/get-devis.js';
import type { Tx } from '../tx.js';

/** The Devis onglet as the offer routes answer it: the file as it is after the action, in its transaction. */
export async function devisOf(
  tx: Tx,
  actor: StaffActor,
  requestId: string,
  language: StaffLanguage,
): Promise<Devis> {
  const request = await findRequest(tx.trx, actor.schoolId, requestId);
  if (!request) throw notFound(NOT_FOUND.file);
  return devisOfRequest(tx.trx, request, language, tx.now);
}
