import { createHash, timingSafeEqual } from 'node:crypto';

/** sha256 hex: how tokens (sessions, portal links, API keys) are stored. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
