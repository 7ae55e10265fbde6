import { randomBytes } from 'node:crypto';
import { ID_PREFIXES, type IdKind } from '../domain/ids.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

let lastMs = 0;
let counter = 0;

/**
 * `msg_0mi1x2k3p04a7f…`: 9 characters of time, 2 of a per-millisecond counter, then 10 random
 * base-36 characters (≈ 52 bits). Ids of one process sort in creation order, which orders
 * messages written in the same millisecond.
 */
export function newId(kind: IdKind): string {
  const now = Date.now();
  if (now === lastMs) counter = (counter + 1) % 1296;
  else {
    lastMs = now;
    counter = 0;
  }
  const bytes = randomBytes(10);
  let random = '';
  for (const byte of bytes) random += ALPHABET[byte % 36];
  return `${ID_PREFIXES[kind]}_${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(2, '0')}${random}`;
}

/** A secret for a URL or a cookie: 256 random bits, base64url. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}
