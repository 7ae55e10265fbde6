import { createHmac, randomBytes } from 'node:crypto';
import { type Db, findAppSetting, keepFirstAppSetting } from '../../db/repositories/index.js';

const KEY = 'app_secret';
/** Set at the first `schuss keys rotate`: the private-link key the links already sent were made with. */
export const PORTAL_LINK_KEY = 'portal_link_key';

/**
 * The instance secret: APP_SECRET when configured, otherwise the one generated at first start
 * and kept in `app_settings`. Insert-if-absent then read, so concurrent first starts of several
 * processes agree on one value.
 */
export async function loadAppSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return keepFirstAppSetting(db, KEY, randomBytes(32).toString('base64url'));
}

/** One independent key per purpose: a leaked form-token key says nothing about the others. */
export function deriveSecret(appSecret: string, purpose: string): string {
  return createHmac('sha256', appSecret).update(`schuss:${purpose}`).digest('base64url');
}

/**
 * The key of the customers' private links (src/app/portal/private-link.ts): derived from the app
 * secret, unless a key rotation pinned it (`schuss keys rotate`), so that every link already sent
 * keeps opening and every new e-mail carries the same link again.
 */
export async function loadPortalLinkKey(db: Db, appSecret: string): Promise<string> {
  return (await findAppSetting(db, PORTAL_LINK_KEY)) ?? deriveSecret(appSecret, 'portal-link');
}
