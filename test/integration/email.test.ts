import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CustomerEmailParams, customerEmail } from '../../src/app/email/customer-email.js';
import { customerEmailHandler } from '../../src/app/email/email-handlers.js';
import { readReplyAddress, threadRootOf } from '../../src/app/email/reply-address.js';
import { DbOutboxDispatcher } from '../../src/app/outbox.js';
import { enqueue, transact } from '../../src/app/tx.js';
import type { App } from '../../src/http/types.js';
import { CUSTOMER_LANGUAGES } from '../../src/shared/vocabulary.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase, TEST_ORIGIN } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { LateSmtpTransport, SmtpSink } from '../support/smtp-sink.js';

const transport = new LateSmtpTransport();
const DOMAIN = 'schuss.localhost';

describeEachDatabase(
  'customer e-mails through a real SMTP server',
  (ctx) => {
    const sink = new SmtpSink();
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let file: { id: string; number: string; offerId: string; offerNumber: string };

    beforeAll(async () => {
      await sink.start();
      transport.connect(sink.url);
      ctx().clock.set('2026-12-02T09:00:00.000Z');
      app = await appFor(ctx());
      school = await makeSchool(ctx().deps, { name: 'ESF Démo' });
      const marie = new Client(app);
      await marie.login(school.secretary.email);
      const created = await marie.post('/api/requests', {
        customer: {
          email: `matrix-${ctx().dialect}@example.fr`,
          firstName: 'Anaïs',
          lastName: 'R',
          language: 'fr',
        },
        message: 'Bonjour',
      });
      const request = created.json() as { id: string; number: string; version: number };
      await ctx()
        .deps.db.kysely.insertInto('lines')
        .values({
          id: `line_mail_${ctx().dialect}`,
          school_id: school.id,
          request_id: request.id,
          kind: 'catalog',
          product_id: null,
          label: 'Cours collectif enfants',
          label_key: null,
          label_params_json: null,
          quantity: 1,
          unit_price_cents: 18_000,
          total_cents: 18_000,
          vat_rate_bp: 1000,
          is_online_sale: 1,
          is_optional: 0,
          is_active: 1,
          details_json: '{}',
          pos_imported_at: null,
          position: 0,
          created_at: '2026-12-02T09:00:00.000Z',
          updated_at: '2026-12-02T09:00:00.000Z',
          session_id: null,
          instructor_id: null,
          participant_count: 1,
        })
        .execute();
      const quoted = await marie.post(`/api/requests/${request.id}/quotes`, { version: request.version + 0 });
      expect(quoted.statusCode, quoted.body).toBe(201);
      const offer = (quoted.json() as { offers: { id: string; number: string }[] }).offers[0]!;
      const stored = await ctx()
        .deps.db.kysely.selectFrom('requests')
        .select('number')
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      file = { id: request.id, number: stored.number, offerId: offer.id, offerNumber: offer.number };
      await ctx().deps.outbox.drain();
      sink.received = [];
    });
    afterAll(async () => {
      await app.close();
      await sink.stop();
    });

    const write = (
      params: CustomerEmailParams,
      overrides: Partial<Parameters<typeof customerEmail>[0]> = {},
    ) =>
      transact(ctx().deps, (tx) =>
        enqueue(
          tx,
          customerEmail({
            schoolId: school.id,
            requestId: file.id,
            to: 'anais@example.fr',
            firstName: 'Anaïs',
            language: 'fr',
            fileNumber: file.number,
            link: `${TEST_ORIGIN}/c/abc`,
            params,
            ...overrides,
          }),
        ),
      );

    const everyTemplate = (): CustomerEmailParams[] => [
      { template: 'acknowledgement' },
      {
        template: 'staff_reply',
        messageId: 'msg_1',
        body: 'Bonjour,\nvoici nos créneaux <b>mardi</b>.',
        staffName: 'Marie',
      },
      {
        template: 'quote',
        offerId: file.offerId,
        offerNumber: file.offerNumber,
        totalCents: 18_000,
        validUntil: '2026-12-16',
      },
      {
        template: 'payment_link',
        offerId: file.offerId,
        offerNumber: file.offerNumber,
        amountCents: 5_400,
        validUntil: '2026-12-16',
      },
      {
        template: 'quote_expiry_reminder',
        offerId: file.offerId,
        offerNumber: file.offerNumber,
        offerKind: 'quote',
        validUntil: '2026-12-16',
      },
      {
        template: 'payment_receipt',
        paymentId: 'pay_1',
        amountCents: 5_400,
        method: 'cheque',
        paidCents: 5_400,
        remainingCents: 12_600,
      },
      { template: 'refund', paymentId: 'pay_2', amountCents: -2_000 },
      { template: 'balance_reminder', amountCents: 12_600, dueOn: '2026-12-20', isOverdue: false },
    ];

    it('renders every template in every language and delivers it with its headers, link, signature and PDF', async () => {
      const templates = everyTemplate();
      for (const language of CUSTOMER_LANGUAGES)
        for (const params of templates)
          await write(params, { language, to: `${language}-${params.template}@example.fr` });
      expect(await ctx().deps.outbox.drain()).toBe(templates.length * CUSTOMER_LANGUAGES.length);
      expect(sink.received).toHaveLength(templates.length * CUSTOMER_LANGUAGES.length);
      const subjects = new Set<string>();
      for (const mail of sink.received) {
        const [language, template] = mail.recipients[0]!.split('@')[0]!.split(/-(.+)/);
        const m = mail.parsed;
        expect(mail.recipients).toHaveLength(1);
        expect(m.subject, `${language} ${template}`).toContain(file.number);
        expect(m.subject).toContain('ESF Démo');
        subjects.add(m.subject!);
        expect(m.from?.value[0]).toMatchObject({ name: 'ESF Démo', address: 'no-reply@schuss.localhost' });
        expect(m.messageId).toMatch(new RegExp(`^<obx_[a-z0-9]+@${DOMAIN}>$`));
        expect(m.inReplyTo).toBe(threadRootOf(file.id, DOMAIN));
        expect(m.references).toBe(threadRootOf(file.id, DOMAIN));
        const replyTo = m.replyTo!.value[0]!.address!;
        expect(readReplyAddress(replyTo, DOMAIN)?.requestId).toBe(file.id);
        expect(m.text).toContain(`${TEST_ORIGIN}/c/abc`);
        expect(m.text).toContain('ESF Démo');
        expect(m.html).toContain(`href="${TEST_ORIGIN}/c/abc"`);
        expect(m.html).toContain(`lang="${language}"`);
        expect(m.headers.get('auto-submitted')).toBe(
          template === 'staff_reply' ? undefined : 'auto-generated',
        );
        const pdfs = m.attachments.filter((a) => a.contentType === 'application/pdf');
        expect(pdfs.map((a) => a.filename)).toEqual(
          template === 'quote' || template === 'payment_link' ? [`${file.offerNumber}.pdf`] : [],
        );
        if (pdfs[0]) expect(pdfs[0].content.subarray(0, 5).toString()).toBe('%PDF-');
        if (template === 'staff_reply') {
          expect(m.html).toContain('&lt;b&gt;mardi&lt;/b&gt;');
          expect(m.html).not.toContain('<b>mardi</b>');
        }
      }
      // Each language has its own words: 8 templates × 6 languages, no two subjects alike.
      expect(subjects.size).toBe(templates.length * CUSTOMER_LANGUAGES.length);
      const de = sink.received.find((r) => r.recipients[0] === 'de-quote@example.fr')!;
      expect(de.parsed.subject).toBe(`Ihr Angebot ${file.offerNumber} — Vorgang ${file.number} — ESF Démo`);
      sink.received = [];
    });

    it('falls back to the school’s language for a language Schuss does not write', async () => {
      await write({ template: 'acknowledgement' }, { language: 'pt', to: 'pt@example.fr' });
      await ctx().deps.outbox.drain();
      expect(sink.received[0]!.parsed.subject).toBe(`Votre demande n° ${file.number} — ESF Démo`);
      sink.received = [];
    });

    it('retries while the SMTP server refuses (451), then delivers exactly one message with the same Message-ID', async () => {
      sink.failWith = 451;
      const id = await write({ template: 'acknowledgement' }, { to: 'retry@example.fr' });
      expect(await ctx().deps.outbox.drain()).toBe(0);
      ctx().clock.advance(2_500);
      expect(await ctx().deps.outbox.drain()).toBe(0);
      const failed = await ctx()
        .deps.db.kysely.selectFrom('outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(failed).toMatchObject({ attempts: 2, delivered_at: null, parked_at: null });
      expect(failed.last_error).toContain('451');
      // Backoff: 2 s after the first failure, 4 s after the second.
      ctx().clock.advance(3_000);
      expect(await ctx().deps.outbox.drain()).toBe(0);
      sink.failWith = null;
      ctx().clock.advance(1_500);
      expect(await ctx().deps.outbox.drain()).toBe(1);
      expect(await ctx().deps.outbox.drain()).toBe(0);
      ctx().clock.advance(3_600_000);
      expect(await ctx().deps.outbox.drain()).toBe(0);
      expect(sink.received.map((r) => r.parsed.messageId)).toEqual([`<${id}@${DOMAIN}>`]);
      sink.received = [];
    });

    it('parks a message the server refuses for good (550) and after too many tries, for the admin', async () => {
      sink.failWith = 550;
      const id = await write({ template: 'acknowledgement' }, { to: 'never@example.fr' });
      expect(await ctx().deps.outbox.drain()).toBe(0);
      sink.failWith = null;
      ctx().clock.advance(7_200_000);
      expect(await ctx().deps.outbox.drain()).toBe(0);
      const admin = new Client(app);
      await admin.login(school.admin.email);
      const view = (await admin.get('/api/outbox')).json() as { parked: { id: string; lastError: string }[] };
      expect(view.parked.map((p) => p.id)).toContain(id);
      const secretary = new Client(app);
      await secretary.login(school.secretary.email);
      expect((await secretary.get('/api/outbox')).statusCode).toBe(403);
      expect((await admin.post(`/api/outbox/${id}/retry`)).statusCode).toBe(200);
      expect(await ctx().deps.outbox.drain()).toBe(1);
      expect(sink.received.map((r) => r.recipients)).toEqual([['never@example.fr']]);
      sink.received = [];

      sink.failWith = 451;
      const stubborn = await write({ template: 'acknowledgement' }, { to: 'stubborn@example.fr' });
      for (let i = 0; i < 8; i++) {
        await ctx().deps.outbox.drain();
        ctx().clock.advance(3_600_000);
      }
      sink.failWith = null;
      const row = await ctx()
        .deps.db.kysely.selectFrom('outbox')
        .selectAll()
        .where('id', '=', stubborn)
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(8);
      expect(row.parked_at).not.toBeNull();
      expect(await ctx().deps.outbox.drain()).toBe(0);
      expect(sink.received).toEqual([]);
    });

    it('two dispatchers draining at once never send one row twice', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++)
        ids.push(await write({ template: 'acknowledgement' }, { to: `many-${i}@example.fr` }));
      const context = {
        transport,
        clock: ctx().clock,
        config: ctx().deps.config,
        replyAddressKey: ctx().deps.replyAddressKey,
      };
      const second = new DbOutboxDispatcher({
        db: ctx().deps.db,
        clock: ctx().clock,
        handlers: { customer_email: customerEmailHandler(context) },
      });
      const [a, b] = await Promise.all([ctx().deps.outbox.drain(), second.drain()]);
      expect(a + b).toBe(30);
      const sent = sink.received.map((r) => r.parsed.messageId);
      expect(sent).toHaveLength(30);
      expect(new Set(sent).size).toBe(30);
      expect(new Set(sent)).toEqual(new Set(ids.map((id) => `<${id}@${DOMAIN}>`)));
      sink.received = [];
    });

    it('header injection through a name, a subject or an address adds no header and no recipient', async () => {
      const evil = 'x\r\nBcc: victim@example.org\r\nX-Injected: 1';
      await write(
        { template: 'staff_reply', messageId: 'm', body: `Bonjour${evil}`, staffName: `Marie${evil}` },
        { firstName: `Anaïs${evil}`, fileNumber: `${file.number}${evil}`, to: 'target@example.fr' },
      );
      const bad = await write(
        { template: 'acknowledgement' },
        { to: `target@example.fr\r\nBcc: victim@example.org` },
      );
      await ctx().deps.outbox.drain();
      expect(sink.received).toHaveLength(1);
      const [mail] = sink.received;
      expect(mail!.recipients).toEqual(['target@example.fr']);
      expect(mail!.parsed.headers.has('bcc')).toBe(false);
      expect(mail!.parsed.headers.has('x-injected')).toBe(false);
      expect(mail!.parsed.subject).not.toMatch(/[\r\n]/);
      // The header block only: the body may say anything (it is the message).
      const headerBlock = mail!.raw.split(/\r?\n\r?\n/)[0]!;
      expect(headerBlock).not.toMatch(/^X-Injected:/im);
      expect(headerBlock).not.toMatch(/^Bcc:/im);
      const refused = await ctx()
        .deps.db.kysely.selectFrom('outbox')
        .selectAll()
        .where('id', '=', bad)
        .executeTakeFirstOrThrow();
      expect(refused.parked_at).not.toBeNull();
      expect(refused.last_error).toContain('Not a single e-mail address');
      sink.received = [];
    });
  },
  { mail: transport },
);
