import type { Cents } from '../../domain/money.js';

/**
 * One interface for every payment provider: the built-in sandbox (default, offline) and Stripe.
 * The app's payment use cases (src/app/payments) call only this; both adapters go through the
 * same code paths (attempt written first, checkout by redirect, signed webhooks, refunds).
 */
export type ProviderName = 'sandbox' | 'stripe';

/** What we ask the provider to collect: the binding travels in the metadata and comes back in events. */
export interface CheckoutInput {
  /** Our payment_attempts.id: the provider's idempotency key and the metadata binding. */
  attemptId: string;
  schoolId: string;
  requestId: string;
  amountCents: Cents;
  currency: 'eur';
  /** Shown on the provider's page, e.g. "École de ski — dossier 2026-0042 — acompte". */
  description: string;
  customerEmail: string | null;
  /** The customer's language for the provider's page (fr, en, de, it, es, nl). */
  locale: string;
  /** Where the provider sends the payer back (our portal's return page). */
  returnUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  /** The provider's id of the checkout (Stripe: cs_…; sandbox: its own). */
  providerSessionId: string;
  /** Where to redirect the payer (303). */
  url: string;
}

/** A webhook event, verified and normalised. Unknown event types are `kind: 'ignored'`. */
export interface ProviderEvent {
  /** The provider's event id: the dedup key (applied once). */
  eventId: string;
  kind:
    | 'payment.succeeded'
    | 'payment.pending'
    | 'payment.failed'
    | 'checkout.expired'
    | 'refund.succeeded'
    | 'ignored';
  /** The provider's raw type, e.g. "checkout.session.completed". */
  type: string;
  providerSessionId: string | null;
  /** The provider's payment id (Stripe: the PaymentIntent id) — payments.provider_ref. */
  providerPaymentRef: string | null;
  /** A refund event: the provider's refund id. */
  providerRefundRef: string | null;
  amountCents: Cents | null;
  /**
   * A refund event: everything refunded on that payment so far, when the provider says it
   * (Stripe's charge.amount_refunded) — how a refund is recognised when the event names no refund id.
   */
  refundedTotalCents?: Cents | null;
  currency: string | null;
  /** Our binding, as sent in the checkout's metadata (never trusted alone: checked against the attempt). */
  metadata: { schoolId?: string; requestId?: string; attemptId?: string };
  /** When the provider says the event happened (ISO). */
  occurredAt: string;
}

export interface RefundInput {
  providerPaymentRef: string;
  amountCents: Cents;
  /** Our refund payment row id: the provider's idempotency key. */
  idempotencyKey: string;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  createCheckout(input: CheckoutInput): Promise<CheckoutSession>;
  /**
   * Verifies the signature over the raw body (with its timestamp, 300 s tolerance) and returns
   * the event; throws `WebhookSignatureError` when the signature, the timestamp or the body is wrong.
   */
  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent;
  /** Refunds (part of) a payment through the provider; resolves with the provider's refund id. */
  refund(input: RefundInput): Promise<{ providerRefundRef: string }>;
}

export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}

/** The providers this installation can use, by name (the sandbox is always there). */
export interface PaymentProviders {
  /** The provider new checkouts use (config: PAYMENT_PROVIDER, default sandbox). */
  readonly active: PaymentProvider;
  get(name: string): PaymentProvider | undefined;
}
