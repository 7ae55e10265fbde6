import { randomBytes } from 'node:crypto';
import { ID_PREFIXES, type IdKind } from '../domain/ids.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `req_3k9x…`: 16 base-36 characters (≈ 82 random bits) behind the kind's prefix. */
export function newId(kind: IdKind): string {
  const bytes = randomBytes(16);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 36];
  return `${ID_PREFIXES[kind]}_${out}`;
}

/** A secret for a URL or a cookie: 256 random bits, base64url. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}
