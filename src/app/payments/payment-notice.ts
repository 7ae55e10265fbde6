import { findOfferRecipient } from '../../db/repositories/index.js';
import type { AppDeps } from '../deps.js';
import { type CustomerEmailPayload, customerEmail } from '../email/customer-email.js';
import { privateLinkOf } from '../portal/private-link.js';
import type { RequestChange } from '../requests/change-request.js';
import type { Tx } from '../tx.js';

/**
 * A payment e-mail to the file's customer (a receipt, a refund), written to the outbox with the
 * change: their address, name and language, the file number and their private link. Nothing when
 * the customer has no e-mail address.
 */
export async function emailPaymentNotice(
  deps: Pick<AppDeps, 'config' | 'portalLinkKey'>,
  tx: Tx,
  file: RequestChange,
  params: CustomerEmailPayload['params'],
): Promise<void> {
  const { schoolId, id: requestId } = file.request;
  const customer = await findOfferRecipient(tx.trx, schoolId, requestId);
  if (!customer?.email) return;
  file.enqueue(
    customerEmail({
      schoolId,
      requestId,
      to: customer.email,
      firstName: customer.firstName,
      language: customer.language,
      fileNumber: file.request.number,
      link: await privateLinkOf(deps, tx, { schoolId, id: requestId }),
      params,
    }),
  );
}
