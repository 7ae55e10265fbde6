import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRequest } from '../../src/app/requests/change-request.js';
import { transact } from '../../src/app/tx.js';
import { insertMessage } from '../../src/db/repositories/message.repository.js';
import { searchRequestIds } from '../../src/db/repositories/search.repository.js';
import type { App } from '../../src/http/types.js';
import { readJournalEvent } from '../../src/shared/journal.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase, type TestContext } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  bearer,
  createKey,
  fileWith,
  type PosCatalogue,
  pay,
  posCatalogue,
  type School,
  statusOf,
} from '../support/pos-fixtures.js';

/** Every row of every table that may hold something of the file, as one text (to search it). */
export async function everythingAbout(ctx: TestContext, requestId: string): Promise<string> {
  const db = ctx.deps.db.kysely;
  const { school_id: schoolOf } = await db
    .selectFrom('requests')
    .select('school_id')
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  const byRequest = [
    'lines',
    'messages',
    'offers',
    'payments',
    'payment_attempts',
    'payment_events',
    'payment_anomalies',
    'activity',
    'notifications',
  ] as const;
  const parts: unknown[] = [];
  for (const table of byRequest)
    parts.push(await db.selectFrom(table).selectAll().where('request_id', '=', requestId).execute());
  parts.push(await db.selectFrom('search_fts').selectAll().where('request_id', '=', requestId).execute());
  parts.push(await db.selectFrom('outbox').selectAll().where('school_id', '=', schoolOf).execute());
  parts.push(await sql`select * from mail_log`.execute(db).then((r) => r.rows));
  return JSON.stringify(parts);
}

describeEachDatabase('“Archiver” and “Archiver la saison”', (ctx) => {
  let app: App;
  let school: School;
  let other: School;
  let admin: Client;
  let marie: Client;
  let otherAdmin: Client;
  let catalogue: PosCatalogue;
  let key: string;
  const db = () => ctx().deps.db.kysely;

  beforeAll(async () => {
    app = await appFor(ctx());
    school = await makeSchool(ctx().deps);
    other = await makeSchool(ctx().deps);
    admin = new Client(app);
    await admin.login(school.admin.email);
    marie = new Client(app);
    await marie.login(school.secretary.email);
    otherAdmin = new Client(app);
    await otherAdmin.login(other.admin.email);
    catalogue = await posCatalogue(ctx(), school.id);
    key = (await createKey(admin)).key;
  });
  afterAll(() => app.close());

  /** The demo's paid mixed file, taken through the POS API and ticked: "Commande traitée". */
  async function processedMixedFile() {
    const file = await fileWith(marie, catalogue, ['online', 'desk'], {
      firstName: 'Anaïs',
      lastName: 'Zéphyrin',
    });
    const quote = await marie.post(`/api/requests/${file.id}/quotes`, { version: file.version });
    expect(quote.statusCode, quote.body).toBe(201);
    await pay(ctx(), school.id, file.id, 30_000, {
      payerName: 'Jean Payeur',
      payerAddress: '12 rue des Sapins, Annecy',
      providerRef: `pi_${file.id}`,
    });
    await pay(ctx(), school.id, file.id, file.totalCents - 30_000, { method: 'holiday_vouchers' });
    await ctx().deps.outbox.drain();
    const acked = await app.inject({
      method: 'POST',
      url: `/api/pos/v1/orders/${file.number}/ack`,
      headers: bearer(key),
    });
    expect(acked.statusCode).toBe(200);
    const { version } = await statusOf(ctx(), file.id);
    expect(
      (
        await marie.request('PUT', `/api/requests/${file.id}/entered-in-pos`, {
          version,
          isEnteredInPos: true,
        })
      ).json().status,
    ).toBe('processed');
    return file;
  }

  async function archive(id: string, client = marie) {
    const { version } = await statusOf(ctx(), id);
    return client.post(`/api/requests/${id}/archive`, { version });
  }

  describe('one file', () => {
    it('erases the order content everywhere and keeps the conversation, number, dates, contact, totals and ledger', async () => {
      const file = await processedMixedFile();
      const before = await db()
        .selectFrom('requests')
        .selectAll()
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      const beforeAll = await everythingAbout(ctx(), file.id);
      // The order content is there before: participants, birth dates, the payer, the quote.
      for (const trace of ['Léa', '2016-03-02', 'Jean Payeur', 'Sapins']) expect(beforeAll).toContain(trace);

      // The quote e-mail went out (delivery is the mail area's; stamped here so the test does not depend on it).
      const offers = await db().selectFrom('offers').select('id').where('request_id', '=', file.id).execute();
      const sent = await db()
        .selectFrom('outbox')
        .select('id')
        .where('payload_json', 'like', `%${offers[0]!.id}%`)
        .execute();
      expect(sent.length).toBeGreaterThan(0);
      await db()
        .updateTable('outbox')
        .set({ delivered_at: '2026-12-01T10:00:00.000Z' })
        .where(
          'id',
          'in',
          sent.map((o) => o.id),
        )
        .execute();

      const r = await archive(file.id);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().status).toBe('archived');

      const after = await everythingAbout(ctx(), file.id);
      for (const trace of [
        'Léa',
        'Tom',
        '2016-03-02',
        '2018-07-14',
        'beginner',
        'Jean Payeur',
        'Sapins',
        'Front de neige',
      ])
        expect(after, trace).not.toContain(trace);

      // Field by field: the lines keep the ledger's amounts, nothing of the participants or the session.
      const lines = await db()
        .selectFrom('lines')
        .selectAll()
        .where('request_id', '=', file.id)
        .orderBy('position')
        .execute();
      expect(lines.map((l) => [l.details_json, l.session_id, l.instructor_id, l.participant_count])).toEqual([
        ['{}', null, null, 0],
        ['{}', null, null, 0],
      ]);
      expect(lines.map((l) => [l.total_cents, l.vat_rate_bp, l.is_online_sale])).toEqual([
        [43_000, 1000, 1],
        [18_000, 1000, 0],
      ]);
      expect(
        await db().selectFrom('offers').select('id').where('request_id', '=', file.id).execute(),
      ).toEqual([]);
      const payments = await db()
        .selectFrom('payments')
        .select([
          'amount_cents',
          'method',
          'provider',
          'provider_ref',
          'received_at',
          'payer_name',
          'payer_address',
          'note',
        ])
        .where('request_id', '=', file.id)
        .orderBy('amount_cents', 'desc')
        .execute();
      expect(
        payments.map((p) => [
          Number(p.amount_cents),
          p.method,
          p.provider_ref,
          p.payer_name,
          p.payer_address,
          p.note,
        ]),
      ).toEqual([
        [31_000, 'holiday_vouchers', null, null, null, null],
        [30_000, 'online', `pi_${file.id}`, null, null, null],
      ]);
      const messages = await db()
        .selectFrom('messages')
        .select(['body', 'payload_json'])
        .where('request_id', '=', file.id)
        .execute();
      expect(messages[0]).toEqual({ body: 'Bonjour, deux enfants.', payload_json: null });

      const row = await db()
        .selectFrom('requests')
        .selectAll()
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        number: before.number,
        created_at: before.created_at,
        customer_id: before.customer_id,
        customer_name: before.customer_name,
        customer_email: before.customer_email,
        total_cents: before.total_cents,
        paid_cents: before.paid_cents,
        status: 'archived',
      });
      expect(row.archived_at).not.toBeNull();

      // The search finds the file by its customer, no longer by what was in the order.
      expect(await searchRequestIds(db(), school.id, ['zephyrin'], 10)).toContain(file.id);
      expect(await searchRequestIds(db(), school.id, ['payeur'], 10)).not.toContain(file.id);

      // Outbox payloads already delivered are redacted; the mail log keeps no body.
      const outbox = await db()
        .selectFrom('outbox')
        .select('payload_json')
        .where(
          'id',
          'in',
          sent.map((o) => o.id),
        )
        .execute();
      expect(outbox.map((o) => o.payload_json)).toEqual(sent.map(() => '{"redacted":true}'));

      // The journal keeps every sentence, readable, without the erased data; redaction is stamped.
      const journal = await db()
        .selectFrom('activity')
        .select(['action', 'details_json', 'redacted_at', 'actor_name'])
        .where('request_id', '=', file.id)
        .orderBy('id')
        .execute();
      expect(journal.map((j) => j.action)).toEqual(
        expect.arrayContaining([
          'request.created',
          'line.added',
          'pos.lines_imported',
          'pos.entered_in_pos_changed',
          'archive.file_archived',
        ]),
      );
      for (const entry of journal)
        expect(readJournalEvent(entry.action, entry.details_json), entry.action).not.toBeNull();
      const lineAdded = journal.find((j) => j.action === 'line.added')!;
      expect(JSON.parse(lineAdded.details_json)).toMatchObject({ label: '…', participants: 2 });
      expect(lineAdded.redacted_at).not.toBeNull();
      const archived = journal.at(-1)!;
      expect(archived.action).toBe('archive.file_archived');
      expect(JSON.parse(archived.details_json)).toMatchObject({ number: file.number });
      expect(JSON.parse(archived.details_json).redactedEntries).toBeGreaterThan(0);
      // Any other rewrite of the journal is still refused by the database.
      await expect(
        db().updateTable('activity').set({ action: 'forged' }).where('request_id', '=', file.id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(db().deleteFrom('activity').where('request_id', '=', file.id).execute()).rejects.toThrow(
        /append-only/,
      );
    });

    it('records and shows a payment and a reply that arrive after the archive', async () => {
      const file = await processedMixedFile();
      await archive(file.id);
      const paidBefore = (
        await db()
          .selectFrom('requests')
          .select('paid_cents')
          .where('id', '=', file.id)
          .executeTakeFirstOrThrow()
      ).paid_cents;
      await pay(ctx(), school.id, file.id, 2_500, { providerRef: `pi_late_${file.id}` });
      const row = await db()
        .selectFrom('requests')
        .select(['paid_cents', 'status'])
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ paid_cents: Number(paidBefore) + 2_500, status: 'archived' });
      const devis = await marie.get(`/api/requests/${file.id}/devis`);
      expect(devis.statusCode, devis.body).toBe(200);
      expect(devis.json().totals.paidCents).toBe(Number(paidBefore) + 2_500);
      // « Devis et liens envoyés » still says what was sent, from the journal (the PDFs are erased).
      const sent = devis.json().offers as { kind: string; number: string }[];
      expect(sent.map((o) => o.kind)).toEqual(['quote']);
      expect(sent[0]!.number).toMatch(/^DEV-\d{4}-\d{4}$/);
      // A customer's reply (portal, inbound e-mail) comes in through the change path as any message does.
      await transact(ctx().deps, (tx) =>
        changeRequest(
          tx,
          {
            schoolId: school.id,
            requestId: file.id,
            actor: { kind: 'system', schoolId: school.id, name: 'Client' },
          },
          async (f) => {
            await insertMessage(tx.trx, {
              id: `msg_late_${file.id}`,
              school_id: school.id,
              request_id: file.id,
              author_kind: 'customer',
              author_user_id: null,
              noted_by_user_id: null,
              body: 'Merci, à l’an prochain !',
              body_key: null,
              body_params_json: null,
              payload_json: null,
              created_at: tx.now,
            });
            f.conversationMoved({
              at: tx.now,
              preview: 'Merci, à l’an prochain !',
              key: null,
              paramsJson: null,
              author: 'customer',
            });
          },
        ),
      );
      const page = await marie.get(`/api/requests/${file.id}`);
      expect(page.statusCode).toBe(200);
      const conversation = await db()
        .selectFrom('messages')
        .select('body')
        .where('request_id', '=', file.id)
        .orderBy('created_at')
        .execute();
      expect(conversation.map((m) => m.body)).toEqual(['Bonjour, deux enfants.', 'Merci, à l’an prochain !']);
    });

    it('is harmless twice, refuses a stale version, and another school’s file is not found', async () => {
      const file = await processedMixedFile();
      expect((await marie.post(`/api/requests/${file.id}/archive`, { version: 1 })).statusCode).toBe(409);
      expect((await archive(file.id, otherAdmin)).statusCode).toBe(404);
      expect((await archive(file.id)).statusCode).toBe(200);
      const count = async () =>
        (await db().selectFrom('activity').select('id').where('request_id', '=', file.id).execute()).length;
      const entries = await count();
      const again = await archive(file.id);
      expect(again.statusCode).toBe(200);
      expect(again.json().status).toBe('archived');
      expect(await count()).toBe(entries);
    });
  });

  describe('the season', () => {
    it('archives every processed file, resumes after an interruption, and does nothing the second time', async () => {
      const season = await makeSchool(ctx().deps);
      const seasonAdmin = new Client(app);
      await seasonAdmin.login(season.admin.email);
      const cat = await posCatalogue(ctx(), season.id);
      const processed: string[] = [];
      for (let i = 0; i < 3; i++) {
        const file = await fileWith(seasonAdmin, cat, ['desk']);
        await pay(ctx(), season.id, file.id, file.totalCents);
        const { version } = await statusOf(ctx(), file.id);
        await seasonAdmin.request('PUT', `/api/requests/${file.id}/entered-in-pos`, {
          version,
          isEnteredInPos: true,
        });
        processed.push(file.id);
      }
      const open = await fileWith(seasonAdmin, cat, ['desk']);

      const started = await seasonAdmin.post('/api/archive/season', { scope: 'processed' });
      expect(started.statusCode, started.body).toBe(200);
      const job = started.json();
      expect(job).toMatchObject({ total: 3, doneCount: 0, state: 'running' });
      const first = await seasonAdmin.post(`/api/archive/season/${job.id}/run`, { batch: 1 });
      expect(first.json()).toMatchObject({ doneCount: 1, state: 'running' });
      // Interrupted here (the browser closed): starting again answers the same run, which goes on.
      const resumed = await seasonAdmin.post('/api/archive/season', { scope: 'processed' });
      expect(resumed.json()).toMatchObject({ id: job.id, doneCount: 1, state: 'running' });
      expect((await seasonAdmin.get('/api/archive/season')).json().job).toMatchObject({
        id: job.id,
        state: 'running',
      });
      // One file archived by hand meanwhile is skipped, not counted twice.
      await archive(processed[2]!, seasonAdmin);
      let progress = resumed.json();
      while (progress.state === 'running')
        progress = (await seasonAdmin.post(`/api/archive/season/${job.id}/run`, { batch: 10 })).json();
      expect(progress).toMatchObject({ doneCount: 2, total: 3, state: 'done' });
      for (const id of processed) expect((await statusOf(ctx(), id)).status).toBe('archived');
      expect((await statusOf(ctx(), open.id)).status).not.toBe('archived');

      const twice = (await seasonAdmin.post('/api/archive/season', { scope: 'processed' })).json();
      expect(twice).toMatchObject({ total: 0, state: 'running' });
      const done = (await seasonAdmin.post(`/api/archive/season/${twice.id}/run`, {})).json();
      expect(done).toMatchObject({ doneCount: 0, state: 'done' });
      const journal = await db()
        .selectFrom('activity')
        .select('action')
        .where('school_id', '=', season.id)
        .where('action', 'like', 'archive.season%')
        .execute();
      expect(journal.map((j) => j.action)).toEqual([
        'archive.season_started',
        'archive.season_finished',
        'archive.season_started',
        'archive.season_finished',
      ]);

      const older = (
        await seasonAdmin.post('/api/archive/season', { scope: 'older_than', beforeDay: '2999-01-01' })
      ).json();
      expect(older.total).toBe(1);
      const finished = (await seasonAdmin.post(`/api/archive/season/${older.id}/run`, {})).json();
      expect(finished).toMatchObject({ doneCount: 1, state: 'done' });
      expect((await statusOf(ctx(), open.id)).status).toBe('archived');
    });

    it('is for admins, needs a date for “older than”, and another school’s run is not found', async () => {
      expect((await marie.post('/api/archive/season', { scope: 'processed' })).statusCode).toBe(403);
      const noDay = await admin.post('/api/archive/season', { scope: 'older_than' });
      expect(noDay.statusCode).toBe(400);
      const job = (
        await admin.post('/api/archive/season', { scope: 'older_than', beforeDay: '2000-01-01' })
      ).json();
      expect((await otherAdmin.post(`/api/archive/season/${job.id}/run`, {})).statusCode).toBe(404);
      expect((await admin.post(`/api/archive/season/${job.id}/run`, {})).json().state).toBe('done');
    });
  });
});
