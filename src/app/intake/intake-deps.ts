import type { Kysely } from 'kysely';
import type { Config } from '../../config/env.js';
import type { Database } from '../../db/schema.js';
import { FailureLimiter } from '../auth/rate-limiter.js';
import { deriveSecret, loadAppSecret } from '../settings/app-secret.js';
import type { IntakeSecrets } from './spam-guard.js';

/** What the public intake keeps beside the database: its signing keys and its rate counters. */
export interface IntakeDeps {
  secrets: IntakeSecrets;
  /**
   * Fixed-window counters per process (like the login limits): with several processes each
   * counts its own share.
   */
  limits: {
    perIp: FailureLimiter;
    perEmail: FailureLimiter;
    keyPerIp: FailureLimiter;
    challengePerIp: FailureLimiter;
  };
  /** When expired challenges and fingerprints were last swept (clock ms). */
  lastSweepMs: number;
}

export async function createIntakeDeps(db: Kysely<Database>, config: Config): Promise<IntakeDeps> {
  const appSecret = await loadAppSecret(db, config.appSecret);
  const t = config.intake;
  return {
    secrets: {
      altchaChallenge: deriveSecret(appSecret, 'altcha-challenge'),
      altchaKey: deriveSecret(appSecret, 'altcha-key'),
      formToken: deriveSecret(appSecret, 'form-token'),
    },
    limits: {
      perIp: new FailureLimiter(t.perIp.max, t.perIp.windowMs),
      perEmail: new FailureLimiter(t.perEmail.max, t.perEmail.windowMs),
      keyPerIp: new FailureLimiter(t.keyPerIp.max, t.keyPerIp.windowMs),
      challengePerIp: new FailureLimiter(t.challengePerIp.max, t.challengePerIp.windowMs),
    },
    lastSweepMs: 0,
  };
}
