import type { Config } from '../config/env.js';
import type { Db } from '../db/connection.js';
import type { PaymentProviders } from '../integrations/payments/payment-provider.js';
import type { RateLimit } from './auth/rate-limiter.js';
import type { Clock } from './clock.js';
import type { EventBus } from './events.js';
import type { IntakeDeps } from './intake/intake-deps.js';
import type { OutboxDispatcher } from './outbox.js';
import type { PresenceTracker } from './presence.js';

/** Everything a use case may touch, passed in explicitly (tests build their own). */
export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  events: EventBus;
  outbox: OutboxDispatcher;
  presence: PresenceTracker;
  /** Failed-login limits, counted in the database (see login.ts for how they combine). */
  limits: {
    loginPerAccount: RateLimit;
    loginPerIp: RateLimit;
    /** Failures from a browser that already signed in to the account (its device cookie). */
    loginPerDevice: RateLimit;
    /** Signs device cookies. */
    deviceSecret: string;
  };
  /** Public forms: signing keys and rate counters. */
  intake: IntakeDeps;
  /** Derives the customers' private links (src/app/portal/private-link.ts). */
  portalLinkKey: string;
  /** Payment providers: the sandbox (always) and Stripe (when configured); `active` takes new checkouts. */
  payments: PaymentProviders;
  /** Signs the dossiers' reply addresses (src/app/email/reply-address.ts). */
  replyAddressKey: string;
}
