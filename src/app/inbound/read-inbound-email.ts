import EmailReplyParser from 'email-reply-parser';
import { type AddressObject, simpleParser } from 'mailparser';
import { AppError } from '../../domain/errors.js';
import { oneLine } from '../email/render-email.js';
import { INBOUND_MESSAGES } from './inbound.messages.js';

/** An inbound e-mail as Schuss reads it: who, to which addresses, the new words only. */
export interface InboundEmail {
  from: { address: string; name: string };
  /** Every address it was delivered to (To, Cc, Delivered-To, X-Original-To), lower case. */
  recipients: string[];
  subject: string;
  /** The new text: HTML turned into text, the quoted history and signature trimmed. */
  body: string;
  messageId: string | null;
  /** An auto-reply, a bounce or bulk mail: it never opens a request nor lands on a file. */
  isAutomatic: boolean;
}

/** A message longer than this (after trimming) is cut: a file's conversation is not an archive. */
export const INBOUND_BODY_MAX = 10_000;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

function addressesOf(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.address ? [a.address] : [])));
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(headerText).join(',');
  if (value && typeof value === 'object' && 'value' in value)
    return String((value as { value: unknown }).value);
  return '';
}

/**
 * RFC 3834 and common practice: Auto-Submitted other than "no", a delivery report
 * (multipart/report), Precedence bulk/junk/list, the usual auto-responder headers, or a
 * mailer-daemon sender.
 */
function isAutomaticMail(headers: Map<string, unknown>, from: string, contentType: string): boolean {
  const autoSubmitted = headerText(headers.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return true;
  if (contentType.startsWith('multipart/report')) return true;
  if (/^(bulk|junk|list|auto_reply)$/.test(headerText(headers.get('precedence')).trim().toLowerCase()))
    return true;
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || headers.has('x-auto-response-suppress'))
    return true;
  return /^(mailer-daemon|postmaster)@/i.test(from);
}

/**
 * Parses a raw RFC 5322 message with mailparser; refuses (VALIDATION) one that is not an e-mail
 * or has no sender. The new words only: email-reply-parser trims the quoted history ("Le … a
 * écrit :", "> …") and signatures; an HTML-only message is read as text.
 */
export async function readInboundEmail(raw: Buffer): Promise<InboundEmail> {
  if (raw.length === 0 || raw.toString('latin1').trim() === '')
    throw new AppError('VALIDATION', INBOUND_MESSAGES.empty);
  const head = raw.subarray(0, 16_384).toString('latin1');
  // A header block ("Name: value" lines) before the first blank line: anything else is not an e-mail.
  if (!/^[!-9;-~]+:/.test(head) || !/\r?\n\r?\n/.test(head))
    throw new AppError('VALIDATION', INBOUND_MESSAGES.malformed);
  const parsed = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  }).catch(() => {
    throw new AppError('VALIDATION', INBOUND_MESSAGES.malformed);
  });
  const sender = parsed.from?.value.find((a) => a.address && ADDRESS.test(a.address));
  if (!sender?.address) throw new AppError('VALIDATION', INBOUND_MESSAGES.noSender);
  const headers = parsed.headers as Map<string, unknown>;
  const recipients = [
    ...addressesOf(parsed.to),
    ...addressesOf(parsed.cc),
    ...headerText(headers.get('delivered-to')).split(','),
    ...headerText(headers.get('x-original-to')).split(','),
  ]
    .map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase())
    .filter((a) => ADDRESS.test(a));
  const contentType = headerText(headers.get('content-type')).toLowerCase();
  const text = (parsed.text ?? '').replace(/\r\n/g, '\n');
  const visible = new EmailReplyParser().parseReply(text).trim();
  const body = (visible || text.trim()).slice(0, INBOUND_BODY_MAX);
  return {
    from: { address: sender.address.trim(), name: oneLine(sender.name ?? '') },
    recipients: [...new Set(recipients)],
    subject: oneLine(parsed.subject ?? ''),
    body,
    messageId: parsed.messageId ?? null,
    isAutomatic: isAutomaticMail(headers, sender.address, contentType),
  };
}
