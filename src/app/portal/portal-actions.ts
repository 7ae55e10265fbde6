import {
  findCustomerInSchool,
  findLineOfRequest,
  findRequest,
  listOffersOfRequest,
  readSalesSettings,
  setLineActive,
} from '../../db/repositories/index.js';
import { textProblem, trimInvisible } from '../../domain/text-rules.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { lineLabel } from '../devis/get-devis.js';
import { MAX_MESSAGE } from '../intake/intake.schemas.js';
import { changeRequest } from '../requests/change-request.js';
import { addCustomerMessage } from '../requests/conversation.js';
import { type Tx, transact } from '../tx.js';
import { isRemovable, resolvePortalLink } from './portal-view.js';

/**
 * What a customer's action on their private page came to. A link that opens no file is
 * `not_found` (answered like any unknown link); the others are said on the page, in their language.
 */
export type PortalOutcome =
  | 'done'
  | 'not_found'
  | 'archived'
  | 'empty'
  | 'too_long'
  | 'invalid_text'
  | 'paid'
  | 'not_removable';

/** The customer of the file, as the journal names them: the actor of what they do on the page. */
async function customerActor(tx: Tx, schoolId: string, requestId: string): Promise<Actor | null> {
  const request = await findRequest(tx.trx, schoolId, requestId);
  if (!request) return null;
  const customer = await findCustomerInSchool(tx.trx, schoolId, request.customerId);
  if (!customer) return null;
  return {
    kind: 'customer',
    schoolId,
    customerId: customer.id,
    name: `${customer.first_name} ${customer.last_name}`.trim(),
  };
}

/**
 * The customer answers in the conversation from their page: the message is stored as theirs, the
 * file's last message moves (it is "à traiter" again for the secretaries), the school's staff are
 * notified and see it live. Like any customer message, it needs no version: it changes no field.
 * An archived file takes it too (issue 12: a reply that arrives later is still recorded and
 * shown) — the archive keeps the conversation, and the reply joins it.
 */
export async function replyAsCustomer(deps: AppDeps, token: string, text: string): Promise<PortalOutcome> {
  const target = await resolvePortalLink(deps, token);
  if (!target) return 'not_found';
  const body = trimInvisible(text.replace(/\r\n?/g, '\n'));
  if (body === '') return 'empty';
  if (body.length > MAX_MESSAGE) return 'too_long';
  if (textProblem(body, true)) return 'invalid_text';
  const { schoolId, requestId } = target;
  return transact(deps, async (tx) => {
    const actor = await customerActor(tx, schoolId, requestId);
    if (!actor) return 'not_found';
    const { result } = await changeRequest(tx, { schoolId, requestId, actor }, async (file) => {
      await addCustomerMessage(tx, file, {
        schoolId,
        requestId,
        customerName: actor.name,
        body,
        payloadJson: null,
      });
      return 'done' as const;
    });
    return result;
  });
}

/**
 * The customer takes an optional extra (the insurance…) out of their file before paying: the line
 * stays on the Devis, crossed out ("retirée"), and no longer counts — the totals, the status and
 * what "Payer" offers follow. Refused once anything is paid on the file (what was paid stays as it
 * was paid), on an archived file, and on what is not an optional extra still counted.
 */
export async function removeOptionalExtra(
  deps: AppDeps,
  token: string,
  lineId: string,
): Promise<PortalOutcome> {
  const target = await resolvePortalLink(deps, token);
  if (!target) return 'not_found';
  const { schoolId, requestId } = target;
  return transact(deps, async (tx) => {
    const actor = await customerActor(tx, schoolId, requestId);
    if (!actor) return 'not_found';
    const { result } = await changeRequest(tx, { schoolId, requestId, actor }, async (file) => {
      const { request } = file;
      if (request.archivedAt !== null) return 'archived' as const;
      const line = lineId.length <= 64 ? await findLineOfRequest(tx.trx, schoolId, requestId, lineId) : null;
      if (!line) return 'not_removable' as const;
      if (request.paidCents > 0) return 'paid' as const;
      const offers = await listOffersOfRequest(tx.trx, schoolId, requestId);
      if (offers.length === 0 || !isRemovable(line, request.paidCents, false))
        return 'not_removable' as const;
      await setLineActive(tx.trx, schoolId, line.id, { isActive: false, at: tx.now });
      file.factsChanged();
      const sales = readSalesSettings(target.school.settingsJson);
      file.journal({
        action: 'portal.extra_removed',
        details: { lineId: line.id, label: lineLabel(line, 'fr', sales.customLessonLabel) },
      });
      return 'done' as const;
    });
    return result;
  });
}
