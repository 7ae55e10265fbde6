import {
  findCustomerInSchool,
  type findEmailSchool,
  findEmailSchoolBySlug,
  findInboundEmailFile,
  findRequest,
  findSchoolOfRequest,
  lockInboundEmail,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import { normalizeEmail } from '../common.schemas.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { checkReplyToken, readReplyAddress } from '../email/reply-address.js';
import { enqueueNewRequestEmails, enqueueStaffEmails } from '../email/staff-email-notices.js';
import { portalUrl } from '../portal/private-link.js';
import { changeRequest } from '../requests/change-request.js';
import { addCustomerMessage } from '../requests/conversation.js';
import { findOrCreateCustomer } from '../requests/customers.js';
import { openRequest } from '../requests/open-request.js';
import { notifyStaff } from '../requests/staff-notifications.js';
import { enqueue, type Tx, transact } from '../tx.js';
import { INBOUND_MESSAGES } from './inbound.messages.js';
import { type InboundEmail, readInboundEmail } from './read-inbound-email.js';

export type InboundOutcome =
  | { outcome: 'threaded'; requestId: string; messageId: string }
  | { outcome: 'opened'; requestId: string; number: string }
  | { outcome: 'ignored'; reason: 'automatic' }
  | { outcome: 'duplicate'; requestId: string };

/**
 * An e-mail posted by the school's mail relay (`POST /api/inbound/email`). It lands on a file ONLY
 * through the signed reply address Schuss put in Reply-To (src/app/email/reply-address.ts) —
 * never because of its From or its thread headers — as the file's customer's message, through the
 * change path (the file is "à traiter", staff are told live). Sent to a school's general address
 * (`<slug>@<inbound domain>`) without a reply address, it opens a new simple request of origin
 * "E-mail" for its sender (found or created by normalised address in that school only). A forged
 * or expired reply address is refused, nothing written. Auto-replies and bounces are ignored.
 * A relay that posts the same message again (same Message-ID) stores nothing: `duplicate`.
 */
export async function receiveInboundEmail(deps: AppDeps, raw: Buffer): Promise<InboundOutcome> {
  const mail = await readInboundEmail(raw);
  if (mail.isAutomatic) return { outcome: 'ignored', reason: 'automatic' };
  const domain = deps.config.inboundEmailDomain;
  const replyAddress = mail.recipients.find((a) => a.startsWith('reply+') && a.endsWith(`@${domain}`));
  if (replyAddress) return threadReply(deps, mail, replyAddress);
  const general = mail.recipients
    .map((a) => /^([a-z0-9-]+)(?:\+[^@]*)?@(.+)$/.exec(a))
    .find((m) => m !== null && m[2] === domain);
  const school = general ? await findEmailSchoolBySlug(deps.db.kysely, general[1]!) : undefined;
  if (!school) throw new AppError('VALIDATION', INBOUND_MESSAGES.noRecipient);
  return openEmailRequest(deps, mail, school);
}

async function threadReply(deps: AppDeps, mail: InboundEmail, address: string): Promise<InboundOutcome> {
  const token = readReplyAddress(address, deps.config.inboundEmailDomain);
  if (!token) throw new AppError('FORBIDDEN', INBOUND_MESSAGES.forgedReply);
  const schoolId = await findSchoolOfRequest(deps.db.kysely, token.requestId);
  if (!schoolId) throw new AppError('FORBIDDEN', INBOUND_MESSAGES.forgedReply);
  const check = checkReplyToken(deps.replyAddressKey, schoolId, token, deps.clock.now());
  if (check === 'forged') throw new AppError('FORBIDDEN', INBOUND_MESSAGES.forgedReply);
  if (check === 'expired') throw new AppError('FORBIDDEN', INBOUND_MESSAGES.expiredReply);
  return transact(deps, async (tx) => {
    const duplicate = await findDuplicate(tx, schoolId, mail, { requestId: token.requestId });
    if (duplicate) return duplicate;
    const request = await findCustomerOfFile(tx, schoolId, token.requestId);
    const actor: Actor = {
      kind: 'customer',
      schoolId,
      customerId: request.customerId,
      name: request.customerName,
    };
    const { result } = await changeRequest(
      tx,
      { schoolId, requestId: token.requestId, actor },
      async (file) => {
        // An archived file takes a late reply too (issue 12): recorded, shown, the file stays "Archivé".
        const body = mail.body || mail.subject;
        const id = await addCustomerMessage(tx, file, {
          schoolId,
          requestId: token.requestId,
          customerName: actor.name,
          body,
          payloadJson: JSON.stringify({
            channel: 'email',
            from: mail.from.address,
            messageId: mail.messageId,
          }),
        });
        await enqueueStaffEmails(
          tx,
          {
            schoolId,
            requestId: token.requestId,
            event: 'customer.replied',
            fileNumber: file.request.number,
            customerName: actor.name,
          },
          (m) => file.enqueue(m),
        );
        return { outcome: 'threaded' as const, requestId: token.requestId, messageId: id };
      },
    );
    return result;
  });
}

/**
 * The same message delivered again (the relay retried, or posted it once per recipient): found
 * by its Message-ID where it would land, after waiting for a delivery of it still in progress.
 */
async function findDuplicate(
  tx: Tx,
  schoolId: string,
  mail: InboundEmail,
  where: Parameters<typeof findInboundEmailFile>[2],
): Promise<InboundOutcome | null> {
  if (!mail.messageId) return null;
  await lockInboundEmail(tx.trx, `inbound-email:${schoolId}:${mail.messageId}`);
  const requestId = await findInboundEmailFile(tx.trx, schoolId, where, mail.messageId);
  return requestId ? { outcome: 'duplicate', requestId } : null;
}

/** The file's own customer: the author of every reply to its address, whatever the From says. */
async function findCustomerOfFile(
  tx: Tx,
  schoolId: string,
  requestId: string,
): Promise<{ customerId: string; customerName: string }> {
  const request = await findRequest(tx.trx, schoolId, requestId);
  if (!request) throw new AppError('FORBIDDEN', INBOUND_MESSAGES.forgedReply);
  const customer = await findCustomerInSchool(tx.trx, schoolId, request.customerId);
  return {
    customerId: request.customerId,
    customerName: customer ? `${customer.first_name} ${customer.last_name}`.trim() : '',
  };
}

function namesOf(mail: InboundEmail): { firstName: string; lastName: string } {
  const name = mail.from.name || mail.from.address.split('@')[0]!;
  const [first, ...rest] = name.split(' ');
  return { firstName: (first ?? '').slice(0, 100), lastName: rest.join(' ').slice(0, 100) };
}

async function openEmailRequest(
  deps: AppDeps,
  mail: InboundEmail,
  school: NonNullable<Awaited<ReturnType<typeof findEmailSchool>>>,
): Promise<InboundOutcome> {
  return transact(deps, async (tx) => {
    const duplicate = await findDuplicate(tx, school.id, mail, {
      emailNormalized: normalizeEmail(mail.from.address),
    });
    if (duplicate) return duplicate;
    const { customer } = await findOrCreateCustomer(tx, school.id, {
      email: mail.from.address,
      ...namesOf(mail),
      language: school.defaultLanguage,
    });
    const actor: Actor = {
      kind: 'customer',
      schoolId: school.id,
      customerId: customer.id,
      name: `${customer.first_name} ${customer.last_name}`.trim(),
    };
    const body = [mail.subject, mail.body].filter((t) => t !== '').join('\n\n') || '—';
    const { request, portalToken } = await openRequest(tx, {
      schoolId: school.id,
      schoolTimeZone: school.timeZone,
      source: 'email',
      customer,
      language: customer.language,
      actor,
      firstMessage: {
        authorKind: 'customer',
        body,
        payload: { channel: 'email', from: mail.from.address, messageId: mail.messageId },
      },
      portalLinkKey: deps.portalLinkKey,
    });
    await notifyStaff(tx, school.id, {
      kind: 'request.created',
      requestId: request.id,
      payload: { number: request.number, source: 'email', customerName: actor.name },
    });
    await enqueueNewRequestEmails(tx, {
      schoolId: school.id,
      id: request.id,
      number: request.number,
      customerName: actor.name,
    });
    await enqueue(
      tx,
      customerEmail({
        schoolId: school.id,
        requestId: request.id,
        to: customer.email,
        firstName: customer.first_name,
        language: customer.language,
        fileNumber: request.number,
        link: portalUrl(deps, portalToken),
        params: { template: 'acknowledgement' },
      }),
    );
    tx.publish({ schoolId: school.id, type: 'request.changed', requestId: request.id });
    return { outcome: 'opened' as const, requestId: request.id, number: request.number };
  });
}
