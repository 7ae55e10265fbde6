import { randomBytes } from 'node:crypto';
import { keepFirstAppSetting, putAppSetting } from '../../db/repositories/index.js';
import type { AppDeps } from '../deps.js';
import { deriveSecret, loadAppSecret, PORTAL_LINK_KEY } from '../settings/app-secret.js';
import { transact } from '../tx.js';

export interface RotatedSecret {
  /**
   * When APP_SECRET comes from the environment the command cannot change it: the new value to
   * put there (then restart every process). Null when the secret lives in the database (stored).
   */
  forEnvironment: string | null;
}

/**
 * Replaces the app secret (docs: README "Rotating the app secret"). What it signs changes at the
 * next start of each process: forms displayed and proof-of-work challenges handed out before are
 * refused once (the visitor reloads the form), device cookies no longer lighten the login limits
 * (until the next sign-in). Staff sessions are random tokens stored hashed: they stay open. The
 * customers' private links stay valid: their key is pinned (once, at the first rotation) to the
 * one the links already sent were made with.
 */
export async function rotateAppSecret(deps: AppDeps): Promise<RotatedSecret> {
  const next = randomBytes(32).toString('base64url');
  return transact(deps, async (tx) => {
    const current = await loadAppSecret(tx.trx, deps.config.appSecret);
    await keepFirstAppSetting(tx.trx, PORTAL_LINK_KEY, deriveSecret(current, 'portal-link'));
    if (deps.config.appSecret) return { forEnvironment: next };
    await putAppSetting(tx.trx, 'app_secret', next);
    return { forEnvironment: null };
  });
}
