import { afterAll, beforeAll, expect, it } from 'vitest';
import { changeRequest } from '../../src/app/requests/change-request.js';
import { transact } from '../../src/app/tx.js';
import { insertPayment } from '../../src/db/repositories/index.js';
import { cents } from '../../src/domain/money.js';
import type { App } from '../../src/http/types.js';
import type { SandboxProvider } from '../../src/integrations/payments/sandbox.provider.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase, TEST_ORIGIN, type TestContext } from '../support/harness.js';
import { Client } from '../support/http.js';
import {
  freePort,
  pay,
  paymentsApp,
  paymentsOf,
  quotedFile,
  requestRow,
  sandboxOf,
  setSales,
} from '../support/payments-fixtures.js';
import {
  deliverStripeEvent,
  type SignedStripeEvent,
  StripeStub,
  signedStripeEvent,
  stripeConfigFor,
} from '../support/stripe-stub.js';

const port = await freePort();
const stub = new StripeStub();
await stub.start();
afterAll(() => stub.stop());

type School = Awaited<ReturnType<typeof makeSchool>>;

/** The customer accepts on the sandbox's hosted page; its webhook is delivered (outbox, loopback HTTP). */
async function paidOnSandbox(ctx: TestContext, app: App, token: string, purpose: string): Promise<void> {
  const location = await pay(app, token, purpose);
  const chosen = await app.inject({
    method: 'POST',
    url: new URL(location).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'choice=accepted',
  });
  expect(chosen.statusCode).toBe(303);
  await ctx.deps.outbox.drain();
}

/** The newest refund in a PaymentsViewSchema answer (the refund route's). */
function refundIdIn(view: { payments: { id: string; kind: string }[] }): string | undefined {
  return view.payments.filter((p) => p.kind === 'refund').at(-1)?.id;
}

async function refundsOf(ctx: TestContext, requestId: string) {
  return (await paymentsOf(ctx, requestId)).filter((p) => p.kind === 'refund');
}

/** The customer e-mails of a file with this template, as the outbox holds them. */
async function emailsOf(ctx: TestContext, requestId: string, template: string) {
  const rows = await ctx.deps.db.kysely
    .selectFrom('outbox')
    .select('payload_json')
    .where('kind', '=', 'customer_email')
    .execute();
  return rows
    .map((r) => JSON.parse(r.payload_json) as { requestId: string; params: Record<string, unknown> })
    .filter((p) => p.requestId === requestId && p.params.template === template);
}

function outcomesOf(ctx: TestContext, type: string) {
  return ctx.deps.db.kysely
    .selectFrom('payment_events')
    .select(['outcome', 'request_id'])
    .where('type', '=', type)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

describeEachDatabase(
  'refunds ("Rembourser"): bounded, racing, recognised when their webhook comes, status moving back',
  (ctx) => {
    let app: App;
    let school: School;
    let marie: Client;
    let sandbox: SandboxProvider;

    beforeAll(async () => {
      ({ app, school, marie } = await paymentsApp(ctx(), port));
      sandbox = sandboxOf(ctx());
    });
    afterAll(() => app.close());

    /** A file whose €126 deposit was paid online (sandbox): the file and that payment. */
    async function depositPaid(client = marie, of = school) {
      const file = await quotedFile(ctx(), client, of);
      await paidOnSandbox(ctx(), app, file.token, 'deposit');
      const [payment] = await paymentsOf(ctx(), file.id);
      expect(payment).toMatchObject({ kind: 'online', provider: 'sandbox' });
      expect(Number(payment!.amount_cents)).toBe(12_600);
      return { file, payment: payment! };
    }

    async function refund(requestId: string, paymentId: string, amount: string, client = marie) {
      const { version } = await requestRow(ctx(), requestId);
      return client.post(`/api/requests/${requestId}/payments/${paymentId}/refunds`, {
        version: Number(version),
        amount,
        reason: 'Cours annulé',
      });
    }

    it('never refunds more than the payment less its refunds; bad amounts are refused on `amount`, nothing written', async () => {
      const { file, payment } = await depositPaid();
      for (const amount of ['12,345', '1e3', '-1', '0', 'NaN', '126,01']) {
        const refused = await refund(file.id, payment.id, amount);
        expect(refused.statusCode, amount).toBe(400);
        expect(Object.keys(refused.json().error.fields), amount).toEqual(['amount']);
      }
      expect(await refundsOf(ctx(), file.id)).toHaveLength(0);
      expect(await emailsOf(ctx(), file.id, 'refund')).toHaveLength(0);
      expect(
        await ctx()
          .deps.db.kysely.selectFrom('outbox')
          .select('id')
          .where('kind', '=', 'sandbox_webhook')
          .where('delivered_at', 'is', null)
          .execute(),
      ).toHaveLength(0);

      expect((await refund(file.id, payment.id, '100')).statusCode).toBe(201);
      const above = await refund(file.id, payment.id, '26,01');
      expect(above.statusCode).toBe(400);
      expect(above.json().error.fields.amount).toMatch(/26,00/);
      expect((await refund(file.id, payment.id, '26')).statusCode).toBe(201);
      const nothing = await refund(file.id, payment.id, '1');
      expect(nothing.statusCode).toBe(400);
      expect(Object.keys(nothing.json().error.fields)).toEqual(['amount']);
      const refunds = await refundsOf(ctx(), file.id);
      expect(refunds.map((r) => Number(r.amount_cents))).toEqual([-10_000, -2_600]);
      expect(refunds.every((r) => r.refund_of_payment_id === payment.id && r.method === 'online')).toBe(true);
      expect(Number((await requestRow(ctx(), file.id)).paid_cents)).toBe(0);
      // A refund cannot itself be refunded.
      expect((await refund(file.id, refunds[0]!.id, '1')).statusCode).toBe(409);
    });

    it('lets two refunds racing on one payment (Promise.all over HTTP) never add up to more than it', async () => {
      const { file, payment } = await depositPaid();
      const { version } = await requestRow(ctx(), file.id);
      const post = () =>
        fetch(`http://127.0.0.1:${port}/api/requests/${file.id}/payments/${payment.id}/refunds`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: TEST_ORIGIN,
            cookie: `schuss_session=${marie.cookie}`,
          },
          body: JSON.stringify({ version: Number(version), amount: '100' }),
        }).then((r) => r.status);
      const statuses = await Promise.all([post(), post()]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 201)[0]).toBeGreaterThanOrEqual(400);
      expect((await refundsOf(ctx(), file.id)).map((r) => Number(r.amount_cents))).toEqual([-10_000]);
      // The same race with each one's own fresh look at the file: still bounded by the payment.
      const again = await Promise.all([refund(file.id, payment.id, '20'), refund(file.id, payment.id, '20')]);
      const sum = (await refundsOf(ctx(), file.id)).reduce((s, r) => s - Number(r.amount_cents), 0);
      expect(sum).toBeLessThanOrEqual(12_600);
      expect(again.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
      expect(sum).toBe(10_000 + 2_000 * again.filter((r) => r.statusCode === 201).length);
    });

    it('makes the sandbox enforce the limit like Stripe: a refund it refuses is a 502, nothing kept', async () => {
      const { file, payment } = await depositPaid();
      // A refund from the provider's dashboard whose webhook has not arrived yet.
      await sandbox.refund({
        providerPaymentRef: payment.provider_ref!,
        amountCents: cents(10_000),
        idempotencyKey: `dash_${file.id}`,
      });
      await expect(
        sandbox.refund({
          providerPaymentRef: payment.provider_ref!,
          amountCents: cents(2_601),
          idempotencyKey: `dash2_${file.id}`,
        }),
      ).rejects.toThrow(/above what remains/);
      const before = await requestRow(ctx(), file.id);
      const refused = await refund(file.id, payment.id, '50');
      expect(refused.statusCode).toBe(502);
      expect(await refundsOf(ctx(), file.id)).toHaveLength(0);
      const after = await requestRow(ctx(), file.id);
      expect([after.status, Number(after.paid_cents)]).toEqual([before.status, 12_600]);
      // Then the dashboard refund's webhook: recorded once.
      await ctx().deps.outbox.drain();
      expect((await refundsOf(ctx(), file.id)).map((r) => Number(r.amount_cents))).toEqual([-10_000]);
    });

    it('counts an online refund once when its own webhook comes later (and again)', async () => {
      const { file, payment } = await depositPaid();
      const answer = await refund(file.id, payment.id, '50');
      expect(answer.statusCode, answer.body).toBe(201);
      const [recorded] = await refundsOf(ctx(), file.id);
      // The route answers the Paiement onglet (PaymentsViewSchema), the refund in its list.
      expect(recorded).toMatchObject({ id: refundIdIn(answer.json()), provider: 'sandbox' });
      expect(answer.json()).toMatchObject({ requestId: file.id, paidCents: 7_600, remainingCents: 34_400 });
      expect(recorded!.provider_ref).toMatch(/^sbx_re_/);
      // The sandbox's refund webhook waits in the outbox, like a provider's delivery.
      const waiting = await ctx()
        .deps.db.kysely.selectFrom('outbox')
        .select('payload_json')
        .where('kind', '=', 'sandbox_webhook')
        .where('delivered_at', 'is', null)
        .execute();
      expect(waiting).toHaveLength(1);
      await ctx().deps.outbox.drain();
      const outcomes = (await outcomesOf(ctx(), 'refund.succeeded')).filter((o) => o.request_id === file.id);
      expect(outcomes.map((o) => o.outcome)).toEqual(['ignored']);
      // Its webhook replayed: a duplicate.
      const { body } = JSON.parse(waiting[0]!.payload_json) as { body: string };
      const replay = await app.inject({
        method: 'POST',
        url: '/api/webhooks/payments/sandbox',
        headers: {
          'content-type': 'application/json',
          'schuss-sandbox-signature': sandbox.signatureHeader(body, ctx().clock.now()),
        },
        payload: body,
      });
      expect(replay.json().outcome).toBe('duplicate');
      expect((await refundsOf(ctx(), file.id)).map((r) => Number(r.amount_cents))).toEqual([-5_000]);
      expect(Number((await requestRow(ctx(), file.id)).paid_cents)).toBe(7_600);
      expect(await emailsOf(ctx(), file.id, 'refund')).toHaveLength(1);
    });

    it('records a refund made from the provider’s dashboard (webhook only) once: journaled, e-mailed', async () => {
      const { file, payment } = await depositPaid();
      const { providerRefundRef } = await sandbox.refund({
        providerPaymentRef: payment.provider_ref!,
        amountCents: cents(3_000),
        idempotencyKey: `dashboard_${file.id}`,
      });
      // The same call again (a retry at the provider): the same refund, no second webhook.
      await sandbox.refund({
        providerPaymentRef: payment.provider_ref!,
        amountCents: cents(3_000),
        idempotencyKey: `dashboard_${file.id}`,
      });
      await ctx().deps.outbox.drain();
      const refunds = await refundsOf(ctx(), file.id);
      expect(refunds.map((r) => [Number(r.amount_cents), r.provider_ref])).toEqual([
        [-3_000, providerRefundRef],
      ]);
      expect(await emailsOf(ctx(), file.id, 'refund')).toEqual([
        expect.objectContaining({
          params: expect.objectContaining({ template: 'refund', paymentId: payment.id, amountCents: 3_000 }),
        }),
      ]);
      const journal = await ctx()
        .deps.db.kysely.selectFrom('activity')
        .select(['action', 'actor_kind'])
        .where('request_id', '=', file.id)
        .where('action', '=', 'payment.refunded')
        .execute();
      expect(journal).toEqual([{ action: 'payment.refunded', actor_kind: 'system' }]);
    });

    it('moves the status back (Paiement soldé → Acompte versé), e-mails the customer the `refund`', async () => {
      const { file } = await depositPaid();
      await paidOnSandbox(ctx(), app, file.token, 'balance');
      expect((await requestRow(ctx(), file.id)).status).toBe('paid');
      const balance = (await paymentsOf(ctx(), file.id)).find((p) => Number(p.amount_cents) === 29_400)!;
      expect((await refund(file.id, balance.id, '10')).statusCode).toBe(201);
      const after = await requestRow(ctx(), file.id);
      expect([after.status, Number(after.paid_cents)]).toEqual(['deposit_paid', 41_000]);
      expect(await emailsOf(ctx(), file.id, 'refund')).toEqual([
        expect.objectContaining({
          to: file.email,
          params: expect.objectContaining({ template: 'refund', paymentId: balance.id, amountCents: 1_000 }),
        }),
      ]);
    });

    it('records a manual payment’s refund at once, with its method, no provider asked', async () => {
      const file = await quotedFile(ctx(), marie, school);
      await transact(ctx().deps, (tx) =>
        changeRequest(
          tx,
          {
            schoolId: school.id,
            requestId: file.id,
            actor: { kind: 'system', schoolId: school.id, name: 'test' },
          },
          async (change) => {
            await insertPayment(tx.trx, {
              id: `pay_cash_${ctx().dialect}`,
              schoolId: school.id,
              requestId: file.id,
              kind: 'manual',
              method: 'cash',
              amountCents: cents(5_000),
              provider: null,
              providerRef: null,
              payerName: null,
              payerAddress: null,
              reference: null,
              voucherCount: null,
              note: null,
              refundOfPaymentId: null,
              attemptId: null,
              isFlagged: false,
              receivedAt: tx.now,
              recordedByUserId: null,
              createdAt: tx.now,
            });
            change.factsChanged();
          },
        ),
      );
      expect((await refund(file.id, `pay_cash_${ctx().dialect}`, '50,01')).statusCode).toBe(400);
      expect((await refund(file.id, `pay_cash_${ctx().dialect}`, '20')).statusCode).toBe(201);
      const refunds = await refundsOf(ctx(), file.id);
      expect(refunds.map((r) => [r.method, Number(r.amount_cents), r.provider])).toEqual([
        ['cash', -2_000, null],
      ]);
      expect(Number((await requestRow(ctx(), file.id)).paid_cents)).toBe(3_000);
      expect(await emailsOf(ctx(), file.id, 'refund')).toHaveLength(1);
    });

    it('answers 404 for another school’s request or payment, and for a payment of another file', async () => {
      const mine = await depositPaid();
      const other = await makeSchool(ctx().deps);
      await setSales(ctx(), other.id);
      const paul = new Client(app, '203.0.113.8');
      await paul.login(other.secretary.email);
      const theirs = await depositPaid(paul, other);
      expect((await refund(mine.file.id, mine.payment.id, '1', paul)).statusCode).toBe(404);
      expect((await refund(mine.file.id, theirs.payment.id, '1')).statusCode).toBe(404);
      expect((await refund(theirs.file.id, theirs.payment.id, '1')).statusCode).toBe(404);
      const sibling = await depositPaid();
      expect((await refund(mine.file.id, sibling.payment.id, '1')).statusCode).toBe(404);
      expect(await refundsOf(ctx(), mine.file.id)).toHaveLength(0);
      expect(await refundsOf(ctx(), theirs.file.id)).toHaveLength(0);
    });
  },
  { config: { sandboxWebhookUrl: `http://127.0.0.1:${port}` } },
);

describeEachDatabase(
  'refunds through Stripe (loopback stub): charge.refunded before our record is committed, counted once',
  (ctx) => {
    let app: App;
    let school: School;
    let marie: Client;

    beforeAll(async () => {
      ({ app, school, marie } = await paymentsApp(ctx()));
    });
    afterAll(() => app.close());

    const deliver = (event: SignedStripeEvent) => deliverStripeEvent(app, event);

    it('ignores a charge.refunded that names no refund id and comes while the refund is asked, records ours once', async () => {
      const file = await quotedFile(ctx(), marie, school);
      await pay(app, file.token, 'deposit');
      const attempt = await ctx()
        .deps.db.kysely.selectFrom('payment_attempts')
        .selectAll()
        .where('request_id', '=', file.id)
        .executeTakeFirstOrThrow();
      const pi = `pi_stub_${ctx().dialect}_refund`;
      stub.collected.set(pi, 12_600);
      const completed = signedStripeEvent(
        'checkout.session.completed',
        {
          id: attempt.provider_session_id,
          object: 'checkout.session',
          payment_status: 'paid',
          payment_intent: pi,
          amount_total: 12_600,
          currency: 'eur',
          metadata: { schoolId: school.id, requestId: file.id, attemptId: attempt.id },
        },
        ctx().clock.now(),
        `evt_completed_${ctx().dialect}`,
      );
      expect((await deliver(completed)).json().outcome).toBe('applied');
      const [payment] = await paymentsOf(ctx(), file.id);
      expect(payment).toMatchObject({ provider: 'stripe', provider_ref: pi });

      const early: string[] = [];
      stub.beforeRefundAnswer = async (refund) => {
        // Stripe's event, sent before it answers us: no refund id (charge.refunds not expanded).
        const event = signedStripeEvent(
          'charge.refunded',
          {
            id: `ch_${ctx().dialect}`,
            object: 'charge',
            payment_intent: refund.paymentIntent,
            amount_refunded: refund.amount,
            currency: 'eur',
            metadata: {},
          },
          ctx().clock.now(),
          `evt_refunded_early_${ctx().dialect}`,
        );
        early.push((await deliver(event)).json().outcome);
      };
      const { version } = await requestRow(ctx(), file.id);
      const answer = await marie.post(`/api/requests/${file.id}/payments/${payment!.id}/refunds`, {
        version: Number(version),
        amount: '40',
      });
      stub.beforeRefundAnswer = null;
      expect(answer.statusCode, answer.body).toBe(201);
      expect(early).toEqual(['ignored']);
      const call = stub.callsTo('/v1/refunds').at(-1)!;
      expect(call.idempotencyKey).toBe(refundIdIn(answer.json()));
      expect(call.fields).toMatchObject({ payment_intent: pi, amount: '4000' });
      const refunds = await refundsOf(ctx(), file.id);
      expect(refunds.map((r) => [Number(r.amount_cents), r.provider_ref])).toEqual([
        [-4_000, expect.stringMatching(/^re_stub_/)],
      ]);
      // The same total told again later: still counted once.
      const later = signedStripeEvent(
        'charge.refunded',
        {
          id: `ch_${ctx().dialect}`,
          object: 'charge',
          payment_intent: pi,
          amount_refunded: 4_000,
          currency: 'eur',
          metadata: {},
        },
        ctx().clock.now(),
        `evt_refunded_later_${ctx().dialect}`,
      );
      expect((await deliver(later)).json().outcome).toBe('ignored');
      expect(await refundsOf(ctx(), file.id)).toHaveLength(1);
      expect(Number((await requestRow(ctx(), file.id)).paid_cents)).toBe(8_600);
      // A refund Stripe refuses (above what it holds) is a 502 and leaves nothing.
      stub.refunded.set(pi, 12_600);
      const refused = await marie.post(`/api/requests/${file.id}/payments/${payment!.id}/refunds`, {
        version: Number((await requestRow(ctx(), file.id)).version),
        amount: '10',
      });
      expect(refused.statusCode).toBe(502);
      expect(await refundsOf(ctx(), file.id)).toHaveLength(1);
      expect(Number((await requestRow(ctx(), file.id)).paid_cents)).toBe(8_600);
    });
  },
  { config: stripeConfigFor(stub) },
);
