import { hash, timingSafeEqual } from 'node:crypto';

/**
 * sha256 hex: how tokens (sessions, portal links, API keys) are stored. The one-shot `hash` skips
 * the Hash object that `createHash` builds — this runs on every staff request (session lookup).
 */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
