import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { type Cents, cents } from '../../domain/money.js';
import {
  type CheckoutInput,
  type CheckoutSession,
  type PaymentProvider,
  type ProviderEvent,
  type RefundInput,
  WebhookSignatureError,
} from './payment-provider.js';

/** The header the sandbox signs its webhooks in: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SANDBOX_SIGNATURE_HEADER = 'schuss-sandbox-signature';

/** How old a signed delivery may be (seconds): the same window as Stripe's default. */
export const WEBHOOK_TOLERANCE_S = 300;

/** What the payer chose on the sandbox's hosted page (and the refunds it makes). */
export const SANDBOX_EVENT_TYPES = [
  'payment.succeeded',
  'payment.pending',
  'payment.failed',
  'checkout.expired',
  'refund.succeeded',
] as const;

/** A sandbox webhook body, as delivered (and as the outbox keeps it until then). */
export const SandboxEventSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.string().max(100),
  created: z.string(),
  data: z.object({
    sessionId: z.string().nullable(),
    paymentRef: z.string().nullable(),
    refundRef: z.string().nullable().default(null),
    amountCents: z.number().int().nullable(),
    /** A refund event: everything refunded on that payment so far (like Stripe's amount_refunded). */
    refundedTotalCents: z.number().int().nullable().default(null),
    currency: z.string().nullable(),
    metadata: z.object({
      schoolId: z.string().optional(),
      requestId: z.string().optional(),
      attemptId: z.string().optional(),
    }),
  }),
});
export type SandboxEvent = z.infer<typeof SandboxEventSchema>;

/** One refund the sandbox made: its id and amount. */
interface SandboxRefund {
  id: string;
  amountCents: number;
}

/**
 * The built-in provider (default, offline): its checkout page is served by Schuss itself
 * (`/pay/sandbox/:sessionId`), and what the payer chooses there comes back as a signed webhook —
 * the same signature scheme as Stripe's (HMAC over `${timestamp}.${rawBody}`, 300 s tolerance), so
 * the demo and the tests go through the very path a real provider's events take.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  readonly #secret: string;
  readonly #publicUrl: string;
  readonly #now: () => Date;
  /** What the sandbox refunded, per payment, and the refund each idempotency key gave. */
  readonly #refunds = new Map<string, { refundedCents: number; byKey: Map<string, SandboxRefund> }>();
  #deliver: (body: string) => Promise<void> = async () => {};

  constructor(options: { secret: string; publicUrl: string; now: () => Date }) {
    this.#secret = options.secret;
    this.#publicUrl = options.publicUrl;
    this.#now = options.now;
  }

  /** How the sandbox sends its own events (its refunds' webhooks): the app wires the outbox in. */
  deliverEventsWith(deliver: (body: string) => Promise<void>): void {
    this.#deliver = deliver;
  }

  /** The same attempt always gets the same session (the attempt id is the idempotency key). */
  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const providerSessionId = `sbx_cs_${this.#mac(`session.${input.attemptId}`).slice(0, 32)}`;
    return { providerSessionId, url: `${this.#publicUrl}/pay/sandbox/${providerSessionId}` };
  }

  /**
   * The payment the sandbox says it collected for a session. Its amount travels in its id, signed,
   * so that the sandbox knows what it may refund without keeping any state.
   */
  paymentRefOf(providerSessionId: string, amountCents: number): string {
    const session = this.#mac(`payment.${providerSessionId}`).slice(0, 16);
    return `sbx_pi_${amountCents}_${session}_${this.#mac(`collected.${amountCents}.${session}`).slice(0, 16)}`;
  }

  /**
   * Refunds like Stripe: never more than what remains on the payment (refused otherwise), the same
   * idempotency key gives the same refund, and each new refund is announced by a signed
   * `refund.succeeded` webhook (through `deliverEventsWith`). What it refunded is kept in memory:
   * a restart forgets it (the app's own bound still holds).
   */
  async refund(input: RefundInput): Promise<{ providerRefundRef: string }> {
    const collected = this.#collectedOf(input.providerPaymentRef);
    if (collected === null) throw new Error(`sandbox: no such payment ${input.providerPaymentRef}`);
    const ledger = this.#refunds.get(input.providerPaymentRef) ?? { refundedCents: 0, byKey: new Map() };
    this.#refunds.set(input.providerPaymentRef, ledger);
    const known = ledger.byKey.get(input.idempotencyKey);
    if (known) {
      if (known.amountCents !== input.amountCents)
        throw new Error('sandbox: idempotency key reused with another amount');
      return { providerRefundRef: known.id };
    }
    if (input.amountCents <= 0 || ledger.refundedCents + input.amountCents > collected)
      throw new Error('sandbox: refund above what remains on the payment');
    const refund = {
      id: `sbx_re_${this.#mac(`refund.${input.idempotencyKey}`).slice(0, 24)}`,
      amountCents: input.amountCents,
    };
    ledger.refundedCents += input.amountCents;
    ledger.byKey.set(input.idempotencyKey, refund);
    await this.#deliver(
      this.refundEventBody(input.providerPaymentRef, refund.id, refund.amountCents, ledger.refundedCents),
    );
    return { providerRefundRef: refund.id };
  }

  /** The webhook body announcing a refund (what a provider's refund event says). */
  refundEventBody(
    paymentRef: string,
    refundRef: string,
    amountCents: number,
    refundedTotalCents: number,
  ): string {
    return JSON.stringify({
      id: `evt_sbx_${this.#mac(`refund-event.${refundRef}`).slice(0, 24)}`,
      type: 'refund.succeeded',
      created: this.#now().toISOString(),
      data: {
        sessionId: null,
        paymentRef,
        refundRef,
        amountCents,
        refundedTotalCents,
        currency: 'eur',
        metadata: {},
      },
    } satisfies z.input<typeof SandboxEventSchema>);
  }

  /** The amount a sandbox payment id says it collected, or null for an id the sandbox never gave. */
  #collectedOf(paymentRef: string): number | null {
    const match = /^sbx_pi_(\d+)_([0-9a-f]{16})_([0-9a-f]{16})$/.exec(paymentRef);
    if (!match) return null;
    const [, amount, session, mac] = match;
    return this.#mac(`collected.${amount}.${session}`).slice(0, 16) === mac ? Number(amount) : null;
  }

  /** The signature header for a body sent at `at` (what the sandbox's delivery puts on its POST). */
  signatureHeader(rawBody: string, at: Date): string {
    const timestamp = Math.floor(at.getTime() / 1000);
    return `t=${timestamp},v1=${this.#mac(`${timestamp}.${rawBody}`)}`;
  }

  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent {
    const header = headers[SANDBOX_SIGNATURE_HEADER];
    if (typeof header !== 'string')
      throw new WebhookSignatureError(`missing ${SANDBOX_SIGNATURE_HEADER} header`);
    const parts = new Map(
      header.split(',').map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
      }),
    );
    const timestamp = Number(parts.get('t'));
    const signature = parts.get('v1') ?? '';
    if (!Number.isSafeInteger(timestamp) || !/^[0-9a-f]{64}$/.test(signature))
      throw new WebhookSignatureError('malformed signature header');
    const expected = Buffer.from(this.#mac(`${timestamp}.${rawBody.toString('utf8')}`), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
      throw new WebhookSignatureError('signature does not match the body');
    const age = Math.floor(this.#now().getTime() / 1000) - timestamp;
    if (Math.abs(age) > WEBHOOK_TOLERANCE_S)
      throw new WebhookSignatureError(`timestamp outside the ${WEBHOOK_TOLERANCE_S} s tolerance`);
    let parsed: SandboxEvent;
    try {
      parsed = SandboxEventSchema.parse(JSON.parse(rawBody.toString('utf8')));
    } catch {
      throw new WebhookSignatureError('body is not a sandbox event');
    }
    const kind = (SANDBOX_EVENT_TYPES as readonly string[]).includes(parsed.type)
      ? (parsed.type as ProviderEvent['kind'])
      : 'ignored';
    const amount: Cents | null = parsed.data.amountCents === null ? null : cents(parsed.data.amountCents);
    return {
      eventId: parsed.id,
      kind,
      type: parsed.type,
      providerSessionId: parsed.data.sessionId,
      providerPaymentRef: parsed.data.paymentRef,
      providerRefundRef: parsed.data.refundRef,
      amountCents: amount,
      refundedTotalCents:
        parsed.data.refundedTotalCents === null ? null : cents(parsed.data.refundedTotalCents),
      currency: parsed.data.currency,
      metadata: parsed.data.metadata,
      occurredAt: parsed.created,
    };
  }

  #mac(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('hex');
  }
}
