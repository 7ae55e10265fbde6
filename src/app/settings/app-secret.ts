import { createHmac, randomBytes } from 'node:crypto';
import { type Db, keepFirstAppSetting } from '../../db/repositories/index.js';

const KEY = 'app_secret';

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
