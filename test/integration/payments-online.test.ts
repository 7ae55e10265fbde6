import Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertPaymentAttempt } from '../../src/db/repositories/index.js';
import { cents } from '../../src/domain/money.js';
import type { App } from '../../src/http/types.js';
import type { SandboxProvider } from '../../src/integrations/payments/sandbox.provider.js';
import type { makeSchool } from '../support/factories.js';
import { describeEachDatabase, TEST_ORIGIN } from '../support/harness.js';
import type { Client } from '../support/http.js';
import {
  freePort,
  type pay as PayFn,
  pay,
  paymentsApp,
  paymentsOf,
  quotedFile,
  requestRow,
  sandboxOf,
} from '../support/payments-fixtures.js';
import {
  deliverStripeEvent,
  type SignedStripeEvent,
  STRIPE_TEST_WEBHOOK_SECRET,
  StripeStub,
  signedStripeEvent,
  stripeConfigFor,
} from '../support/stripe-stub.js';

const port = await freePort();
let eventSeq = 0;
const stub = new StripeStub();
await stub.start();
afterAll(() => stub.stop());

describeEachDatabase(
  'online payments: sandbox checkout, signed webhooks applied once, binding, order',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let marie: Client;
    let sandbox: SandboxProvider;

    beforeAll(async () => {
      ({ app, school, marie } = await paymentsApp(ctx(), port));
      sandbox = sandboxOf(ctx());
    });
    afterAll(() => app.close());

    const db = () => ctx().deps.db.kysely;

    async function attemptOf(id: string) {
      return db().selectFrom('payment_attempts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    }

    /** A sandbox event for an attempt (what the hosted page would send), as its raw body. */
    function eventBody(
      attempt: {
        id: string;
        school_id: string;
        request_id: string;
        amount_cents: number;
        provider_session_id: string | null;
      },
      type: string,
      overrides: { amountCents?: number; metadata?: Record<string, string>; id?: string } = {},
    ): string {
      return JSON.stringify({
        id: overrides.id ?? `evt_test_${++eventSeq}_${ctx().dialect}`,
        type,
        created: ctx().clock.now().toISOString(),
        data: {
          sessionId: attempt.provider_session_id,
          paymentRef: attempt.provider_session_id
            ? sandbox.paymentRefOf(attempt.provider_session_id, Number(attempt.amount_cents))
            : null,
          refundRef: null,
          amountCents: overrides.amountCents ?? Number(attempt.amount_cents),
          currency: 'eur',
          metadata: overrides.metadata ?? {
            schoolId: attempt.school_id,
            requestId: attempt.request_id,
            attemptId: attempt.id,
          },
        },
      });
    }

    function deliver(body: string, options: { signedAt?: Date; signature?: string } = {}) {
      return app.inject({
        method: 'POST',
        url: '/api/webhooks/payments/sandbox',
        headers: {
          'content-type': 'application/json',
          'schuss-sandbox-signature':
            options.signature ?? sandbox.signatureHeader(body, options.signedAt ?? ctx().clock.now()),
        },
        payload: body,
      });
    }

    /** An open €10 sandbox attempt on a file, written as the checkout would. */
    async function openTestAttempt(requestId: string, id: string, sessionId: string) {
      await insertPaymentAttempt(db(), {
        id,
        schoolId: school.id,
        requestId,
        offerId: null,
        provider: 'sandbox',
        amountCents: cents(1_000),
        currency: 'eur',
        purpose: 'amount',
        state: 'open',
        providerSessionId: sessionId,
        checkoutUrl: null,
        createdAt: ctx().clock.now().toISOString(),
        updatedAt: ctx().clock.now().toISOString(),
      });
      return attemptOf(id);
    }

    /** A file whose customer clicked "Payer" for the deposit: its open attempt. */
    async function openAttempt(purpose: Parameters<typeof PayFn>[2] = 'deposit') {
      const file = await quotedFile(ctx(), marie, school);
      const location = await pay(app, file.token, purpose);
      const attempt = await db()
        .selectFrom('payment_attempts')
        .selectAll()
        .where('request_id', '=', file.id)
        .executeTakeFirstOrThrow();
      return { file, location, attempt };
    }

    it('runs the sandbox end to end over HTTP: Payer, the hosted page, accepted, the signed webhook, "Acompte versé"', async () => {
      const file = await quotedFile(ctx(), marie, school);
      const location = await pay(app, file.token, 'deposit');
      expect(location).toMatch(new RegExp(`^${TEST_ORIGIN}/pay/sandbox/sbx_cs_[0-9a-f]{32}$`));
      const path = new URL(location).pathname;
      const page = await app.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('paiement accepté');
      expect(page.body).toContain('paiement refusé');
      expect(page.body).toContain('paiement en attente');
      expect(page.body).toContain('126,00');
      const chosen = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'choice=accepted',
      });
      expect(chosen.statusCode).toBe(303);
      const attempt = await db()
        .selectFrom('payment_attempts')
        .selectAll()
        .where('request_id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect(chosen.headers.location).toBe(`${TEST_ORIGIN}/c/${file.token}?paiement=${attempt.id}`);
      // Nothing is paid until the webhook arrives (through the outbox, over loopback HTTP).
      expect((await requestRow(ctx(), file.id)).paid_cents).toBe(0);
      await ctx().deps.outbox.drain();
      const after = await requestRow(ctx(), file.id);
      expect(after.status).toBe('deposit_paid');
      expect(Number(after.paid_cents)).toBe(12_600);
      expect((await attemptOf(attempt.id)).state).toBe('succeeded');
      const receipts = (
        await db().selectFrom('outbox').select('payload_json').where('kind', '=', 'customer_email').execute()
      )
        .map(
          (r) =>
            JSON.parse(r.payload_json) as {
              requestId: string;
              params: { template: string; amountCents: number; remainingCents: number };
            },
        )
        .filter((p) => p.requestId === file.id && p.params.template === 'payment_receipt');
      expect(receipts).toHaveLength(1);
      expect(receipts[0]!.params).toMatchObject({ amountCents: 12_600, remainingCents: 29_400 });
      // Then the balance: "Paiement soldé".
      const balance = new URL(await pay(app, file.token, 'balance')).pathname;
      await app.inject({
        method: 'POST',
        url: balance,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'choice=pending',
      });
      await ctx().deps.outbox.drain();
      expect((await requestRow(ctx(), file.id)).status).toBe('deposit_paid');
      const pendingPage = await app.inject({ method: 'GET', url: balance });
      expect(pendingPage.body).toContain('accepter le paiement en attente');
      await app.inject({
        method: 'POST',
        url: balance,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'choice=accept_pending',
      });
      await ctx().deps.outbox.drain();
      const paid = await requestRow(ctx(), file.id);
      expect(paid.status).toBe('paid');
      expect(Number(paid.paid_cents)).toBe(42_000);
    });

    it('gives one checkout for a double click on "Payer"', async () => {
      const file = await quotedFile(ctx(), marie, school);
      const [a, b] = await Promise.all([pay(app, file.token, 'deposit'), pay(app, file.token, 'deposit')]);
      expect(a).toBe(b);
      expect(await pay(app, file.token, 'deposit')).toBe(a);
      const attempts = await db()
        .selectFrom('payment_attempts')
        .select('id')
        .where('request_id', '=', file.id)
        .execute();
      expect(attempts).toHaveLength(1);
    });

    it('accepts only what payOptionsOf offers: another purpose or an unknown link gets no checkout', async () => {
      const file = await quotedFile(ctx(), marie, school);
      const refused = await app.inject({
        method: 'POST',
        url: `/c/${file.token}/pay`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'purpose=everything',
      });
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toBe(`/c/${file.token}`);
      const unknown = await app.inject({
        method: 'POST',
        url: `/c/${'x'.repeat(43)}/pay`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'purpose=deposit',
      });
      expect(unknown.statusCode).toBe(404);
      const attempts = await db()
        .selectFrom('payment_attempts')
        .select('id')
        .where('request_id', '=', file.id)
        .execute();
      expect(attempts).toHaveLength(0);
    });

    it('refuses forged and stale webhooks with a reason and writes nothing; a replay is applied once', async () => {
      const { file, attempt } = await openAttempt();
      const fresh = await attemptOf(attempt.id);
      const body = eventBody(fresh, 'payment.succeeded');
      const before = await db().selectFrom('payment_events').select('id').execute();

      const forged = await deliver(body, {
        signature: `t=${Math.floor(ctx().clock.now().getTime() / 1000)},v1=${'0'.repeat(64)}`,
      });
      expect(forged.statusCode).toBe(400);
      expect(forged.json().error.message).toMatch(/signature/);
      const tampered = await deliver(body.replace('"amountCents":12600', '"amountCents":100'), {
        signature: sandbox.signatureHeader(body, ctx().clock.now()),
      });
      expect(tampered.statusCode).toBe(400);
      const unsigned = await app.inject({
        method: 'POST',
        url: '/api/webhooks/payments/sandbox',
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      expect(unsigned.statusCode).toBe(400);
      const stale = await deliver(body, { signedAt: new Date(ctx().clock.now().getTime() - 301_000) });
      expect(stale.statusCode).toBe(400);
      expect(stale.json().error.message).toMatch(/tolerance/);
      expect(await db().selectFrom('payment_events').select('id').execute()).toHaveLength(before.length);
      expect(await paymentsOf(ctx(), file.id)).toHaveLength(0);

      const first = await deliver(body);
      expect(first.json()).toEqual({ received: true, outcome: 'applied' });
      const replay = await deliver(body);
      expect(replay.statusCode).toBe(200);
      expect(replay.json().outcome).toBe('duplicate');
      expect(await paymentsOf(ctx(), file.id)).toHaveLength(1);
    });

    it('applies ten parallel deliveries of one event as one payment (over HTTP)', async () => {
      const { file, attempt } = await openAttempt();
      const body = eventBody(await attemptOf(attempt.id), 'payment.succeeded');
      const header = sandbox.signatureHeader(body, ctx().clock.now());
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`http://127.0.0.1:${port}/api/webhooks/payments/sandbox`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'schuss-sandbox-signature': header },
            body,
          }).then(async (r) => ({
            status: r.status,
            outcome: ((await r.json()) as { outcome: string }).outcome,
          })),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers.filter((a) => a.outcome === 'applied')).toHaveLength(1);
      expect(answers.filter((a) => a.outcome === 'duplicate')).toHaveLength(9);
      expect(await paymentsOf(ctx(), file.id)).toHaveLength(1);
      expect(Number((await requestRow(ctx(), file.id)).paid_cents)).toBe(12_600);
    });

    it('ends the same whatever order pending, succeeded, failed and expired arrive in', async () => {
      const file = await quotedFile(ctx(), marie, school);
      const kinds = ['payment.pending', 'payment.succeeded', 'payment.failed', 'checkout.expired'];
      const orders = permutations(kinds);
      expect(orders).toHaveLength(24);
      let i = 0;
      for (const order of orders) {
        const id = `pat_order_${++i}_${ctx().dialect}`;
        const attempt = await openTestAttempt(file.id, id, `sbx_cs_order_${i}_${ctx().dialect}`);
        for (const kind of order) expect((await deliver(eventBody(attempt, kind))).statusCode).toBe(200);
        expect((await attemptOf(id)).state, order.join(' → ')).toBe('succeeded');
        const paid = await db()
          .selectFrom('payments')
          .select('amount_cents')
          .where('attempt_id', '=', id)
          .execute();
        expect(
          paid.map((p) => Number(p.amount_cents)),
          order.join(' → '),
        ).toEqual([1_000]);
      }
      // Without a success, the order of the others does not matter either: failed stays failed.
      const id = `pat_order_nopay_${ctx().dialect}`;
      const attempt = await openTestAttempt(file.id, id, `sbx_cs_nopay_${ctx().dialect}`);
      for (const kind of ['payment.failed', 'payment.pending', 'checkout.expired'])
        await deliver(eventBody(attempt, kind));
      expect((await attemptOf(id)).state).toBe('failed');
    });

    it('never lets a signed event for one file pay another: mismatched binding in both directions, and amount', async () => {
      const a = await openAttempt();
      const b = await openAttempt();
      const attemptA = await attemptOf(a.attempt.id);
      const attemptB = await attemptOf(b.attempt.id);
      // A's session, but the metadata names file B.
      const one = await deliver(
        eventBody(attemptA, 'payment.succeeded', {
          metadata: { schoolId: school.id, requestId: b.file.id, attemptId: attemptA.id },
        }),
      );
      expect(one.json().outcome).toBe('anomaly');
      // B's session, with A's binding in the metadata.
      const two = await deliver(
        eventBody(attemptB, 'payment.succeeded', {
          metadata: { schoolId: school.id, requestId: a.file.id, attemptId: attemptA.id },
        }),
      );
      expect(two.json().outcome).toBe('anomaly');
      // A correctly bound €1 for A's €126 attempt.
      const euro = await deliver(eventBody(attemptA, 'payment.succeeded', { amountCents: 100 }));
      expect(euro.json().outcome).toBe('anomaly');
      expect(await paymentsOf(ctx(), a.file.id)).toHaveLength(0);
      expect(await paymentsOf(ctx(), b.file.id)).toHaveLength(0);
      const anomalies = await db()
        .selectFrom('payment_anomalies')
        .select(['request_id', 'reason', 'amount_cents'])
        .where('request_id', 'in', [a.file.id, b.file.id])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      expect(anomalies.map((x) => [x.request_id, x.reason])).toEqual([
        [a.file.id, 'binding_mismatch'],
        [b.file.id, 'binding_mismatch'],
        [a.file.id, 'amount_mismatch'],
      ]);
      expect((await attemptOf(attemptA.id)).state).toBe('open');
      expect((await attemptOf(attemptB.id)).state).toBe('open');
    });

    it('records a payment that arrives for an archived file, flagged, with an anomaly — never a 5xx', async () => {
      const { file, attempt } = await openAttempt();
      await db()
        .updateTable('requests')
        .set({ archived_at: ctx().clock.now().toISOString() })
        .where('id', '=', file.id)
        .execute();
      const answer = await deliver(eventBody(await attemptOf(attempt.id), 'payment.succeeded'));
      expect(answer.statusCode).toBe(200);
      expect(answer.json().outcome).toBe('applied');
      const payments = await paymentsOf(ctx(), file.id);
      expect(payments).toHaveLength(1);
      expect(Number(payments[0]!.is_flagged)).toBe(1);
      const anomalies = await db()
        .selectFrom('payment_anomalies')
        .select('reason')
        .where('request_id', '=', file.id)
        .execute();
      expect(anomalies.map((x) => x.reason)).toEqual(['archived_file']);
    });

    it('survives a restart between the payer’s choice and the delivery: the webhook waits in the outbox', async () => {
      const { file, location } = await openAttempt();
      const path = new URL(location).pathname;
      await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'choice=accepted',
      });
      const waiting = await db()
        .selectFrom('outbox')
        .select(['id', 'payload_json'])
        .where('kind', '=', 'sandbox_webhook')
        .where('delivered_at', 'is', null)
        .execute();
      expect(waiting).toHaveLength(1);
      // A duplicated delivery of the same event (the outbox row copied) is applied once.
      await db()
        .insertInto('outbox')
        .values({
          id: `obx_dup_${ctx().dialect}`,
          school_id: school.id,
          kind: 'sandbox_webhook',
          payload_json: waiting[0]!.payload_json,
          created_at: ctx().clock.now().toISOString(),
          available_at: ctx().clock.now().toISOString(),
          attempts: 0,
          delivered_at: null,
          last_error: null,
        })
        .execute();
      // Delayed by four minutes: still within the tolerance, since the sandbox signs at delivery.
      ctx().clock.advance(4 * 60_000);
      await ctx().deps.outbox.drain();
      expect(await paymentsOf(ctx(), file.id)).toHaveLength(1);
      const rows = await db()
        .selectFrom('outbox')
        .select('delivered_at')
        .where('kind', '=', 'sandbox_webhook')
        .where('delivered_at', 'is', null)
        .execute();
      expect(rows).toHaveLength(0);
    });
  },
  { config: { sandboxWebhookUrl: `http://127.0.0.1:${port}` } },
);

describeEachDatabase(
  'online payments through the Stripe adapter, against a loopback stub of the Stripe API',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let marie: Client;
    const db = () => ctx().deps.db.kysely;

    beforeAll(async () => {
      ({ app, school, marie } = await paymentsApp(ctx()));
    });
    afterAll(() => app.close());

    const deliver = (event: SignedStripeEvent) => deliverStripeEvent(app, event);

    /** "Payer" on a fresh file: the Checkout Session the stub made, and our attempt. */
    async function checkout(purpose = 'deposit') {
      const file = await quotedFile(ctx(), marie, school);
      const location = await pay(app, file.token, purpose);
      const attempt = await db()
        .selectFrom('payment_attempts')
        .selectAll()
        .where('request_id', '=', file.id)
        .executeTakeFirstOrThrow();
      return { file, location, attempt };
    }

    let seq = 0;
    function sessionEvent(
      type: string,
      attempt: { id: string; school_id: string; request_id: string; provider_session_id: string | null },
      session: { payment_status: string; amount_total?: number; payment_intent?: string | null },
    ) {
      return signedStripeEvent(
        type,
        {
          id: attempt.provider_session_id,
          object: 'checkout.session',
          payment_intent: `pi_${attempt.id}`,
          amount_total: 12_600,
          currency: 'eur',
          metadata: { schoolId: attempt.school_id, requestId: attempt.request_id, attemptId: attempt.id },
          ...session,
        },
        ctx().clock.now(),
        `evt_stripe_${++seq}_${ctx().dialect}`,
      );
    }

    it('creates the Checkout Session with our attempt id as idempotency key, the binding, amount and currency; redirects to it', async () => {
      const { file, location, attempt } = await checkout();
      expect(attempt).toMatchObject({ provider: 'stripe', state: 'open' });
      expect(attempt.provider_session_id).toMatch(/^cs_test_stub_/);
      expect(location).toBe(`${stub.url}/c/pay/${attempt.provider_session_id}`);
      const call = stub
        .callsTo('/v1/checkout/sessions')
        .find((c) => c.fields['metadata[attemptId]'] === attempt.id)!;
      expect(call.idempotencyKey).toBe(attempt.id);
      expect(call.fields).toMatchObject({
        mode: 'payment',
        'metadata[schoolId]': school.id,
        'metadata[requestId]': file.id,
        'metadata[attemptId]': attempt.id,
        'payment_intent_data[metadata][attemptId]': attempt.id,
        'line_items[0][price_data][unit_amount]': '12600',
        'line_items[0][price_data][currency]': 'eur',
        success_url: `${TEST_ORIGIN}/c/${file.token}?paiement=${attempt.id}`,
      });
      // A double click: the same open attempt, no second session.
      const calls = stub.callsTo('/v1/checkout/sessions').length;
      expect(await pay(app, file.token, 'deposit')).toBe(location);
      expect(stub.callsTo('/v1/checkout/sessions')).toHaveLength(calls);
    });

    it('applies checkout.session.completed (paid) like the sandbox’s success: one payment, "Acompte versé", a receipt', async () => {
      const { file, attempt } = await checkout();
      const event = sessionEvent('checkout.session.completed', attempt, { payment_status: 'paid' });
      expect((await deliver(event)).json()).toEqual({ received: true, outcome: 'applied' });
      expect((await deliver(event)).json().outcome).toBe('duplicate');
      const payments = await paymentsOf(ctx(), file.id);
      expect(payments.map((p) => [p.provider, p.provider_ref, Number(p.amount_cents)])).toEqual([
        ['stripe', `pi_${attempt.id}`, 12_600],
      ]);
      expect((await requestRow(ctx(), file.id)).status).toBe('deposit_paid');
      const receipts = await db()
        .selectFrom('outbox')
        .select('payload_json')
        .where('kind', '=', 'customer_email')
        .execute();
      expect(
        receipts.filter(
          (r) => r.payload_json.includes(file.id) && r.payload_json.includes('payment_receipt'),
        ),
      ).toHaveLength(1);
    });

    it('waits on an unpaid completion, then applies async_payment_succeeded; async_payment_failed and expired pay nothing', async () => {
      const late = await checkout();
      const unpaid = await deliver(
        sessionEvent('checkout.session.completed', late.attempt, { payment_status: 'unpaid' }),
      );
      expect(unpaid.json().outcome).toBe('applied');
      expect(
        (
          await db()
            .selectFrom('payment_attempts')
            .select('state')
            .where('id', '=', late.attempt.id)
            .executeTakeFirstOrThrow()
        ).state,
      ).toBe('pending');
      expect(await paymentsOf(ctx(), late.file.id)).toHaveLength(0);
      await deliver(
        sessionEvent('checkout.session.async_payment_succeeded', late.attempt, { payment_status: 'paid' }),
      );
      expect((await paymentsOf(ctx(), late.file.id)).map((p) => Number(p.amount_cents))).toEqual([12_600]);

      const failed = await checkout();
      await deliver(sessionEvent('checkout.session.completed', failed.attempt, { payment_status: 'unpaid' }));
      await deliver(
        sessionEvent('checkout.session.async_payment_failed', failed.attempt, { payment_status: 'unpaid' }),
      );
      const expired = await checkout();
      await deliver(
        sessionEvent('checkout.session.expired', expired.attempt, {
          payment_status: 'unpaid',
          payment_intent: null,
        }),
      );
      const states = await db()
        .selectFrom('payment_attempts')
        .select(['id', 'state'])
        .where('id', 'in', [failed.attempt.id, expired.attempt.id])
        .execute();
      expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
        [failed.attempt.id]: 'failed',
        [expired.attempt.id]: 'expired',
      });
      expect(await paymentsOf(ctx(), failed.file.id)).toHaveLength(0);
      expect(await paymentsOf(ctx(), expired.file.id)).toHaveLength(0);
      // A correctly signed completion for another amount: an anomaly, never paid.
      const other = await checkout();
      const wrong = await deliver(
        sessionEvent('checkout.session.completed', other.attempt, {
          payment_status: 'paid',
          amount_total: 100,
        }),
      );
      expect(wrong.json().outcome).toBe('anomaly');
      expect(await paymentsOf(ctx(), other.file.id)).toHaveLength(0);
    });

    it('records a charge.refunded made from the Stripe dashboard once', async () => {
      const { file, attempt } = await checkout();
      await deliver(sessionEvent('checkout.session.completed', attempt, { payment_status: 'paid' }));
      const refunded = (id: string, total: number) =>
        signedStripeEvent(
          'charge.refunded',
          {
            id: `ch_${attempt.id}`,
            object: 'charge',
            payment_intent: `pi_${attempt.id}`,
            amount_refunded: total,
            currency: 'eur',
            metadata: {},
            refunds: {
              object: 'list',
              data: [{ id: `re_dash_${attempt.id}`, object: 'refund', amount: total }],
            },
          },
          ctx().clock.now(),
          id,
        );
      expect((await deliver(refunded(`evt_dash_${attempt.id}`, 2_600))).json().outcome).toBe('applied');
      // Told again under another event id (Stripe's retry of a new event): the refund is known.
      expect((await deliver(refunded(`evt_dash2_${attempt.id}`, 2_600))).json().outcome).toBe('ignored');
      const refunds = (await paymentsOf(ctx(), file.id)).filter((p) => p.kind === 'refund');
      expect(refunds.map((r) => [Number(r.amount_cents), r.provider_ref])).toEqual([
        [-2_600, `re_dash_${attempt.id}`],
      ]);
      expect(Number((await requestRow(ctx(), file.id)).paid_cents)).toBe(10_000);
    });

    it('refuses a bad Stripe signature, another secret or a stale one with a 400, writing nothing', async () => {
      const { file, attempt } = await checkout();
      const event = sessionEvent('checkout.session.completed', attempt, { payment_status: 'paid' });
      const before = (await db().selectFrom('payment_events').select('id').execute()).length;
      const t = Math.floor(ctx().clock.now().getTime() / 1000);
      const forged = await deliver({ body: event.body, signature: `t=${t},v1=${'0'.repeat(64)}` });
      expect(forged.statusCode).toBe(400);
      expect(forged.json().error.message).toMatch(/signature/i);
      const otherSecret = Stripe.webhooks.generateTestHeaderString({
        payload: event.body,
        secret: `${STRIPE_TEST_WEBHOOK_SECRET}_x`,
        timestamp: t,
      });
      expect((await deliver({ body: event.body, signature: otherSecret })).statusCode).toBe(400);
      const stale = Stripe.webhooks.generateTestHeaderString({
        payload: event.body,
        secret: STRIPE_TEST_WEBHOOK_SECRET,
        timestamp: t - 301,
      });
      const staleAnswer = await deliver({ body: event.body, signature: stale });
      expect(staleAnswer.statusCode).toBe(400);
      expect(staleAnswer.json().error.message).toMatch(/tolerance/i);
      const missing = await app.inject({
        method: 'POST',
        url: '/api/webhooks/payments/stripe',
        headers: { 'content-type': 'application/json' },
        payload: event.body,
      });
      expect(missing.statusCode).toBe(400);
      expect((await db().selectFrom('payment_events').select('id').execute()).length).toBe(before);
      expect(await paymentsOf(ctx(), file.id)).toHaveLength(0);
    });
  },
  { config: stripeConfigFor(stub) },
);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
