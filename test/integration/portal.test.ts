import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortalViewSchema, portalViewOf } from '../../src/app/portal/portal-view.js';
import { privateLinkOf, reissuePortalLink } from '../../src/app/portal/private-link.js';
import { transact } from '../../src/app/tx.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase, TEST_ORIGIN } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

let seq = 0;

function expectPrivate(response: LightMyRequestResponse): void {
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

/** A form post from the page itself, as Chromium sends it. */
const fromPage = { origin: TEST_ORIGIN, 'sec-fetch-site': 'same-origin' };

describeEachDatabase('the customer portal /c/:token', (ctx) => {
  let app: App;
  let school: Awaited<ReturnType<typeof makeSchool>> & { name: string };
  let other: Awaited<ReturnType<typeof makeSchool>> & { name: string };
  let marie: Client;
  let otherMarie: Client;

  beforeAll(async () => {
    ctx().clock.set('2026-12-02T09:00:00.000Z');
    app = await appFor(ctx());
    const named = async () => {
      const made = await makeSchool(ctx().deps);
      const { name } = await ctx()
        .deps.db.kysely.selectFrom('schools')
        .select('name')
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
      return { ...made, name };
    };
    school = await named();
    other = await named();
    marie = new Client(app);
    await marie.login(school.secretary.email);
    otherMarie = new Client(app);
    await otherMarie.login(other.secretary.email);
    for (const s of [school, other])
      await ctx()
        .deps.db.kysely.updateTable('schools')
        .set({
          settings_json: JSON.stringify({ sales: { quoteValidityDays: 14, defaultDepositBp: 3000 } }),
        })
        .where('id', '=', s.id)
        .execute();
  });
  afterAll(() => app.close());

  /** A file with a lesson and the optional insurance, a quote sent, and its private link. */
  async function fileWithQuote(
    client: Client,
    schoolId: string,
    opts: { send?: boolean; language?: string } = {},
  ) {
    const n = ++seq;
    const email = `portal-${n}-${ctx().dialect}@example.fr`;
    const created = await client.post('/api/requests', {
      customer: { email, firstName: 'Anaïs', lastName: 'Rélle', language: opts.language ?? 'fr' },
      message: 'Bonjour, des cours pour mes enfants',
    });
    expect(created.statusCode, created.body).toBe(201);
    const file = created.json() as { id: string; version: number };
    const lines = [
      { label: 'Cours collectif enfants — Léa, Hugo', total: 36_000, vat: 1000, optional: 0 as const },
      { label: 'Assurance Carré Neige', total: 3_840, vat: 0, optional: 1 as const },
    ];
    await ctx()
      .deps.db.kysely.insertInto('lines')
      .values(
        lines.map((l, position) => ({
          id: `pline_${n}_${position}_${ctx().dialect}`,
          school_id: schoolId,
          request_id: file.id,
          kind: l.optional ? ('extra' as const) : ('catalog' as const),
          product_id: null,
          label: l.label,
          label_key: null,
          label_params_json: null,
          quantity: 2,
          unit_price_cents: l.total / 2,
          total_cents: l.total,
          vat_rate_bp: l.vat,
          is_online_sale: 1,
          is_optional: l.optional,
          is_active: 1,
          details_json: '{}',
          pos_imported_at: null,
          position,
          created_at: '2026-12-02T09:00:00.000Z',
          updated_at: '2026-12-02T09:00:00.000Z',
          session_id: null,
          instructor_id: null,
          participant_count: 2,
        })),
      )
      .execute();
    if (opts.send !== false) {
      const sent = await client.post(`/api/requests/${file.id}/quotes`, { version: file.version });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    const link = await transact(ctx().deps, (tx) => privateLinkOf(ctx().deps, tx, { schoolId, id: file.id }));
    const token = link.slice(`${TEST_ORIGIN}/c/`.length);
    return { id: file.id, email, token, lineIds: lines.map((_, i) => `pline_${n}_${i}_${ctx().dialect}`) };
  }

  const viewOf = async (token: string) => (await portalViewOf(ctx().deps, token))!;

  it('shows the school, the number, the quote with its lines, VAT, total and validity, and exactly payOptionsOf', async () => {
    const file = await fileWithQuote(marie, school.id);
    const page = await app.inject({ url: `/c/${file.token}` });
    expect(page.statusCode, page.body.slice(0, 300)).toBe(200);
    expectPrivate(page);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain(school.name);
    expect(page.body).toMatch(/Dossier n° \d{4}-\d{5}/);
    expect(page.body).toContain('Assurance Carré Neige');
    expect(page.body).toContain('valable jusqu’au 16 décembre 2026');
    expect(page.body).toContain('398,40');
    expect(page.body).toContain(`href="/c/${file.token}/devis.pdf"`);

    const view = await viewOf(file.token);
    expect(view.totals).toMatchObject({ totalCents: 39_840, paidCents: 0, dueCents: 39_840 });
    expect(view.totals!.vat.map((r) => [r.rateBp, r.vatCents])).toEqual([
      [1000, 3273],
      [0, 0],
    ]);
    expect(view.offer).toMatchObject({ kind: 'quote', validUntil: '2026-12-16', isExpired: false });
    // "Payer": the school's 30 % deposit and the balance, as forms posting `purpose`.
    expect(view.payOptions).toEqual([
      { purpose: 'deposit', amountCents: 11_952 },
      { purpose: 'balance', amountCents: 39_840 },
    ]);
    const forms = page.body.match(/<form method="post" action="\/c\/[^"]+\/pay"[\s\S]*?<\/form>/g) ?? [];
    expect(forms.map((f) => /name="purpose" value="(\w+)"/.exec(f)?.[1])).toEqual(['deposit', 'balance']);

    const pdf = await app.inject({ url: `/c/${file.token}/devis.pdf` });
    expect(pdf.statusCode).toBe(200);
    expectPrivate(pdf);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the file’s own deposit rule (a fixed amount, to the cent) is what the page offers and checkout accepts', async () => {
    const file = await fileWithQuote(marie, school.id);
    const { version } = (await marie.get(`/api/requests/${file.id}`)).json().request as { version: number };
    const ruled = await marie.request('PUT', `/api/requests/${file.id}/deposit-rule`, {
      version,
      rule: { kind: 'fixed', amount: '100,01', balanceDaysBefore: 7 },
    });
    expect(ruled.statusCode, ruled.body).toBe(200);
    const view = await viewOf(file.token);
    expect(view.payOptions).toEqual([
      { purpose: 'deposit', amountCents: 10_001 },
      { purpose: 'balance', amountCents: 39_840 },
    ]);
    // The two steps add up to the total: 100,01 € now, 298,39 € later.
    expect(view.schedule).toMatchObject({ depositCents: 10_001, isDepositPaid: false, balanceCents: 29_839 });
    const page = await app.inject({ url: `/c/${file.token}` });
    expect(page.body).toContain('100,01');
    // The checkout takes that very deposit, and nothing else.
    const pay = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/pay`,
      headers: { ...fromPage, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'purpose=deposit',
    });
    expect(pay.statusCode, pay.body).toBe(303);
    const attempts = await ctx()
      .deps.db.kysely.selectFrom('payment_attempts')
      .select(['purpose', 'amount_cents'])
      .where('request_id', '=', file.id)
      .execute();
    expect(attempts.map((a) => [a.purpose, Number(a.amount_cents)])).toEqual([['deposit', 10_001]]);
    // Back to the school's 30 %: the page and the checkout follow together.
    const back = await marie.request('PUT', `/api/requests/${file.id}/deposit-rule`, {
      version: ruled.json().version,
      rule: null,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await viewOf(file.token)).payOptions[0]).toEqual({ purpose: 'deposit', amountCents: 11_952 });
  });

  it('speaks the customer’s language, whatever the browser says; ?lang= chooses another', async () => {
    const file = await fileWithQuote(marie, school.id, { language: 'de' });
    const page = await app.inject({ url: `/c/${file.token}`, headers: { 'accept-language': 'fr' } });
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('Ihr Angebot');
    expect(page.body).toContain('Anzahlung bezahlen');
    const it = await app.inject({ url: `/c/${file.token}?lang=it` });
    expect(it.body).toContain('<html lang="it">');
    expect(it.body).toContain('Il tuo preventivo');
  });

  it('the view holds only what the page needs: a strict schema, field by field, nothing staff-only', async () => {
    const file = await fileWithQuote(marie, school.id);
    // Staff-only facts on the file: the customer comment, a staff reply (its author's e-mail), the journal.
    const note = await marie.patch(`/api/requests/${file.id}/customer`, {
      version: 1,
      note: 'Client difficile — SECRET-NOTE',
    });
    expect(note.statusCode, note.body).toBeLessThan(300);
    const reply = await marie.post(`/api/requests/${file.id}/messages`, {
      body: 'Bonjour Anaïs, voici le devis.',
    });
    expect(reply.statusCode, reply.body).toBeLessThan(300);

    const view = await viewOf(file.token);
    expect(() => PortalViewSchema.parse(view)).not.toThrow();
    // Strict: an extra key is refused, not dropped.
    expect(PortalViewSchema.safeParse({ ...view, customerNote: 'x' }).success).toBe(false);
    expect(PortalViewSchema.shape.file.safeParse({ ...view.file, email: 'a@b.c' }).success).toBe(false);
    expect(Object.keys(view).sort()).toEqual(
      [
        'canReply',
        'conversation',
        'file',
        'language',
        'lines',
        'offer',
        'payOptions',
        'paymentReturn',
        'payments',
        'schedule',
        'school',
        'totals',
      ].sort(),
    );
    expect(Object.keys(view.file).sort()).toEqual([
      'customerFirstName',
      'isArchived',
      'number',
      'receivedAt',
    ]);
    expect(Object.keys(view.school).sort()).toEqual(['name', 'timeZone']);
    for (const m of view.conversation)
      expect(Object.keys(m).sort()).toEqual(['at', 'body', 'from', 'generated', 'staffName']);
    for (const l of view.lines)
      expect(Object.keys(l).sort()).toEqual(
        [
          'isActive',
          'isOptional',
          'label',
          'quantity',
          'removeId',
          'totalCents',
          'unitPriceCents',
          'vatRateBp',
        ].sort(),
      );
    // The only ids: a removable extra's line, what its form posts.
    expect(view.lines.map((l) => l.removeId)).toEqual([null, file.lineIds[1]]);
    const json = JSON.stringify(view);
    const page = (await app.inject({ url: `/c/${file.token}` })).body;
    for (const secret of [
      'SECRET-NOTE',
      school.secretary.email,
      school.admin.email,
      file.id,
      school.id,
      file.email,
      'Rélle',
      'a répondu',
    ]) {
      expect(json, secret).not.toContain(secret);
      expect(page, secret).not.toContain(secret);
    }
    expect(view.conversation.map((m) => [m.from, m.staffName, m.body])).toEqual([
      ['customer', null, 'Bonjour, des cours pour mes enfants'],
      ['school', school.secretary.name, 'Bonjour Anaïs, voici le devis.'],
    ]);
  });

  it('the customer removes the optional insurance: journaled as them, totals and Payer follow, staff told live', async () => {
    const file = await fileWithQuote(marie, school.id);
    const events: string[] = [];
    const stop = ctx().deps.events.subscribe(school.id, (e) => {
      if (e.requestId === file.id) events.push(e.type);
    });
    // Not the lesson (not optional), not another file's line.
    const lesson = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/options/${file.lineIds[0]}/remove`,
      headers: fromPage,
    });
    expect(lesson.statusCode).toBe(303);
    expect(lesson.headers.location).toBe(`/c/${file.token}?refus=not_removable`);
    const removed = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/options/${file.lineIds[1]}/remove`,
      headers: fromPage,
    });
    stop();
    expect(removed.statusCode).toBe(303);
    expectPrivate(removed);
    expect(removed.headers.location).toBe(`/c/${file.token}?ok=removed`);
    expect(events).toContain('request.changed');

    const view = await viewOf(file.token);
    expect(view.totals).toMatchObject({ totalCents: 36_000, dueCents: 36_000 });
    expect(view.lines[1]).toMatchObject({ isActive: false, removeId: null });
    expect(view.offer!.isChangedSinceSent).toBe(true);
    expect(view.payOptions).toEqual([
      { purpose: 'deposit', amountCents: 10_800 },
      { purpose: 'balance', amountCents: 36_000 },
    ]);
    const after = await app.inject({ url: `/c/${file.token}?ok=removed` });
    expect(after.body).toContain('L’option a été retirée');
    const request = await ctx()
      .deps.db.kysely.selectFrom('requests')
      .select(['total_cents', 'version'])
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(Number(request.total_cents)).toBe(36_000);
    const journal = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .select(['actor_kind', 'actor_name', 'action', 'details_json'])
      .where('request_id', '=', file.id)
      .where('action', '=', 'portal.extra_removed')
      .execute();
    expect(journal).toEqual([
      {
        actor_kind: 'customer',
        actor_name: 'Anaïs Rélle',
        action: 'portal.extra_removed',
        details_json: JSON.stringify({ lineId: file.lineIds[1], label: 'Assurance Carré Neige' }),
      },
    ]);
    // Twice: nothing more to remove.
    const again = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/options/${file.lineIds[1]}/remove`,
      headers: fromPage,
    });
    expect(again.headers.location).toBe(`/c/${file.token}?refus=not_removable`);
  });

  it('an extra removed after a deposit link: the link’s deposit stays as its e-mail said, the balance follows the total', async () => {
    const file = await fileWithQuote(marie, school.id, { send: false });
    const link = await marie.post(`/api/requests/${file.id}/payment-links`, {
      version: (await marie.get(`/api/requests/${file.id}/devis`)).json().version,
      amount: 'deposit',
    });
    expect(link.statusCode, link.body).toBe(201);
    // 30 % of 398,40 €, as the e-mail said.
    expect((await viewOf(file.token)).payOptions).toEqual([
      { purpose: 'deposit', amountCents: 11_952 },
      { purpose: 'balance', amountCents: 39_840 },
    ]);
    const removed = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/options/${file.lineIds[1]}/remove`,
      headers: fromPage,
    });
    expect(removed.headers.location).toBe(`/c/${file.token}?ok=removed`);
    const view = await viewOf(file.token);
    expect(view.totals).toMatchObject({ totalCents: 36_000, dueCents: 36_000 });
    expect(view.payOptions).toEqual([
      { purpose: 'deposit', amountCents: 11_952 },
      { purpose: 'balance', amountCents: 36_000 },
    ]);
    // The staff's échéancier says both: the rule on the new total, and what the link asked.
    const staff = (await marie.get(`/api/requests/${file.id}/payments`)).json();
    expect(staff.schedule).toMatchObject({ depositCents: 10_800, askedDepositCents: 11_952 });
  });

  it('refuses removing an extra once something is paid, and before any quote', async () => {
    const paid = await fileWithQuote(marie, school.id);
    await ctx()
      .deps.db.kysely.insertInto('payments')
      .values({
        id: `pay_${seq}_${ctx().dialect}`,
        school_id: school.id,
        request_id: paid.id,
        kind: 'manual',
        method: 'cheque',
        amount_cents: 10_000,
        provider: null,
        provider_ref: null,
        payer_name: null,
        note: null,
        is_flagged: 0,
        received_at: '2026-12-02T09:00:00.000Z',
        recorded_by_user_id: null,
        created_at: '2026-12-02T09:00:00.000Z',
        reference: null,
        voucher_count: null,
        payer_address: null,
        refund_of_payment_id: null,
        attempt_id: null,
      })
      .execute();
    await ctx()
      .deps.db.kysely.updateTable('requests')
      .set({ paid_cents: 10_000 })
      .where('id', '=', paid.id)
      .execute();
    const view = await viewOf(paid.token);
    expect(view.lines.every((l) => l.removeId === null)).toBe(true);
    expect(view.payments).toEqual([
      { receivedAt: '2026-12-02T09:00:00.000Z', amountCents: 10_000, method: 'cheque' },
    ]);
    const refused = await app.inject({
      method: 'POST',
      url: `/c/${paid.token}/options/${paid.lineIds[1]}/remove`,
      headers: fromPage,
    });
    expect(refused.headers.location).toBe(`/c/${paid.token}?refus=paid`);
    expect((await viewOf(paid.token)).lines[1]!.isActive).toBe(true);

    const unsent = await fileWithQuote(marie, school.id, { send: false });
    expect((await viewOf(unsent.token)).offer).toBeNull();
    const early = await app.inject({
      method: 'POST',
      url: `/c/${unsent.token}/options/${unsent.lineIds[1]}/remove`,
      headers: fromPage,
    });
    expect(early.headers.location).toBe(`/c/${unsent.token}?refus=not_removable`);
  });

  it('the customer replies: their message, "à traiter", a notification and the live event for staff', async () => {
    const file = await fileWithQuote(marie, school.id);
    const events: string[] = [];
    const stop = ctx().deps.events.subscribe(school.id, (e) => {
      if (e.requestId === file.id) events.push(e.type);
    });
    const sent = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/messages`,
      headers: { ...fromPage, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'body=Peut-on+d%C3%A9caler+au+mardi+%3F',
    });
    stop();
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/c/${file.token}?ok=reply`);
    expect(events).toEqual(expect.arrayContaining(['request.changed', 'notification']));
    const page = await marie.get(`/api/requests/${file.id}`);
    const messages = page.json().messages as { authorKind: string; body: string }[];
    expect(messages.at(-1)).toMatchObject({ authorKind: 'customer', body: 'Peut-on décaler au mardi ?' });
    // "À traiter": the last message is the customer's (what the lists' isToHandle reads).
    const row = await ctx()
      .deps.db.kysely.selectFrom('requests')
      .select(['last_message_author', 'last_message_preview'])
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      last_message_author: 'customer',
      last_message_preview: 'Peut-on décaler au mardi ?',
    });
    const notifications = await marie.get('/api/notifications');
    expect(JSON.stringify(notifications.json())).toContain('message.received');

    const empty = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/messages`,
      headers: { ...fromPage, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'body=+++',
    });
    expect(empty.headers.location).toBe(`/c/${file.token}?refus=empty`);
    expect((await app.inject({ url: `/c/${file.token}?refus=empty` })).body).toContain(
      'Votre message est vide.',
    );
  });

  it('refuses a form posted from another site (Origin / Sec-Fetch-Site), writes nothing', async () => {
    const file = await fileWithQuote(marie, school.id);
    for (const headers of [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/c/${file.token}/options/${file.lineIds[1]}/remove`,
        headers,
      });
      expect(response.statusCode).toBe(403);
      expectPrivate(response);
    }
    expect((await viewOf(file.token)).lines[1]!.isActive).toBe(true);
  });

  it('unknown, revoked and malformed links look exactly the same, on every portal address', async () => {
    const file = await fileWithQuote(marie, school.id);
    const old = file.token;
    const fresh = await transact(ctx().deps, (tx) =>
      reissuePortalLink(ctx().deps, tx, { schoolId: school.id, id: file.id }),
    );
    const unknown = 'A'.repeat(43);
    const bodies = new Set<string>();
    for (const token of [old, unknown, old.slice(0, 30), `${old}x`, 'é'.repeat(10)]) {
      for (const suffix of ['', '/devis.pdf', '/events']) {
        const response = await app.inject({ url: `/c/${encodeURIComponent(token)}${suffix}` });
        expect(response.statusCode, `${token}${suffix}`).toBe(404);
        expectPrivate(response);
        bodies.add(response.body);
      }
      for (const [url, payload] of [
        [`/c/${encodeURIComponent(token)}/messages`, 'body=bonjour'],
        [`/c/${encodeURIComponent(token)}/messages`, 'body='],
        [`/c/${encodeURIComponent(token)}/options/${file.lineIds[1]}/remove`, ''],
      ] as const) {
        const response = await app.inject({
          method: 'POST',
          url,
          headers: { ...fromPage, 'content-type': 'application/x-www-form-urlencoded' },
          payload,
        });
        expect(response.statusCode, url).toBe(404);
        expectPrivate(response);
        bodies.add(response.body);
      }
    }
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toContain('Lien non valable');
    // The new link opens the file, untouched by the refused posts.
    expect((await viewOf(fresh)).lines[1]!.isActive).toBe(true);
    expect((await viewOf(fresh)).conversation).toHaveLength(1);
  });

  it('a token of one file never opens another file or school', async () => {
    const mine = await fileWithQuote(marie, school.id);
    const theirs = await fileWithQuote(otherMarie, other.id);
    // Another school's line id through my link: not found on my file, nothing changed there.
    const cross = await app.inject({
      method: 'POST',
      url: `/c/${mine.token}/options/${theirs.lineIds[1]}/remove`,
      headers: fromPage,
    });
    expect(cross.headers.location).toBe(`/c/${mine.token}?refus=not_removable`);
    expect((await viewOf(theirs.token)).lines[1]!.isActive).toBe(true);
    const myView = await viewOf(mine.token);
    const theirView = await viewOf(theirs.token);
    expect(myView.school.name).toBe(school.name);
    expect(theirView.school.name).toBe(other.name);
    expect(JSON.stringify(myView)).not.toContain(other.name);
    // A checkout attempt of another file is not shown on mine.
    const attemptId = `att_${seq}_${ctx().dialect}`;
    await ctx()
      .deps.db.kysely.insertInto('payment_attempts')
      .values({
        id: attemptId,
        school_id: other.id,
        request_id: theirs.id,
        offer_id: null,
        provider: 'sandbox',
        amount_cents: 100,
        purpose: 'deposit',
        state: 'pending',
        provider_session_id: null,
        checkout_url: null,
        created_at: '2026-12-02T09:00:00.000Z',
        updated_at: '2026-12-02T09:00:00.000Z',
      })
      .execute();
    expect((await portalViewOf(ctx().deps, mine.token, { attemptId }))!.paymentReturn).toBeNull();
    expect((await portalViewOf(ctx().deps, theirs.token, { attemptId }))!.paymentReturn).toEqual({
      state: 'pending',
      amountCents: 100,
    });
  });

  it('back from the checkout: "en cours de confirmation" until the attempt settles, then the truth', async () => {
    const file = await fileWithQuote(marie, school.id);
    const attemptId = `att_${++seq}_${ctx().dialect}`;
    await ctx()
      .deps.db.kysely.insertInto('payment_attempts')
      .values({
        id: attemptId,
        school_id: school.id,
        request_id: file.id,
        offer_id: null,
        provider: 'sandbox',
        amount_cents: 11_952,
        purpose: 'deposit',
        state: 'open',
        provider_session_id: null,
        checkout_url: null,
        created_at: '2026-12-02T09:00:00.000Z',
        updated_at: '2026-12-02T09:00:00.000Z',
      })
      .execute();
    const pending = await app.inject({ url: `/c/${file.token}?paiement=${attemptId}` });
    expect(pending.body).toContain('data-payment-state="pending"');
    expect(pending.body).toContain('Paiement en cours de confirmation');
    expect(pending.body).toContain(`data-live="/c/${file.token}/events"`);
    for (const [state, shown] of [
      ['succeeded', 'Paiement reçu'],
      ['failed', 'n’a pas abouti'],
      ['expired', 'n’a pas abouti'],
    ] as const) {
      await ctx()
        .deps.db.kysely.updateTable('payment_attempts')
        .set({ state })
        .where('id', '=', attemptId)
        .execute();
      const page = await app.inject({ url: `/c/${file.token}?paiement=${attemptId}` });
      expect(page.body).toContain(shown);
      expect(page.body).not.toContain('Paiement en cours de confirmation');
    }
  });

  it('an archived file shows the conversation only, with the reply box; a later reply is recorded, staff told', async () => {
    const file = await fileWithQuote(marie, school.id);
    const { version } = (await marie.get(`/api/requests/${file.id}`)).json().request as { version: number };
    const archived = await marie.post(`/api/requests/${file.id}/archive`, { version });
    expect(archived.statusCode, archived.body).toBe(200);
    const view = await viewOf(file.token);
    expect(view).toMatchObject({
      file: { isArchived: true },
      offer: null,
      lines: [],
      totals: null,
      payments: [],
      schedule: null,
      payOptions: [],
      canReply: true,
    });
    expect(view.conversation).toHaveLength(1);
    const page = await app.inject({ url: `/c/${file.token}` });
    expect(page.body).toContain('Ce dossier est clos');
    expect(page.body).toContain(`action="/c/${file.token}/messages"`);
    expect(page.body).toMatch(/<textarea/);
    expect(page.body).not.toMatch(/\/pay"|devis\.pdf|Assurance/);
    expect((await app.inject({ url: `/c/${file.token}/devis.pdf` })).statusCode).toBe(404);

    // Issue 12: a customer reply that arrives after the archive is recorded and shown.
    const events: string[] = [];
    const stop = ctx().deps.events.subscribe(school.id, (e) => {
      if (e.requestId === file.id) events.push(e.type);
    });
    const reply = await app.inject({
      method: 'POST',
      url: `/c/${file.token}/messages`,
      headers: { ...fromPage, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'body=Merci+pour+la+saison+%21',
    });
    stop();
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toBe(`/c/${file.token}?ok=reply`);
    expect(events).toEqual(expect.arrayContaining(['request.changed', 'notification']));
    const after = (await viewOf(file.token)).conversation;
    expect(after).toHaveLength(2);
    expect(after.at(-1)).toMatchObject({ from: 'customer', body: 'Merci pour la saison !' });
    expect((await app.inject({ url: `/c/${file.token}?ok=reply` })).body).toContain('Merci pour la saison !');
    // The staff see it on the archived file (still "Archivé"), journaled, and are notified.
    const staff = (await marie.get(`/api/requests/${file.id}`)).json() as {
      request: { status: string };
      messages: { authorKind: string; body: string }[];
    };
    expect(staff.request.status).toBe('archived');
    expect(staff.messages.at(-1)).toMatchObject({ authorKind: 'customer', body: 'Merci pour la saison !' });
    const journal = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .select('action')
      .where('request_id', '=', file.id)
      .execute();
    expect(journal.map((j) => j.action)).toContain('message.received');
    expect(JSON.stringify((await marie.get('/api/notifications')).json())).toContain('message.received');
  });
});
