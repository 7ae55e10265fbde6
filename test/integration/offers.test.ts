import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOfferReminders } from '../../src/app/offers/offer-reminders.js';
import type { App } from '../../src/http/types.js';
import { customerMailsInOutbox } from '../support/customer-mail.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase, TEST_ORIGIN } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

type Devis = {
  version: number;
  totals: { totalCents: number; dueCents: number; defaultDepositCents: number };
  offers: {
    id: string;
    kind: string;
    number: string;
    version: number;
    amountCents: number | null;
    validUntil: string;
    isExpired: boolean;
    isExpiringSoon: boolean;
    isCurrent: boolean;
  }[];
};

let seq = 0;

describeEachDatabase('quotes, payment links, the quote PDF and the private link', (ctx) => {
  let app: App;
  let school: Awaited<ReturnType<typeof makeSchool>>;
  let other: Awaited<ReturnType<typeof makeSchool>>;
  let marie: Client;
  let otherMarie: Client;

  beforeAll(async () => {
    ctx().clock.set('2026-12-02T09:00:00.000Z');
    app = await appFor(ctx());
    school = await makeSchool(ctx().deps);
    other = await makeSchool(ctx().deps);
    marie = new Client(app);
    await marie.login(school.secretary.email);
    otherMarie = new Client(app);
    await otherMarie.login(other.secretary.email);
    await ctx()
      .deps.db.kysely.updateTable('schools')
      .set({
        settings_json: JSON.stringify({
          sales: {
            quoteValidityDays: 14,
            defaultDepositBp: 3000,
            reminderDaysBeforeExpiry: 3,
            legal: {
              companyName: 'ESF Val d’Isère',
              address: '1 place des Dômes, 73150 Val-d’Isère',
              siret: '77561230000018',
              vatNumber: 'FR12775612300',
              mentions: 'Assurance Carré Neige conseillée.',
            },
          },
        }),
      })
      .where('id', '=', school.id)
      .execute();
  });
  afterAll(() => app.close());

  /** A file with lines inserted directly (the lines API is built beside this). */
  async function fileWith(
    client: Client,
    lines: { label: string; totalCents: number; vatRateBp?: number; quantity?: number; isActive?: boolean }[],
    schoolId = school.id,
  ) {
    const n = ++seq;
    const email = `client-${n}-${ctx().dialect}@example.fr`;
    const created = await client.post('/api/requests', {
      customer: { email, firstName: 'Anaïs', lastName: 'Rélle', language: 'fr' },
      message: 'Bonjour, des cours pour mes enfants',
    });
    expect(created.statusCode).toBe(201);
    const file = created.json() as { id: string; version: number };
    if (lines.length > 0)
      await ctx()
        .deps.db.kysely.insertInto('lines')
        .values(
          lines.map((l, position) => ({
            id: `line_${n}_${position}_${ctx().dialect}`,
            school_id: schoolId,
            request_id: file.id,
            kind: 'catalog' as const,
            product_id: null,
            label: l.label,
            label_key: null,
            label_params_json: null,
            quantity: l.quantity ?? 1,
            unit_price_cents: Math.round(l.totalCents / (l.quantity ?? 1)),
            total_cents: l.totalCents,
            vat_rate_bp: l.vatRateBp ?? 1000,
            is_online_sale: 1,
            is_optional: 0,
            is_active: l.isActive === false ? 0 : 1,
            details_json: '{}',
            pos_imported_at: null,
            position,
            created_at: '2026-12-02T09:00:00.000Z',
            updated_at: '2026-12-02T09:00:00.000Z',
            session_id: null,
            instructor_id: null,
            participant_count: 1,
          })),
        )
        .execute();
    return { ...file, email };
  }

  const outboxTo = (email: string) => customerMailsInOutbox(ctx().deps.db.kysely, { to: email });

  const twoChildren = [
    { label: 'Cours collectif enfants — Léa, Hugo', totalCents: 36_000, quantity: 2 },
    { label: 'Assurance Carré Neige', totalCents: 1_200, vatRateBp: 0, quantity: 2 },
  ];

  it('sends a quote: awaiting payment, DEV number, snapshot, validity, e-mail with the private link and the PDF', async () => {
    const file = await fileWith(marie, twoChildren);
    const sent = await marie.post(`/api/requests/${file.id}/quotes`, { version: file.version });
    expect(sent.statusCode, sent.body).toBe(201);
    const devis = sent.json() as Devis;
    expect(devis.version).toBe(file.version + 1);
    const [quote] = devis.offers;
    expect(quote).toMatchObject({
      kind: 'quote',
      version: 1,
      validUntil: '2026-12-16',
      isCurrent: true,
      isExpired: false,
    });
    expect(quote!.number).toMatch(/^DEV-2026-\d{4}$/);
    const stored = await ctx()
      .deps.db.kysely.selectFrom('requests')
      .select('status')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('awaiting_payment');
    const row = await ctx()
      .deps.db.kysely.selectFrom('offers')
      .selectAll()
      .where('id', '=', quote!.id)
      .executeTakeFirstOrThrow();
    const snapshot = JSON.parse(row.snapshot_json);
    expect(snapshot.lines.map((l: { label: string }) => l.label)).toEqual(twoChildren.map((l) => l.label));
    expect(snapshot.totals.totalCents).toBe(37_200);
    expect(snapshot.totals.vat).toHaveLength(2);
    expect(snapshot.school.legal.siret).toBe('77561230000018');
    const request = await ctx()
      .deps.db.kysely.selectFrom('requests')
      .select('offer_valid_until')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(request.offer_valid_until).toBe('2026-12-16');
    const [mail] = await outboxTo(file.email);
    expect(mail!.subject).toContain(quote!.number);
    // The PDF is rendered from this offer and attached at delivery (test/integration/email.test.ts).
    expect(mail!.params).toMatchObject({ template: 'quote', offerId: quote!.id, offerNumber: quote!.number });
    const token = new RegExp(`${TEST_ORIGIN}/c/([A-Za-z0-9_-]+)`).exec(mail!.text)?.[1];
    expect((await app.inject({ url: `/c/${token}` })).statusCode).toBe(200);

    // Sending again after an edit: a new version, a new number; the latest is the current one.
    const again = (
      await marie.post(`/api/requests/${file.id}/quotes`, { version: devis.version })
    ).json() as Devis;
    expect(again.offers.map((o) => [o.version, o.isCurrent])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(again.offers[1]!.number).not.toBe(quote!.number);
  });

  it('numbers concurrent quotes and payment links per school and year, distinct and gapless', async () => {
    const files = await Promise.all([0, 1, 2, 3, 4].map(() => fileWith(marie, twoChildren)));
    const before = await ctx()
      .deps.db.kysely.selectFrom('offers')
      .select('number')
      .where('school_id', '=', school.id)
      .execute();
    const answers = await Promise.all(
      files.flatMap((f) => [
        marie.post(`/api/requests/${f.id}/quotes`, { version: f.version }),
        marie.post(`/api/requests/${f.id}/payment-links`, { version: f.version, amount: 'balance' }),
      ]),
    );
    // Two sends on one file at once: one wins, the other is told the file changed.
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(5).fill(201), ...Array(5).fill(409)]);
    expect(answers.filter((a) => a.statusCode === 409).length).toBe(5);
    const numbers = (
      await ctx()
        .deps.db.kysely.selectFrom('offers')
        .select(['number', 'kind'])
        .where('school_id', '=', school.id)
        .execute()
    ).filter((o) => !before.some((b) => b.number === o.number));
    expect(numbers).toHaveLength(5);
    for (const prefix of ['DEV', 'LP']) {
      const all = (
        await ctx()
          .deps.db.kysely.selectFrom('offers')
          .select('number')
          .where('school_id', '=', school.id)
          .where('number', 'like', `${prefix}-2026-%`)
          .execute()
      )
        .map((o) => Number(o.number.slice(-4)))
        .sort((a, b) => a - b);
      expect(all).toEqual(all.map((_, i) => i + 1));
    }
    // Another school starts at 1.
    const theirs = await fileWith(otherMarie, twoChildren, other.id);
    const sent = (
      await otherMarie.post(`/api/requests/${theirs.id}/quotes`, { version: theirs.version })
    ).json() as Devis;
    expect(sent.offers[0]!.number).toBe('DEV-2026-0001');
  });

  it('sends payment links for the 30 % deposit, the balance and a typed amount', async () => {
    const file = await fileWith(marie, twoChildren);
    const deposit = await marie.post(`/api/requests/${file.id}/payment-links`, {
      version: file.version,
      amount: 'deposit',
    });
    expect(deposit.statusCode, deposit.body).toBe(201);
    const d = deposit.json() as Devis;
    expect(d.offers[0]).toMatchObject({ kind: 'payment_link', amountCents: 11_160 });
    expect(d.offers[0]!.number).toMatch(/^LP-2026-\d{4}$/);
    const balance = (
      await marie.post(`/api/requests/${file.id}/payment-links`, { version: d.version, amount: 'balance' })
    ).json() as Devis;
    expect(balance.offers[1]).toMatchObject({ amountCents: 37_200, version: 2 });
    const typed = (
      await marie.post(`/api/requests/${file.id}/payment-links`, {
        version: balance.version,
        amount: { cents: 5_000 },
      })
    ).json() as Devis;
    expect(typed.offers[2]).toMatchObject({ amountCents: 5_000, version: 3 });
    const mails = await outboxTo(file.email);
    expect(mails).toHaveLength(3);
    expect(mails[0]!.text).toContain('111,60');
    expect(mails[0]!.params).toMatchObject({ template: 'payment_link', amountCents: 11_160 });
  });

  it('refuses with messages naming the field, in French and in English', async () => {
    const empty = await fileWith(marie, []);
    const none = await marie.post(`/api/requests/${empty.id}/quotes`, { version: empty.version });
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({
      code: 'INVALID_STATE',
      fields: { lines: 'Le dossier n’a aucune prestation active.' },
    });
    const zero = await fileWith(marie, [{ label: 'Gratuit', totalCents: 0 }]);
    const free = await marie.post(`/api/requests/${zero.id}/quotes`, { version: zero.version });
    expect(free.json().error.fields).toEqual({ lines: 'Le total du dossier est de 0 €.' });
    const inactive = await fileWith(marie, [{ label: 'Retiré', totalCents: 5_000, isActive: false }]);
    expect(
      (await marie.post(`/api/requests/${inactive.id}/quotes`, { version: inactive.version })).json().error
        .fields,
    ).toEqual({
      lines: 'Le dossier n’a aucune prestation active.',
    });

    const file = await fileWith(marie, twoChildren);
    const tooMuch = await marie.post(`/api/requests/${file.id}/payment-links`, {
      version: file.version,
      amount: { cents: 37_201 },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields).toEqual({
      amount: 'Le montant dépasse le reste à payer du dossier.',
    });
    await ctx()
      .deps.db.kysely.updateTable('users')
      .set({ language: 'en' })
      .where('id', '=', school.admin.id)
      .execute();
    const reader = new Client(app);
    await reader.login(school.admin.email);
    const en = await reader.post(`/api/requests/${file.id}/payment-links`, {
      version: file.version,
      amount: { cents: 37_201 },
    });
    expect(
      (await reader.post(`/api/requests/${zero.id}/quotes`, { version: zero.version })).json().error.fields,
    ).toEqual({
      lines: 'The file’s total is €0.',
    });
    expect(en.json().error.fields).toEqual({
      amount: 'The amount is more than what remains to pay on the file.',
    });
    for (const amount of [{ cents: 0 }, { cents: -5 }, { cents: 12.5 }, '1e3', { cents: '12,345' }]) {
      const bad = await marie.post(`/api/requests/${file.id}/payment-links`, {
        version: file.version,
        amount,
      });
      expect(bad.statusCode, JSON.stringify(amount)).toBe(400);
      expect(
        Object.keys(bad.json().error.fields ?? {}).some((f) => f.startsWith('amount')),
        bad.body,
      ).toBe(true);
    }

    await ctx()
      .deps.db.kysely.updateTable('requests')
      .set({ archived_at: '2026-12-02T09:00:00.000Z' })
      .where('id', '=', file.id)
      .execute();
    const archived = await marie.post(`/api/requests/${file.id}/quotes`, { version: file.version });
    expect(archived.json().error).toMatchObject({
      code: 'INVALID_STATE',
      fields: { version: 'Dossier archivé.' },
    });
    // Nothing refused used a number.
    expect(await outboxTo(file.email)).toEqual([]);
  });

  it('refuses a stale version (CONFLICT) and another school’s file or offer (404)', async () => {
    const file = await fileWith(marie, twoChildren);
    const sent = (
      await marie.post(`/api/requests/${file.id}/quotes`, { version: file.version })
    ).json() as Devis;
    const stale = await marie.post(`/api/requests/${file.id}/quotes`, { version: file.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    const offerId = sent.offers[0]!.id;
    for (const [method, url, body] of [
      ['POST', `/api/requests/${file.id}/quotes`, { version: sent.version }],
      ['POST', `/api/requests/${file.id}/payment-links`, { version: sent.version, amount: 'balance' }],
      [
        'POST',
        `/api/requests/${file.id}/offers/${offerId}/extend`,
        { version: sent.version, validUntil: '2026-12-30' },
      ],
      ['GET', `/api/requests/${file.id}/offers/${offerId}/pdf`, undefined],
      ['POST', `/api/requests/${file.id}/private-link`, { version: sent.version }],
    ] as const) {
      const answer = await otherMarie.request(method, url, body);
      expect(answer.statusCode, `${method} ${url}`).toBe(404);
    }
    // Their own file, my offer id: not found either.
    const theirs = await fileWith(otherMarie, twoChildren, other.id);
    const cross = await otherMarie.get(`/api/requests/${theirs.id}/offers/${offerId}/pdf`);
    expect(cross.statusCode).toBe(404);
  });

  it('re-issues the private link: the old one opens nothing, the new one works, each file has its own', async () => {
    const a = await fileWith(marie, twoChildren);
    const b = await fileWith(marie, twoChildren);
    const sentA = (await marie.post(`/api/requests/${a.id}/quotes`, { version: a.version })).json() as Devis;
    await marie.post(`/api/requests/${b.id}/quotes`, { version: b.version });
    const tokenOf = async (email: string) => {
      const mails = await outboxTo(email);
      return new RegExp(`${TEST_ORIGIN}/c/([A-Za-z0-9_-]+)`).exec(mails.at(-1)!.text)![1]!;
    };
    const oldA = await tokenOf(a.email);
    expect(oldA).not.toBe(await tokenOf(b.email));
    const reissued = await marie.post(`/api/requests/${a.id}/private-link`, { version: sentA.version });
    expect(reissued.json()).toEqual({ ok: true });
    expect((await app.inject({ url: `/c/${oldA}` })).statusCode).toBe(404);
    const page = await ctx()
      .deps.db.kysely.selectFrom('requests')
      .select('version')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    const link = await marie.post(`/api/requests/${a.id}/payment-links`, {
      version: page.version,
      amount: 'deposit',
    });
    expect(link.statusCode, link.body).toBe(201);
    const newA = await tokenOf(a.email);
    expect(newA).not.toBe(oldA);
    expect((await app.inject({ url: `/c/${newA}` })).statusCode).toBe(200);
    const journal = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .select('action')
      .where('request_id', '=', a.id)
      .execute();
    expect(journal.map((j) => j.action)).toEqual(
      expect.arrayContaining(['offer.quote_sent', 'portal.link_reissued', 'offer.payment_link_sent']),
    );
  });

  it('marks an expired quote, extends it (not into the past), and reminds once before expiry', async () => {
    const file = await fileWith(marie, twoChildren);
    const sent = (
      await marie.post(`/api/requests/${file.id}/quotes`, { version: file.version })
    ).json() as Devis;
    const quote = sent.offers[0]!;
    try {
      // 10 days later: nothing yet (16th is 4 days away, the school reminds 3 days before).
      ctx().clock.set('2026-12-12T09:00:00.000Z');
      await sweepOfferReminders(ctx().deps);
      expect((await outboxTo(file.email)).length).toBe(1);
      ctx().clock.set('2026-12-13T09:00:00.000Z');
      await sweepOfferReminders(ctx().deps);
      await sweepOfferReminders(ctx().deps);
      const mails = await outboxTo(file.email);
      expect(mails).toHaveLength(2);
      expect(mails[1]!.subject).toContain('Rappel');
      expect(mails[1]!.subject).toContain(quote.number);
      expect(mails[1]!.text).toContain('/c/');
      await marie.login(school.secretary.email);
      const list = (await marie.get('/api/requests?tab=awaiting_payment')).json() as {
        items: { id: string; offerValidUntil?: string | null; isOfferExpiringSoon?: boolean }[];
      };
      expect(list.items.find((i) => i.id === file.id)).toMatchObject({
        offerValidUntil: '2026-12-16',
        isOfferExpiringSoon: true,
      });

      ctx().clock.set('2026-12-17T09:00:00.000Z');
      await marie.login(school.secretary.email);
      const past = await marie.post(`/api/requests/${file.id}/offers/${quote.id}/extend`, {
        version: sent.version,
        validUntil: '2026-12-16',
      });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.fields).toEqual({
        validUntil: 'La nouvelle date de validité ne peut pas être dans le passé.',
      });
      const extended = await marie.post(`/api/requests/${file.id}/offers/${quote.id}/extend`, {
        version: sent.version,
        validUntil: '2026-12-31',
      });
      expect(extended.statusCode, extended.body).toBe(200);
      expect((extended.json() as Devis).offers[0]).toMatchObject({
        validUntil: '2026-12-31',
        isExpired: false,
      });
      // Before the extension it was expired, as the Devis onglet says.
      ctx().clock.set('2027-01-01T09:00:00.000Z');
      await marie.login(school.secretary.email);
      const pdf = await marie.get(`/api/requests/${file.id}/offers/${quote.id}/pdf`);
      expect(pdf.statusCode).toBe(200);
      const again = await marie.post(`/api/requests/${file.id}/offers/${quote.id}/extend`, {
        version: (extended.json() as Devis).version,
        validUntil: '2027-01-01',
      });
      expect((again.json() as Devis).offers[0]!.isExpired).toBe(false);
    } finally {
      ctx().clock.set('2026-12-02T09:00:00.000Z');
    }
  });

  it('renders the quote PDF from its snapshot: number, lines, VAT and total in its text', async () => {
    await marie.login(school.secretary.email);
    const file = await fileWith(marie, twoChildren);
    const sent = (
      await marie.post(`/api/requests/${file.id}/quotes`, { version: file.version })
    ).json() as Devis;
    const quote = sent.offers[0]!;
    const pdf = await marie.get(`/api/requests/${file.id}/offers/${quote.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'quote-'));
    const path = join(dir, 'quote.pdf');
    writeFileSync(path, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain(quote.number);
    expect(text).toContain('Cours collectif enfants — Léa, Hugo');
    expect(text).toContain('Assurance Carré Neige');
    expect(text).toContain('372,00 €');
    expect(text).toContain('Devis valable jusqu’au 16/12/2026');
    expect(text).toContain('ESF Val d’Isère');
    if (process.env.QUOTE_SCREENSHOT && ctx().dialect === 'sqlite')
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-singlefile',
        path,
        'docs/screenshots/quote-first-page',
      ]);
  });
});

describe('the offer numbering format', () => {
  it('is DEV-YYYY-NNNN / LP-YYYY-NNNN', async () => {
    const { formatOfferNumber } = await import('../../src/app/offers/send-offer.js');
    expect(formatOfferNumber('quote', 2026, 1)).toBe('DEV-2026-0001');
    expect(formatOfferNumber('payment_link', 2026, 42)).toBe('LP-2026-0042');
  });
});
