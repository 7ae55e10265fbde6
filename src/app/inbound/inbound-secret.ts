import { hash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import { INBOUND_MESSAGES } from './inbound.messages.js';

/**
 * The mail relay proves itself with INBOUND_EMAIL_SECRET in the `x-inbound-secret` header,
 * compared in constant time (both sides hashed first: not even the length leaks). No secret
 * configured: the endpoint is closed.
 */
export function requireInboundSecret(configured: string | undefined, given: string | undefined): void {
  if (!configured) throw new AppError('FORBIDDEN', INBOUND_MESSAGES.notConfigured);
  const a = hash('sha256', configured, 'buffer');
  const b = hash('sha256', given ?? '', 'buffer');
  if (!timingSafeEqual(a, b) || given === undefined)
    throw new AppError('UNAUTHENTICATED', INBOUND_MESSAGES.badSecret);
}
