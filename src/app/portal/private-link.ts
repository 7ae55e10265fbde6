import { createHmac } from 'node:crypto';
import { findPortalNonce, setPortalLink } from '../../db/repositories/index.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { newSecretToken } from '../ids.js';
import type { Tx } from '../tx.js';

/**
 * The customer's private link policy: the token is derived, never stored —
 * base64url(HMAC-SHA256(portal-link key, `${requestId}.${nonce}`)), the full 256-bit MAC, where
 * the key is derived from the app secret and the nonce is random per file. Only sha256(token) is
 * stored (`requests.portal_token_hash`, what `/c/:token` looks up), so a database leak gives no
 * link, yet every e-mail can carry the working link again. Re-issuing draws a new nonce: the old
 * link opens nothing any more. Rotating the app secret keeps links working: the first rotation pins this key (app_settings.portal_link_key).
 */
export function portalTokenOf(key: string, requestId: string, nonce: string): string {
  return createHmac('sha256', key).update(`${requestId}.${nonce}`).digest('base64url');
}

/** A new link for a file: a fresh nonce, its token, and the hash to store. */
export function newPortalLink(
  key: string,
  requestId: string,
): { nonce: string; token: string; tokenHash: string } {
  const nonce = newSecretToken();
  const token = portalTokenOf(key, requestId, nonce);
  return { nonce, token, tokenHash: sha256(token) };
}

export function portalUrl(deps: Pick<AppDeps, 'config'>, token: string): string {
  return `${deps.config.publicUrl}/c/${token}`;
}

/**
 * The private link of a file, for an e-mail written in `tx`. A file opened before links were
 * derived (no nonce) gets one now: its first link (random, its token unknown) is replaced.
 */
export async function privateLinkOf(
  deps: Pick<AppDeps, 'config' | 'portalLinkKey'>,
  tx: Tx,
  request: { schoolId: string; id: string },
): Promise<string> {
  const nonce = await findPortalNonce(tx.trx, request.schoolId, request.id);
  if (nonce !== null) return portalUrl(deps, portalTokenOf(deps.portalLinkKey, request.id, nonce));
  return portalUrl(deps, await reissuePortalLink(deps, tx, request));
}

/** Draws a new nonce for the file and stores its token's hash; answers the new token. */
export async function reissuePortalLink(
  deps: Pick<AppDeps, 'portalLinkKey'>,
  tx: Tx,
  request: { schoolId: string; id: string },
): Promise<string> {
  const link = newPortalLink(deps.portalLinkKey, request.id);
  await setPortalLink(tx.trx, request.schoolId, request.id, link);
  return link.token;
}
