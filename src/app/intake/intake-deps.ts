import type { Config } from '../../config/env.js';
import type { Db } from '../../db/repositories/index.js';
import { RateLimit } from '../auth/rate-limiter.js';
import { deriveSecret, loadAppSecret } from '../settings/app-secret.js';
import type { IntakeSecrets } from './spam-guard.js';

/** The public intake's signing keys and rate limits. */
export interface IntakeDeps {
  secrets: IntakeSecrets;
  /** Counted in the database, per school (see spam-gate.ts). */
  limits: {
    perIp: RateLimit;
    invalidPerIp: RateLimit;
    perEmail: RateLimit;
    keyPerIp: RateLimit;
    challengePerIp: RateLimit;
  };
}

export async function createIntakeDeps(db: Db, config: Config): Promise<IntakeDeps> {
  const appSecret = await loadAppSecret(db, config.appSecret);
  const t = config.intake;
  return {
    secrets: {
      altchaChallenge: deriveSecret(appSecret, 'altcha-challenge'),
      altchaKey: deriveSecret(appSecret, 'altcha-key'),
      formToken: deriveSecret(appSecret, 'form-token'),
    },
    limits: {
      perIp: new RateLimit('intake-ip', t.perIp.max, t.perIp.windowMs),
      invalidPerIp: new RateLimit('intake-invalid-ip', t.invalidPerIp.max, t.invalidPerIp.windowMs),
      perEmail: new RateLimit('intake-email', t.perEmail.max, t.perEmail.windowMs),
      keyPerIp: new RateLimit('intake-key-ip', t.keyPerIp.max, t.keyPerIp.windowMs),
      challengePerIp: new RateLimit('intake-challenge-ip', t.challengePerIp.max, t.challengePerIp.windowMs),
    },
  };
}
