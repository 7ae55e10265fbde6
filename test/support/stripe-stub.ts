import { createServer, type IncomingMessage, type Server } from 'node:http';
import Stripe from 'stripe';
import type { App } from '../../src/http/types.js';

export const STRIPE_TEST_KEY = 'sk_test_schuss_stub';
export const STRIPE_TEST_WEBHOOK_SECRET = 'whsec_schuss_stub';

/** One call the SDK made to the stub: its path, form fields and idempotency key. */
export interface StubCall {
  path: string;
  idempotencyKey: string | null;
  fields: Record<string, string>;
}

/**
 * A loopback HTTP stub of the few Stripe API endpoints Schuss calls (Checkout Sessions, Refunds),
 * for the real `stripe` SDK pointed at it (host/port/protocol). It replays a response for a
 * repeated idempotency key and, like Stripe, refuses a refund above what remains on a payment.
 */
export class StripeStub {
  readonly calls: StubCall[] = [];
  /** What each PaymentIntent collected (the test says so when it "pays" a session). */
  readonly collected = new Map<string, number>();
  readonly refunded = new Map<string, number>();
  /** Runs before a refund is answered (e.g. a webhook Stripe sends before we record ours). */
  beforeRefundAnswer:
    | ((refund: { id: string; paymentIntent: string; amount: number }) => Promise<void>)
    | null = null;
  readonly #replies = new Map<string, { status: number; body: unknown }>();
  #seq = 0;
  #server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      void this.#answer(request).then(({ status, body }) => {
        response.writeHead(status, {
          'content-type': 'application/json',
          'request-id': `req_${++this.#seq}`,
        });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  callsTo(path: string): StubCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async #answer(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const header = request.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' ? header : null;
    const path = (request.url ?? '').split('?')[0]!;
    this.calls.push({ path, idempotencyKey, fields });
    const replayKey = idempotencyKey && `${path} ${idempotencyKey}`;
    const replay = replayKey ? this.#replies.get(replayKey) : undefined;
    if (replay) return replay;
    const reply = await this.#reply(path, fields);
    if (replayKey) this.#replies.set(replayKey, reply);
    return reply;
  }

  async #reply(path: string, f: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const n = ++this.#seq;
    if (path === '/v1/checkout/sessions') {
      const metadata = {
        schoolId: f['metadata[schoolId]'],
        requestId: f['metadata[requestId]'],
        attemptId: f['metadata[attemptId]'],
      };
      const id = `cs_test_stub_${n}`;
      return {
        status: 200,
        body: {
          id,
          object: 'checkout.session',
          url: `${this.url}/c/pay/${id}`,
          amount_total: Number(f['line_items[0][price_data][unit_amount]']),
          currency: f['line_items[0][price_data][currency]'],
          metadata,
          payment_intent: null,
          payment_status: 'unpaid',
          status: 'open',
        },
      };
    }
    if (path === '/v1/refunds') {
      const paymentIntent = f.payment_intent ?? '';
      const amount = Number(f.amount);
      const collected = this.collected.get(paymentIntent);
      if (collected === undefined) return stripeError(404, `No such payment_intent: '${paymentIntent}'`);
      const refunded = this.refunded.get(paymentIntent) ?? 0;
      if (refunded + amount > collected)
        return stripeError(400, `Refund amount (${amount}) is greater than unrefunded amount on charge`);
      this.refunded.set(paymentIntent, refunded + amount);
      const refund = { id: `re_stub_${n}`, paymentIntent, amount };
      await this.beforeRefundAnswer?.(refund);
      return {
        status: 200,
        body: { id: refund.id, object: 'refund', amount, payment_intent: paymentIntent, status: 'succeeded' },
      };
    }
    return stripeError(404, `Unrecognized request URL (POST: ${path})`);
  }
}

function stripeError(status: number, message: string): { status: number; body: unknown } {
  return { status, body: { error: { type: 'invalid_request_error', message } } };
}

export interface SignedStripeEvent {
  body: string;
  signature: string;
}

/** A Stripe event as its webhook delivers it, signed the SDK's way at `at`. */
export function signedStripeEvent(
  type: string,
  object: Record<string, unknown>,
  at: Date,
  id: string,
): SignedStripeEvent {
  const body = JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-01-01',
    created: Math.floor(at.getTime() / 1000),
    type,
    data: { object },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: STRIPE_TEST_WEBHOOK_SECRET,
    timestamp: Math.floor(at.getTime() / 1000),
  });
  return { body, signature };
}

/** Posts a signed Stripe event to the app's webhook route, as Stripe would. */
export function deliverStripeEvent(app: App, event: SignedStripeEvent) {
  return app.inject({
    method: 'POST',
    url: '/api/webhooks/payments/stripe',
    headers: { 'content-type': 'application/json', 'stripe-signature': event.signature },
    payload: event.body,
  });
}

/** The config that points the Stripe adapter at the stub. */
export function stripeConfigFor(stub: StripeStub) {
  return {
    paymentProvider: 'stripe' as const,
    stripeSecretKey: STRIPE_TEST_KEY,
    stripeWebhookSecret: STRIPE_TEST_WEBHOOK_SECRET,
    stripeApiUrl: stub.url,
  };
}
