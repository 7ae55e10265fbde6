import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { Client } from '../support/http.js';
import { pay, paymentsApp, quotedFile, sandboxOf } from '../support/payments-fixtures.js';

/** What a staff e-mail row of the outbox says: to whom, about which event and file. */
interface StaffEmailRow {
  to: string;
  event: string;
  requestId: string;
  fileNumber: string;
  customerName: string;
  language: string;
}

describeEachDatabase('staff e-mail notifications: the preference, payments', (ctx) => {
  let app: App;
  let school: Awaited<ReturnType<typeof makeSchool>>;
  let other: Awaited<ReturnType<typeof makeSchool>>;
  let marie: Client;
  let admin: Client;
  const db = () => ctx().deps.db.kysely;

  async function staffEmailsOf(requestId: string): Promise<StaffEmailRow[]> {
    const rows = await db()
      .selectFrom('outbox')
      .select('payload_json')
      .where('kind', '=', 'staff_email')
      .orderBy('id')
      .execute();
    return rows
      .map((r) => JSON.parse(String(r.payload_json)) as StaffEmailRow)
      .filter((p) => p.requestId === requestId);
  }

  beforeAll(async () => {
    ({ app, school, marie } = await paymentsApp(ctx()));
    other = await makeSchool(ctx().deps);
    admin = new Client(app);
    await admin.login(school.admin.email);
  });
  afterAll(() => app.close());

  it('keeps each staff member’s own choice, known events only', async () => {
    expect((await marie.get('/api/me/email-notifications')).json()).toEqual({ events: [] });
    const set = await marie.request('PUT', '/api/me/email-notifications', {
      events: ['payment', 'request.created', 'payment'],
    });
    expect(set.statusCode, set.body).toBe(200);
    // Stored once each, in the screen's order.
    expect(set.json()).toEqual({ events: ['request.created', 'payment'] });
    expect((await marie.get('/api/me/email-notifications')).json()).toEqual({
      events: ['request.created', 'payment'],
    });
    // A colleague's choice is theirs: the admin still has none.
    expect((await admin.get('/api/me/email-notifications')).json()).toEqual({ events: [] });
    const unknown = await marie.request('PUT', '/api/me/email-notifications', {
      events: ['payment', 'everything'],
    });
    expect(unknown.statusCode).toBe(400);
    expect((await marie.get('/api/me/email-notifications')).json().events).toEqual([
      'request.created',
      'payment',
    ]);
  });

  it('a manual payment e-mails the colleagues who chose payments, not the one who recorded it', async () => {
    await marie.request('PUT', '/api/me/email-notifications', { events: ['payment'] });
    await admin.request('PUT', '/api/me/email-notifications', { events: ['payment'] });
    const otherAdmin = new Client(app);
    await otherAdmin.login(other.admin.email);
    await otherAdmin.request('PUT', '/api/me/email-notifications', { events: ['payment'] });
    const file = await quotedFile(ctx(), marie, school);
    const { version, number } = await db()
      .selectFrom('requests')
      .select(['version', 'number'])
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(await staffEmailsOf(file.id)).toEqual([]);
    const paid = await marie.post(`/api/requests/${file.id}/payments`, {
      version,
      amount: '50',
      receivedOn: '2026-12-02',
      payerName: 'Anaïs Payeur',
      payerAddress: '',
      method: 'cash',
      reference: '',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(await staffEmailsOf(file.id)).toEqual([
      expect.objectContaining({
        to: school.admin.email,
        event: 'payment',
        fileNumber: number,
        customerName: 'Anaïs Payeur',
        language: 'fr',
      }),
    ]);
  });

  it('an online payment e-mails every staff member who chose payments — once, even if the webhook repeats', async () => {
    await marie.request('PUT', '/api/me/email-notifications', { events: ['payment'] });
    await admin.request('PUT', '/api/me/email-notifications', { events: ['request.created'] });
    const file = await quotedFile(ctx(), marie, school);
    await pay(app, file.token, 'deposit');
    const attempt = await db()
      .selectFrom('payment_attempts')
      .selectAll()
      .where('request_id', '=', file.id)
      .executeTakeFirstOrThrow();
    const sandbox = sandboxOf(ctx());
    const body = JSON.stringify({
      id: `evt_staff_email_${ctx().dialect}`,
      type: 'payment.succeeded',
      created: ctx().clock.now().toISOString(),
      data: {
        sessionId: attempt.provider_session_id,
        paymentRef: sandbox.paymentRefOf(attempt.provider_session_id!, Number(attempt.amount_cents)),
        refundRef: null,
        amountCents: Number(attempt.amount_cents),
        currency: 'eur',
        metadata: { schoolId: school.id, requestId: file.id, attemptId: attempt.id },
      },
    });
    const deliver = () =>
      app.inject({
        method: 'POST',
        url: '/api/webhooks/payments/sandbox',
        headers: {
          'content-type': 'application/json',
          'schuss-sandbox-signature': sandbox.signatureHeader(body, ctx().clock.now()),
        },
        payload: body,
      });
    expect((await deliver()).statusCode).toBe(200);
    expect((await deliver()).statusCode).toBe(200);
    expect(await staffEmailsOf(file.id)).toEqual([
      expect.objectContaining({ to: school.secretary.email, event: 'payment', customerName: 'Anaïs Payeur' }),
    ]);
  });
});
