import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepBalanceReminders } from '../../src/app/payments/balance-reminders.js';
import { readTypedAmount } from '../../src/app/payments/manual-payment.js';
import { payOptionsOf } from '../../src/domain/pay-options.js';
import type { App } from '../../src/http/types.js';
import type { PaymentsView } from '../../src/shared/contracts/payments.js';
import { insertProduct, insertSession } from '../support/catalogue-fixtures.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

const START = '2026-12-02T09:00:00.000Z';
let seq = 0;

describeEachDatabase(
  'the Paiement onglet: manual payments, the toggle, the deposit rule, balance reminders',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let other: Awaited<ReturnType<typeof makeSchool>>;
    let marie: Client;
    let otherMarie: Client;
    let sessionId: string;

    beforeAll(async () => {
      ctx().clock.set(START);
      app = await appFor(ctx());
      school = await makeSchool(ctx().deps);
      other = await makeSchool(ctx().deps);
      marie = new Client(app);
      otherMarie = new Client(app);
      await ctx()
        .deps.db.kysely.updateTable('schools')
        .set({
          settings_json: JSON.stringify({
            sales: {
              defaultDepositBp: 3000,
              balanceDaysBeforeFirstLesson: 10,
              balanceReminderDaysBefore: 3,
              isBalanceOverdueReminder: true,
            },
          }),
        })
        .where('id', '=', school.id)
        .execute();
      const productId = await insertProduct(ctx().deps.db.kysely, school.id, { priceCents: 18_000 });
      sessionId = await insertSession(ctx().deps.db.kysely, school.id, productId, {
        startsOn: '2027-01-20',
        endsOn: '2027-01-24',
      });
    });
    afterAll(() => app.close());

    async function login() {
      await marie.login(school.secretary.email);
      await otherMarie.login(other.secretary.email);
    }

    /** A file of 360 € on a session starting on 20 January 2027, its quote sent (En attente de paiement). */
    async function quotedFile(options: { isQuoted?: boolean } = {}) {
      await login();
      const n = ++seq;
      const email = `pay-${n}-${ctx().dialect}@example.fr`;
      const created = await marie.post('/api/requests', {
        customer: { email, firstName: 'Anaïs', lastName: 'Rélle', language: 'fr' },
        message: 'Deux enfants en cours collectif',
      });
      expect(created.statusCode, created.body).toBe(201);
      const file = created.json() as { id: string; version: number };
      await ctx()
        .deps.db.kysely.insertInto('lines')
        .values({
          id: `lin_pay_${n}_${ctx().dialect}`,
          school_id: school.id,
          request_id: file.id,
          kind: 'catalog',
          product_id: null,
          label: 'Cours collectif enfants — Léa, Hugo',
          label_key: null,
          label_params_json: null,
          quantity: 2,
          unit_price_cents: 18_000,
          total_cents: 36_000,
          vat_rate_bp: 1000,
          is_online_sale: 1,
          is_optional: 0,
          is_active: 1,
          details_json: '{}',
          pos_imported_at: null,
          position: 0,
          created_at: START,
          updated_at: START,
          session_id: sessionId,
          instructor_id: null,
          participant_count: 2,
        })
        .execute();
      // The line was written beside the change path: let the status rule see it (a no-op edit of nothing).
      const { refreshStatus } = await import('../../src/app/requests/status-materializer.js');
      const { transact } = await import('../../src/app/tx.js');
      await transact(ctx().deps, (tx) => refreshStatus(tx, school.id, file.id));
      let version = (await view(file.id)).version;
      if (options.isQuoted !== false) {
        const sent = await marie.post(`/api/requests/${file.id}/quotes`, { version });
        expect(sent.statusCode, sent.body).toBe(201);
        version = (sent.json() as { version: number }).version;
      }
      return { id: file.id, email, version };
    }

    async function view(id: string, client = marie) {
      const response = await client.get(`/api/requests/${id}/payments`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as PaymentsView;
    }

    async function statusOf(id: string) {
      return ((await marie.get(`/api/requests/${id}`)).json() as { request: { status: string } }).request
        .status;
    }

    const cheque = (version: number, amount: string, extra: Record<string, unknown> = {}) => ({
      version,
      amount,
      receivedOn: '2026-12-02',
      payerName: 'Anaïs Rélle',
      payerAddress: '3 rue des Alpes, 69003 Lyon',
      method: 'cheque',
      reference: '0012345',
      ...extra,
    });

    const rowsOf = async (requestId: string) => {
      const db = ctx().deps.db.kysely;
      const [payments, outbox, journal] = await Promise.all([
        db.selectFrom('payments').selectAll().where('request_id', '=', requestId).execute(),
        db
          .selectFrom('outbox')
          .select(['kind', 'payload_json'])
          .where('kind', '=', 'customer_email')
          .orderBy('created_at')
          .execute(),
        db
          .selectFrom('activity')
          .select(['action', 'details_json'])
          .where('request_id', '=', requestId)
          .execute(),
      ]);
      const mails = outbox
        .map(
          (r) =>
            JSON.parse(r.payload_json) as { requestId: string; to: string; params: Record<string, unknown> },
        )
        .filter((m) => m.requestId === requestId);
      return { payments, mails, journal };
    };

    it('reads amounts as French users type them, and nothing else', () => {
      expect(readTypedAmount('120')).toEqual({ cents: 12_000 });
      expect(readTypedAmount('120,50')).toEqual({ cents: 12_050 });
      expect(readTypedAmount('120.50')).toEqual({ cents: 12_050 });
      expect(readTypedAmount('1 234,5')).toEqual({ cents: 123_450 });
      for (const bad of [
        '12,345',
        '1e3',
        '-1',
        'NaN',
        '',
        '0',
        '1000000,01',
        '+5',
        '12,',
        'Infinity',
        '0x10',
      ])
        expect(readTypedAmount(bad), bad).toHaveProperty('error');
      expect(readTypedAmount('1000000')).toEqual({ cents: 100_000_000 });
    });

    it('refuses every bad amount naming the field, in the reader’s language, and writes nothing', async () => {
      const file = await quotedFile();
      const before = await view(file.id);
      for (const amount of ['12,345', '1e3', '-1', 'NaN', '1000000,01', '0', 'abc']) {
        const response = await marie.post(`/api/requests/${file.id}/payments`, cheque(file.version, amount));
        expect(response.statusCode, `${amount}: ${response.body}`).toBe(400);
        expect(Object.keys(response.json().error.fields), amount).toEqual(['amount']);
      }
      const above = await marie.post(`/api/requests/${file.id}/payments`, cheque(file.version, '360,01'));
      expect(above.json().error.fields).toEqual({
        amount: 'Le montant dépasse le reste à payer du dossier.',
      });
      // An English-speaking staff member reads the same refusal in English.
      await ctx()
        .deps.db.kysely.updateTable('users')
        .set({ language: 'en' })
        .where('id', '=', school.admin.id)
        .execute();
      const admin = new Client(app);
      await admin.login(school.admin.email);
      const english = await admin.post(`/api/requests/${file.id}/payments`, cheque(file.version, '1e3'));
      expect(english.json().error.fields.amount).toBe(
        'Invalid amount: type it in euros, for example 120 or 120.50.',
      );
      const vouchers = await marie.post(
        `/api/requests/${file.id}/payments`,
        cheque(file.version, '50', { method: 'holiday_vouchers', receivedOn: '2026-12-03' }),
      );
      expect(vouchers.json().error.fields).toEqual({
        voucherCount: 'Indiquez le nombre de chèques-vacances.',
        receivedOn: 'La date du paiement ne peut pas être après aujourd’hui.',
      });
      const rows = await rowsOf(file.id);
      expect(rows.payments).toEqual([]);
      expect(rows.mails.filter((m) => m.params.template === 'payment_receipt')).toEqual([]);
      const after = await view(file.id);
      expect(after.version).toBe(before.version);
      expect(after.paidCents).toBe(0);
      expect(await statusOf(file.id)).toBe('awaiting_payment');
    });

    it('a cheque moves the file to "Acompte versé", the rest by transfer to "Paiement soldé", each with a receipt', async () => {
      const file = await quotedFile();
      const opened = await view(file.id);
      expect(opened.manualDefaults).toEqual({
        amount: '360',
        receivedOn: '2026-12-02',
        payerName: 'Anaïs Rélle',
        payerAddress: '',
      });
      expect(opened.schedule).toMatchObject({
        rule: { kind: 'percentage', bp: 3000, balanceDaysBefore: 10 },
        isSchoolRule: true,
        depositCents: 10_800,
        firstLessonOn: '2027-01-20',
        balanceDueOn: null,
      });
      const paid = await marie.post(`/api/requests/${file.id}/payments`, cheque(file.version, '120,50'));
      expect(paid.statusCode, paid.body).toBe(201);
      const afterCheque = paid.json() as PaymentsView;
      expect(afterCheque).toMatchObject({ paidCents: 12_050, remainingCents: 23_950 });
      expect(afterCheque.payments).toEqual([
        expect.objectContaining({
          kind: 'manual',
          method: 'cheque',
          amountCents: 12_050,
          reference: '0012345',
          payerName: 'Anaïs Rélle',
          payerAddress: '3 rue des Alpes, 69003 Lyon',
          recordedByName: school.secretary.name,
          refundableCents: 12_050,
        }),
      ]);
      // Deposit paid: the balance is due 10 days before the first lesson.
      expect(afterCheque.schedule.balanceDueOn).toBe('2027-01-10');
      expect(afterCheque.manualDefaults).toMatchObject({
        amount: '239,50',
        payerAddress: '3 rue des Alpes, 69003 Lyon',
      });
      expect(await statusOf(file.id)).toBe('deposit_paid');

      const rest = await marie.post(`/api/requests/${file.id}/payments`, {
        ...cheque(afterCheque.version, '239.50'),
        method: 'transfer',
        reference: 'VIR ANAIS RELLE',
      });
      expect(rest.statusCode, rest.body).toBe(201);
      expect(rest.json()).toMatchObject({ paidCents: 36_000, remainingCents: 0 });
      expect((rest.json() as PaymentsView).schedule.balanceDueOn).toBeNull();
      expect(await statusOf(file.id)).toBe('paid');

      const rows = await rowsOf(file.id);
      expect(rows.mails.filter((m) => m.params.template === 'payment_receipt').map((m) => m.params)).toEqual([
        expect.objectContaining({
          amountCents: 12_050,
          method: 'cheque',
          paidCents: 12_050,
          remainingCents: 23_950,
        }),
        expect.objectContaining({
          amountCents: 23_950,
          method: 'transfer',
          paidCents: 36_000,
          remainingCents: 0,
        }),
      ]);
      expect(rows.mails[rows.mails.length - 1]).toMatchObject({ to: file.email });
      expect(rows.journal.filter((j) => j.action === 'payment.manual_recorded')).toHaveLength(2);

      const nothingLeft = await marie.post(
        `/api/requests/${file.id}/payments`,
        cheque((rest.json() as PaymentsView).version, '1'),
      );
      expect(nothingLeft.json().error.fields).toEqual({ amount: 'Rien ne reste à payer sur ce dossier.' });
      const stale = await marie.post(`/api/requests/${file.id}/payments`, cheque(file.version, '1'));
      expect(stale.statusCode).toBe(409);
    });

    it('"Autoriser le paiement en ligne": offered once something was sent, unticked hides Payer, journaled', async () => {
      const draft = await quotedFile({ isQuoted: false });
      const notYet = await view(draft.id);
      expect(notYet).toMatchObject({ isOnlinePaymentAllowed: true, isOnlinePaymentToggleOffered: false });
      const refused = await marie.request('PUT', `/api/requests/${draft.id}/online-payment`, {
        version: notYet.version,
        isAllowed: false,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.fields).toEqual({ isAllowed: 'Rien n’a encore été envoyé.' });

      const file = await quotedFile();
      const opened = await view(file.id);
      expect(opened.isOnlinePaymentToggleOffered).toBe(true);
      const off = await marie.request('PUT', `/api/requests/${file.id}/online-payment`, {
        version: opened.version,
        isAllowed: false,
      });
      expect(off.statusCode, off.body).toBe(200);
      const after = off.json() as PaymentsView;
      expect(after.isOnlinePaymentAllowed).toBe(false);
      expect(after.version).toBe(opened.version + 1);
      const request = (await marie.get(`/api/requests/${file.id}`)).json() as {
        request: { isOnlinePaymentAllowed: boolean };
      };
      expect(request.request.isOnlinePaymentAllowed).toBe(false);
      const facts = {
        isArchived: false,
        latestOffer: {
          kind: 'quote' as const,
          amountCents: null,
          validUntil: '2026-12-16',
          paidBeforeCents: 0 as never,
        },
        today: '2026-12-02',
        totalCents: after.totalCents as never,
        paidCents: after.paidCents as never,
        depositCents: after.schedule.depositCents as never,
      };
      expect(payOptionsOf({ ...facts, isOnlinePaymentAllowed: after.isOnlinePaymentAllowed })).toEqual([]);
      expect(payOptionsOf({ ...facts, isOnlinePaymentAllowed: true })).not.toEqual([]);
      // The same value again changes nothing and journals nothing.
      const same = await marie.request('PUT', `/api/requests/${file.id}/online-payment`, {
        version: after.version,
        isAllowed: false,
      });
      expect((same.json() as PaymentsView).version).toBe(after.version);
      const journal = (await rowsOf(file.id)).journal.filter((j) => j.action === 'payment.online_toggled');
      expect(journal.map((j) => JSON.parse(j.details_json))).toEqual([{ isAllowed: false }]);
    });

    it('the file’s own deposit rule replaces the school’s and moves the balance’s due day', async () => {
      const file = await quotedFile();
      const opened = await view(file.id);
      const bad = await marie.request('PUT', `/api/requests/${file.id}/deposit-rule`, {
        version: opened.version,
        rule: { kind: 'fixed', amount: '1e3', balanceDaysBefore: 5 },
      });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.fields)).toEqual(['rule.amount']);
      const fixed = await marie.request('PUT', `/api/requests/${file.id}/deposit-rule`, {
        version: opened.version,
        rule: { kind: 'fixed', amount: '100', balanceDaysBefore: 5 },
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect((fixed.json() as PaymentsView).schedule).toMatchObject({
        rule: { kind: 'fixed', cents: 10_000, balanceDaysBefore: 5 },
        isSchoolRule: false,
        depositCents: 10_000,
        balanceDueOn: null,
      });
      const paid = (
        await marie.post(
          `/api/requests/${file.id}/payments`,
          cheque((fixed.json() as PaymentsView).version, '100'),
        )
      ).json() as PaymentsView;
      expect(paid.schedule.balanceDueOn).toBe('2027-01-15');
      const back = await marie.request('PUT', `/api/requests/${file.id}/deposit-rule`, {
        version: paid.version,
        rule: null,
      });
      expect((back.json() as PaymentsView).schedule).toMatchObject({
        isSchoolRule: true,
        rule: { kind: 'percentage', bp: 3000 },
        balanceDueOn: '2027-01-10',
      });
      const journal = (await rowsOf(file.id)).journal.filter(
        (j) => j.action === 'payment.deposit_rule_changed',
      );
      expect(journal).toHaveLength(2);
    });

    it('a payment link for "l’acompte" asks the file’s own rule; a later link for the balance is no deposit', async () => {
      const file = await quotedFile();
      const opened = await view(file.id);
      const fixed = (
        await marie.request('PUT', `/api/requests/${file.id}/deposit-rule`, {
          version: opened.version,
          rule: { kind: 'fixed', amount: '100', balanceDaysBefore: 5 },
        })
      ).json() as PaymentsView;
      // The Devis onglet proposes the file's deposit (100 €), not the school's 30 % (108 €).
      const devis = (await marie.get(`/api/requests/${file.id}/devis`)).json() as {
        totals: { defaultDepositCents: number };
      };
      expect(devis.totals.defaultDepositCents).toBe(10_000);
      const link = await marie.post(`/api/requests/${file.id}/payment-links`, {
        version: fixed.version,
        amount: 'deposit',
      });
      expect(link.statusCode, link.body).toBe(201);
      const afterLink = await view(file.id);
      expect(afterLink.schedule).toMatchObject({ depositCents: 10_000, askedDepositCents: 10_000 });
      const paid = (
        await marie.post(`/api/requests/${file.id}/payments`, cheque(afterLink.version, '100'))
      ).json() as PaymentsView;
      expect(paid.remainingCents).toBe(26_000);
      // "Envoyer un lien de paiement" for the balance: 260 € on top of the 100 € paid.
      const balance = await marie.post(`/api/requests/${file.id}/payment-links`, {
        version: paid.version,
        amount: 'balance',
      });
      expect(balance.statusCode, balance.body).toBe(201);
      const afterBalance = await view(file.id);
      expect(afterBalance.schedule.askedDepositCents).toBeNull();
    });

    it('reminds the balance once before it is due and once overdue — also with two sweeps at once — and lists it "solde en retard"', async () => {
      const file = await quotedFile();
      const onTime = await quotedFile();
      await marie.post(`/api/requests/${file.id}/payments`, cheque(file.version, '108'));
      await marie.post(`/api/requests/${onTime.id}/payments`, cheque(onTime.version, '108'));
      // The second file's first lesson is later: not overdue when the first is.
      await ctx()
        .deps.db.kysely.updateTable('requests')
        .set({ balance_due_on: '2027-02-10' })
        .where('id', '=', onTime.id)
        .execute();
      const reminders = async () =>
        (await rowsOf(file.id)).mails
          .filter((m) => m.params.template === 'balance_reminder')
          .map((m) => m.params);
      try {
        ctx().clock.set('2027-01-06T09:00:00.000Z');
        await sweepBalanceReminders(ctx().deps);
        expect(await reminders()).toEqual([]);
        ctx().clock.set('2027-01-07T09:00:00.000Z');
        await Promise.all([sweepBalanceReminders(ctx().deps), sweepBalanceReminders(ctx().deps)]);
        await sweepBalanceReminders(ctx().deps);
        expect(await reminders()).toEqual([
          { template: 'balance_reminder', amountCents: 25_200, dueOn: '2027-01-10', isOverdue: false },
        ]);

        ctx().clock.set('2027-01-11T09:00:00.000Z');
        await Promise.all([sweepBalanceReminders(ctx().deps), sweepBalanceReminders(ctx().deps)]);
        await sweepBalanceReminders(ctx().deps);
        expect(await reminders()).toEqual([
          { template: 'balance_reminder', amountCents: 25_200, dueOn: '2027-01-10', isOverdue: false },
          { template: 'balance_reminder', amountCents: 25_200, dueOn: '2027-01-10', isOverdue: true },
        ]);
        const journal = (await rowsOf(file.id)).journal.filter(
          (j) => j.action === 'payment.balance_reminder_sent',
        );
        expect(journal).toHaveLength(2);

        await login();
        expect((await view(file.id)).schedule.isBalanceOverdue).toBe(true);
        type List = { items: { id: string; isBalanceOverdue: boolean }[] };
        const tab = (await marie.get('/api/requests?tab=deposit_paid')).json() as List;
        expect(tab.items.find((i) => i.id === file.id)?.isBalanceOverdue).toBe(true);
        expect(tab.items.find((i) => i.id === onTime.id)?.isBalanceOverdue).toBe(false);
        const overdue = (
          await marie.get('/api/requests?tab=deposit_paid&balanceOverdue=true')
        ).json() as List;
        expect(overdue.items.map((i) => i.id)).toContain(file.id);
        expect(overdue.items.map((i) => i.id)).not.toContain(onTime.id);
        expect(overdue.items.every((i) => i.isBalanceOverdue)).toBe(true);
      } finally {
        ctx().clock.set(START);
      }
    });

    it('resolves an anomaly once with a note, journaled', async () => {
      const file = await quotedFile();
      await ctx()
        .deps.db.kysely.insertInto('payment_anomalies')
        .values({
          id: `pan_${ctx().dialect}_${seq}`,
          school_id: school.id,
          request_id: file.id,
          payment_id: null,
          event_id: null,
          reason: 'amount_mismatch',
          amount_cents: 100,
          details_json: '{}',
          created_at: START,
          resolved_at: null,
          resolved_by_user_id: null,
          resolution_note: null,
        })
        .execute();
      const opened = await view(file.id);
      const anomaly = opened.anomalies[0]!;
      expect(anomaly).toMatchObject({ reason: 'amount_mismatch', resolvedAt: null });
      const url = `/api/requests/${file.id}/payment-anomalies/${anomaly.id}/resolve`;
      const empty = await marie.post(url, { version: opened.version, note: '  ' });
      expect(empty.json().error.fields).toEqual({ note: 'Expliquez en une phrase ce qui a été fait.' });
      const cross = await otherMarie.post(url, { version: opened.version, note: 'Vu' });
      expect(cross.statusCode).toBe(404);
      const done = await marie.post(url, { version: opened.version, note: 'Remboursé par virement' });
      expect(done.statusCode, done.body).toBe(200);
      expect((done.json() as PaymentsView).anomalies[0]).toMatchObject({
        resolvedByName: school.secretary.name,
        resolutionNote: 'Remboursé par virement',
      });
      const again = await marie.post(url, { version: (done.json() as PaymentsView).version, note: 'Encore' });
      expect(again.statusCode).toBe(409);
      expect(
        (await rowsOf(file.id)).journal.filter((j) => j.action === 'payment.anomaly_resolved'),
      ).toHaveLength(1);
    });

    it('another school’s file or anomaly is not found, and nothing is written to it', async () => {
      const file = await quotedFile();
      const version = (await view(file.id)).version;
      expect((await otherMarie.get(`/api/requests/${file.id}/payments`)).statusCode).toBe(404);
      expect(
        (await otherMarie.post(`/api/requests/${file.id}/payments`, cheque(version, '10'))).statusCode,
      ).toBe(404);
      expect(
        (
          await otherMarie.request('PUT', `/api/requests/${file.id}/online-payment`, {
            version,
            isAllowed: false,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await otherMarie.request('PUT', `/api/requests/${file.id}/deposit-rule`, { version, rule: null }))
          .statusCode,
      ).toBe(404);
      expect((await rowsOf(file.id)).payments).toEqual([]);
      expect((await view(file.id)).version).toBe(version);
    });
  },
);
