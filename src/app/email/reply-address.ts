import { createHmac } from 'node:crypto';
import { safeEqual } from '../crypto.js';

/**
 * The signed reply address of a dossier — the ONLY way an inbound e-mail lands on a file.
 *
 * `reply+<requestId>.<expiry>.<mac>@<inbound domain>`, where expiry is the last valid day as a
 * count of days since 1970 (base 36) and mac = the first 96 bits, hex, of
 * HMAC-SHA256(key, `${schoolId}.${requestId}.${expiry}`), key = deriveSecret(appSecret,
 * 'reply-address'). Everything is lowercase (some mail servers fold the local part) and the local
 * part stays under 64 characters. The school is not in the address: the request's own school is
 * read from the database and the MAC must match it, so a token made for another school's file,
 * an edited request id or expiry, or a made-up token are all refused. Valid for REPLY_TOKEN_DAYS
 * after the e-mail was sent. Nothing is stored: rotating the app secret voids every address.
 */
export const REPLY_TOKEN_DAYS = 180;
const DAY_MS = 86_400_000;

function macOf(key: string, schoolId: string, requestId: string, expiry: string): string {
  return createHmac('sha256', key).update(`${schoolId}.${requestId}.${expiry}`).digest('hex').slice(0, 24);
}

export function replyTokenOf(key: string, file: { schoolId: string; requestId: string }, now: Date): string {
  const expiry = Math.floor(now.getTime() / DAY_MS + REPLY_TOKEN_DAYS).toString(36);
  return `${file.requestId}.${expiry}.${macOf(key, file.schoolId, file.requestId, expiry)}`;
}

export function replyAddressOf(
  key: string,
  domain: string,
  file: { schoolId: string; requestId: string },
  now: Date,
): string {
  return `reply+${replyTokenOf(key, file, now)}@${domain}`;
}

export interface ReplyToken {
  requestId: string;
  expiry: string;
  mac: string;
}

/** The token of a `reply+<token>@domain` address at our domain, or null (shape only, not trusted). */
export function readReplyAddress(address: string, domain: string): ReplyToken | null {
  const match = /^reply\+([a-z0-9_]{1,40})\.([0-9a-z]{1,8})\.([0-9a-f]{24})@(.+)$/.exec(
    address.trim().toLowerCase(),
  );
  if (!match || match[4] !== domain) return null;
  return { requestId: match[1]!, expiry: match[2]!, mac: match[3]! };
}

/** Checks a token against the school its request belongs to, in constant time. */
export function checkReplyToken(
  key: string,
  schoolId: string,
  token: ReplyToken,
  now: Date,
): 'valid' | 'forged' | 'expired' {
  if (!safeEqual(macOf(key, schoolId, token.requestId, token.expiry), token.mac)) return 'forged';
  const lastDay = Number.parseInt(token.expiry, 36);
  return Math.floor(now.getTime() / DAY_MS) > lastDay ? 'expired' : 'valid';
}

/**
 * Threading: every e-mail of a dossier refers to the dossier's thread root, so mail clients group
 * the conversation; each outbox row has its own stable Message-ID (a retry sends the same one).
 */
export function threadRootOf(requestId: string, domain: string): string {
  return `<file.${requestId}@${domain}>`;
}

export function messageIdOf(outboxId: string, domain: string): string {
  return `<${outboxId}@${domain}>`;
}
