import Stripe from 'stripe';
import { cents } from '../../domain/money.js';
import {
  type CheckoutInput,
  type CheckoutSession,
  type PaymentProvider,
  type ProviderEvent,
  type RefundInput,
  WebhookSignatureError,
} from './payment-provider.js';
import { WEBHOOK_TOLERANCE_S } from './sandbox.provider.js';

/** The locales Stripe Checkout speaks among the customers' languages. */
const CHECKOUT_LOCALES = new Set(['fr', 'en', 'de', 'it', 'es', 'nl']);

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API base (tests: a loopback stub), e.g. `http://127.0.0.1:12111`. */
  apiUrl?: string;
  now: () => Date;
}

/**
 * Stripe Checkout by redirect only (card data never reaches Schuss): a Checkout Session per
 * attempt, created with the attempt id as idempotency key and the binding in its metadata;
 * webhooks verified by the SDK on the raw body; refunds through the Refunds API, idempotent by
 * our refund row id.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly #stripe: Stripe;
  readonly #webhookSecret: string;
  readonly #now: () => Date;

  constructor(options: StripeOptions) {
    const api = options.apiUrl ? new URL(options.apiUrl) : null;
    this.#stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(api && {
        host: api.hostname,
        port: api.port || (api.protocol === 'https:' ? 443 : 80),
        protocol: api.protocol === 'http:' ? 'http' : 'https',
      }),
    });
    this.#webhookSecret = options.webhookSecret;
    this.#now = options.now;
  }

  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const metadata = { schoolId: input.schoolId, requestId: input.requestId, attemptId: input.attemptId };
    const session = await this.#stripe.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: input.attemptId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: input.currency,
              unit_amount: input.amountCents,
              product_data: { name: input.description },
            },
          },
        ],
        ...(input.customerEmail && { customer_email: input.customerEmail }),
        locale: (CHECKOUT_LOCALES.has(input.locale) ? input.locale : 'auto') as 'auto',
        metadata,
        payment_intent_data: { metadata },
        success_url: input.returnUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: input.attemptId },
    );
    if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
    return { providerSessionId: session.id, url: session.url };
  }

  async refund(input: RefundInput): Promise<{ providerRefundRef: string }> {
    const refund = await this.#stripe.refunds.create(
      { payment_intent: input.providerPaymentRef, amount: input.amountCents },
      { idempotencyKey: input.idempotencyKey },
    );
    return { providerRefundRef: refund.id };
  }

  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent {
    const signature = headers['stripe-signature'];
    if (typeof signature !== 'string') throw new WebhookSignatureError('missing stripe-signature header');
    let event: Stripe.Event;
    try {
      event = this.#stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.#webhookSecret,
        WEBHOOK_TOLERANCE_S,
        undefined,
        this.#now().getTime(),
      );
    } catch (error) {
      throw new WebhookSignatureError(error instanceof Error ? error.message : 'signature refused');
    }
    return normalise(event);
  }
}

const NONE = {
  providerSessionId: null,
  providerPaymentRef: null,
  providerRefundRef: null,
  amountCents: null,
  currency: null,
  metadata: {},
} as const;

/** Stripe's events reduced to the few our payments care about; anything else is `ignored`. */
function normalise(event: Stripe.Event): ProviderEvent {
  const base = {
    eventId: event.id,
    type: event.type,
    occurredAt: new Date(event.created * 1000).toISOString(),
  };
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = event.data.object;
      const kind: ProviderEvent['kind'] =
        event.type === 'checkout.session.expired'
          ? 'checkout.expired'
          : event.type === 'checkout.session.async_payment_failed'
            ? 'payment.failed'
            : session.payment_status === 'paid'
              ? 'payment.succeeded'
              : session.payment_status === 'unpaid'
                ? 'payment.pending'
                : 'ignored';
      return {
        ...base,
        ...NONE,
        kind,
        providerSessionId: session.id,
        providerPaymentRef: idOf(session.payment_intent),
        amountCents: session.amount_total === null ? null : cents(session.amount_total),
        currency: session.currency,
        metadata: bindingOf(session.metadata),
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const latest = charge.refunds?.data?.[0];
      return {
        ...base,
        ...NONE,
        kind: 'refund.succeeded',
        providerPaymentRef: idOf(charge.payment_intent) ?? charge.id,
        providerRefundRef: latest?.id ?? null,
        amountCents: latest ? cents(latest.amount) : null,
        refundedTotalCents: cents(charge.amount_refunded),
        currency: charge.currency,
        metadata: bindingOf(charge.metadata),
      };
    }
    default:
      return { ...base, ...NONE, kind: 'ignored' };
  }
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

function bindingOf(metadata: Stripe.Metadata | null | undefined): ProviderEvent['metadata'] {
  return {
    ...(metadata?.schoolId && { schoolId: metadata.schoolId }),
    ...(metadata?.requestId && { requestId: metadata.requestId }),
    ...(metadata?.attemptId && { attemptId: metadata.attemptId }),
  };
}
