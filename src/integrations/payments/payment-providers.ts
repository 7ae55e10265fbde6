import type { Config } from '../../config/env.js';
import type { PaymentProvider, PaymentProviders } from './payment-provider.js';
import { SandboxProvider } from './sandbox.provider.js';
import { StripeProvider } from './stripe.provider.js';

/**
 * The providers of this installation: the sandbox always (its hosted page and webhooks), Stripe
 * when its keys are configured; `active` is the one new checkouts use (PAYMENT_PROVIDER).
 */
export function createPaymentProviders(
  config: Config,
  options: { sandboxSecret: string; now: () => Date },
): PaymentProviders & { sandbox: SandboxProvider } {
  const sandbox = new SandboxProvider({
    secret: options.sandboxSecret,
    publicUrl: config.publicUrl,
    now: options.now,
  });
  const byName = new Map<string, PaymentProvider>([['sandbox', sandbox]]);
  if (config.stripeSecretKey && config.stripeWebhookSecret)
    byName.set(
      'stripe',
      new StripeProvider({
        secretKey: config.stripeSecretKey,
        webhookSecret: config.stripeWebhookSecret,
        apiUrl: config.stripeApiUrl,
        now: options.now,
      }),
    );
  const active = byName.get(config.paymentProvider);
  if (!active)
    throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to be set');
  return { active, sandbox, get: (name) => byName.get(name) };
}
