import type { Config } from '../config/env.js';
import { type Db, openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { PgEventBus } from '../db/pg-event-bus.js';
import { purgeCounters } from '../db/repositories/index.js';
import { DevMailTransport, type MailTransport } from '../integrations/mail/mail-transport.js';
import { SmtpMailTransport } from '../integrations/mail/smtp-transport.js';
import { createPaymentProviders } from '../integrations/payments/payment-providers.js';
import { closeRenderPool, sizeRenderPool } from '../integrations/render/render-pool.js';
import { RateLimit } from './auth/rate-limiter.js';
import { type Clock, systemClock } from './clock.js';
import type { AppDeps } from './deps.js';
import { customerEmailHandler, plainEmailHandler, staffEmailHandler } from './email/email-handlers.js';
import { type EventBus, LocalEventBus } from './events.js';
import { createIntakeDeps } from './intake/intake-deps.js';
import { startIntakeHousekeeping } from './intake/intake-housekeeping.js';
import { startOfferReminders } from './offers/offer-reminders.js';
import { DbOutboxDispatcher, type OutboxHandler } from './outbox.js';
import { startBalanceReminders } from './payments/balance-reminders.js';
import {
  queueSandboxEvents,
  SANDBOX_WEBHOOK_KIND,
  sandboxWebhookHandler,
} from './payments/sandbox-checkout.js';
import { PresenceTracker } from './presence.js';
import { deriveSecret, loadAppSecret, loadPortalLinkKey } from './settings/app-secret.js';

const PURGE_EVERY_MS = 5 * 60_000;

export interface ContainerOptions {
  config: Config;
  db?: Db;
  clock?: Clock;
  mail?: MailTransport;
  onOutboxError?: (error: unknown) => void;
}

/** Wires the real dependencies: database (migrated), clock, live events, outbox with its handlers. */
export async function createDeps(
  options: ContainerOptions,
): Promise<AppDeps & { mail: MailTransport; close(): Promise<void> }> {
  const { config } = options;
  const db = options.db ?? openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  await migrateToLatest(db.kysely);
  await db.optimize();
  const clock = options.clock ?? systemClock;
  const mail =
    options.mail ??
    (config.smtpUrl ? new SmtpMailTransport(config.smtpUrl, config.mailFrom) : new DevMailTransport());
  let events: EventBus;
  if (db.pgPool) {
    const bus = new PgEventBus(db.pgPool);
    await bus.start();
    events = bus;
  } else {
    events = new LocalEventBus();
  }
  const presence = new PresenceTracker();
  events.subscribeAll((event) => presence.apply(event, clock.now().getTime()));
  const appSecret = await loadAppSecret(db.kysely, config.appSecret);
  const replyAddressKey = deriveSecret(appSecret, 'reply-address');
  // E-mails and PDFs are rendered on a process-wide pool of threads, started by the first job.
  await sizeRenderPool(config.renderThreads);
  const mailContext = { transport: mail, clock, config, replyAddressKey };
  const handlers: Record<string, OutboxHandler> = {
    email: plainEmailHandler(mailContext),
    customer_email: customerEmailHandler(mailContext),
    staff_email: staffEmailHandler(mailContext),
  };
  const outbox = new DbOutboxDispatcher({
    db,
    clock,
    handlers,
    onError: options.onOutboxError,
  });
  const payments = createPaymentProviders(config, {
    sandboxSecret: deriveSecret(appSecret, 'payments-sandbox'),
    now: () => clock.now(),
  });
  const deps: AppDeps = {
    db,
    clock,
    config,
    events,
    outbox,
    presence,
    limits: {
      loginPerAccount: new RateLimit('login-account', 5, 15 * 60_000),
      loginPerIp: new RateLimit('login-ip', 30, 15 * 60_000),
      loginPerDevice: new RateLimit('login-device', 5, 15 * 60_000),
      deviceSecret: deriveSecret(appSecret, 'login-device'),
    },
    intake: await createIntakeDeps(db.kysely, config),
    portalLinkKey: await loadPortalLinkKey(db.kysely, appSecret),
    payments,
    replyAddressKey,
  };
  // The sandbox's webhook deliveries go through the outbox (they survive restarts, may repeat).
  handlers[SANDBOX_WEBHOOK_KIND] = sandboxWebhookHandler(deps);
  payments.sandbox.deliverEventsWith(queueSandboxEvents(deps));
  // Counters whose window is over are deleted here, off the request path.
  const purge = setInterval(() => {
    // A missed purge only leaves dead rows (they count nothing) until the next one.
    purgeCounters(db.kysely, clock.now().toISOString()).catch(() => undefined);
  }, PURGE_EVERY_MS);
  purge.unref();
  const stopIntakeHousekeeping = startIntakeHousekeeping(deps);
  const stopOfferReminders = startOfferReminders(deps);
  const stopBalanceReminders = startBalanceReminders(deps);
  return {
    ...deps,
    mail,
    async close() {
      clearInterval(purge);
      await stopIntakeHousekeeping();
      await stopOfferReminders();
      await stopBalanceReminders();
      await outbox.stop();
      await closeRenderPool();
      await events.close();
      await mail.close();
      await db.close();
    },
  };
}
