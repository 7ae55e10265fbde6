import { z } from 'zod';
import type { Config } from '../../config/env.js';
import {
  type Db,
  findEmailSchool,
  findOfferOfRequest,
  insertMailLog,
  isOutboxMailSent,
  type OutboxRow,
  readSalesSettings,
} from '../../db/repositories/index.js';
import {
  type MailAttachment,
  type MailMessage,
  type MailTransport,
  PermanentMailError,
} from '../../integrations/mail/mail-transport.js';
import { customerEmail, quotePdf, staffEmailHtml } from '../../integrations/render/render-pool.js';
import type { Clock } from '../clock.js';
import { crashPoint } from '../crash-points.js';
import { newId } from '../ids.js';
import { OfferSnapshotSchema } from '../offers/offer-snapshot.js';
import { CustomerEmailPayloadSchema } from './customer-email.js';
import { oneLine } from './render-email.js';
import { messageIdOf, replyAddressOf, threadRootOf } from './reply-address.js';
import { StaffEmailPayloadSchema, staffEmailWords } from './staff-email.js';

/** Delivers one outbox row. Must be idempotent: a row may be delivered more than once. */
export type OutboxHandler = (row: OutboxRow, db: Db) => Promise<void>;

export interface MailContext {
  transport: MailTransport;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'mailFrom' | 'inboundEmailDomain'>;
  /** Signs the reply addresses (src/app/email/reply-address.ts). */
  replyAddressKey: string;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** One plain address or a permanent failure: a "to" can never carry a second recipient or a header. */
function recipientOf(to: string): string {
  const address = to.trim();
  if (!ADDRESS.test(address))
    throw new PermanentMailError(`Not a single e-mail address: ${oneLine(to).slice(0, 100)}`);
  return address;
}

function fromOf(config: MailContext['config'], name: string): { name: string; address: string } {
  const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim();
  return { name: oneLine(name), address };
}

/** Sends the message of an outbox row once: skipped when the mail log already has it (a crash after sending). */
async function sendOnce(ctx: MailContext, row: OutboxRow, db: Db, message: MailMessage): Promise<void> {
  if (await isOutboxMailSent(db, row.id)) return;
  const messageId = messageIdOf(row.id, ctx.config.inboundEmailDomain);
  const sent: MailMessage = { ...message, subject: oneLine(message.subject), messageId };
  await ctx.transport.send(sent);
  crashPoint('outbox.after-send');
  const headers: Record<string, string> = {};
  if (sent.replyTo) headers['Reply-To'] = sent.replyTo;
  if (sent.inReplyTo) headers['In-Reply-To'] = sent.inReplyTo;
  if (sent.references) headers.References = sent.references;
  if (sent.from) headers.From = `${sent.from.name} <${sent.from.address}>`;
  await insertMailLog(db, {
    id: newId('mail'),
    schoolId: row.school_id,
    outboxId: row.id,
    transport: ctx.transport.name,
    to: sent.to,
    subject: sent.subject,
    text: sent.text,
    createdAt: ctx.clock.now().toISOString(),
    messageId,
    html: sent.html ?? null,
    headers,
    attachments: (sent.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.content.length,
    })),
  });
}

/**
 * The quote PDF of a quote or payment link, rendered from the offer as it stands (its validity):
 * the offer is read here, the PDF is drawn on the render pool's thread.
 */
async function offerPdfOf(
  db: Db,
  schoolId: string,
  requestId: string,
  offerId: string,
): Promise<MailAttachment> {
  const offer = await findOfferOfRequest(db, schoolId, requestId, offerId);
  if (!offer) throw new PermanentMailError(`Offer ${offerId} not found`);
  const snapshot = OfferSnapshotSchema.parse(JSON.parse(offer.snapshot_json));
  const pdf = await quotePdf({ ...snapshot, validUntil: offer.valid_until ?? snapshot.validUntil });
  return { filename: `${offer.number}.pdf`, contentType: 'application/pdf', content: pdf };
}

/**
 * `customer_email` rows (src/app/email/customer-email.ts): rendered at delivery in the customer's
 * language, from the school, with the dossier's signed Reply-To and thread headers, the quote PDF
 * attached to a quote or payment link. The school and the offer are read here; the rendering runs
 * on the render pool (src/integrations/render), off the thread that answers requests.
 */
export function customerEmailHandler(ctx: MailContext): OutboxHandler {
  return async (row, db) => {
    const payload = CustomerEmailPayloadSchema.parse(JSON.parse(row.payload_json));
    const school = await findEmailSchool(db, payload.schoolId);
    if (!school) throw new PermanentMailError(`School ${payload.schoolId} not found`);
    const legal = readSalesSettings(school.settingsJson).legal;
    const rendered = await customerEmail(payload, {
      name: school.name,
      defaultLanguage: school.defaultLanguage,
      signature: legal.address.split(/\r?\n/).map(oneLine),
    });
    const { params } = payload;
    const attachments =
      params.template === 'quote' || params.template === 'payment_link'
        ? [await offerPdfOf(db, payload.schoolId, payload.requestId, params.offerId)]
        : [];
    const thread = threadRootOf(payload.requestId, ctx.config.inboundEmailDomain);
    const file = { schoolId: payload.schoolId, requestId: payload.requestId };
    await sendOnce(ctx, row, db, {
      from: fromOf(ctx.config, school.name),
      to: recipientOf(payload.to),
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      replyTo: replyAddressOf(ctx.replyAddressKey, ctx.config.inboundEmailDomain, file, ctx.clock.now()),
      inReplyTo: thread,
      references: thread,
      attachments,
      isAutomatic: params.template !== 'staff_reply',
    });
  };
}

/** `staff_email` rows: a staff member's notification with the "Accéder au dossier" link. */
export function staffEmailHandler(ctx: MailContext): OutboxHandler {
  return async (row, db) => {
    const payload = StaffEmailPayloadSchema.parse(JSON.parse(row.payload_json));
    const school = await findEmailSchool(db, payload.schoolId);
    if (!school) throw new PermanentMailError(`School ${payload.schoolId} not found`);
    const words = staffEmailWords(payload);
    const link = `${ctx.config.publicUrl}/app/dossiers/${encodeURIComponent(payload.requestId)}`;
    const html = await staffEmailHtml({
      language: payload.language,
      preview: words.title,
      greeting: words.hello,
      paragraphs: [oneLine(words.title)],
      action: { label: words.action, href: link },
      closing: '',
      signature: [oneLine(school.name)],
      footer: words.why,
    });
    await sendOnce(ctx, row, db, {
      from: fromOf(ctx.config, `Schuss — ${school.name}`),
      to: recipientOf(payload.to),
      subject: `${words.title} — ${school.name}`,
      text: [words.hello, '', oneLine(words.title), '', words.action, link, '', words.why].join('\n'),
      html,
      isAutomatic: true,
    });
  };
}

/** A ready-made e-mail (`email` rows written before the customer-email contract): sent as it is. */
export const EmailPayloadSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  replyTo: z.string().optional(),
});

export function plainEmailHandler(ctx: MailContext): OutboxHandler {
  return async (row, db) => {
    const payload = EmailPayloadSchema.parse(JSON.parse(row.payload_json));
    await sendOnce(ctx, row, db, { ...payload, to: recipientOf(payload.to) });
  };
}
