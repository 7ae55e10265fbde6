import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { uniqueEmail } from '../support/intake-client.js';
import {
  fileWith,
  type PosCatalogue,
  pay,
  posCatalogue,
  type School,
  statusOf,
} from '../support/pos-fixtures.js';

const TABLES = [
  'lines',
  'messages',
  'offers',
  'payments',
  'payment_attempts',
  'payment_anomalies',
  'activity',
  'notifications',
] as const;

describeEachDatabase('the customer’s data rights (GDPR articles 15 and 17)', (ctx) => {
  let app: App;
  let school: School;
  let other: School;
  let admin: Client;
  let marie: Client;
  let otherAdmin: Client;
  let catalogue: PosCatalogue;
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
  });
  afterAll(() => app.close());

  /** A customer with two files: a paid mixed one with a quote and a payer, and a second request. */
  async function customerWithFiles(firstName = 'Ondine', lastName = 'Quessard') {
    const email = uniqueEmail();
    const first = await fileWith(marie, catalogue, ['online', 'desk'], {
      firstName,
      lastName,
      email,
    });
    const quote = await marie.post(`/api/requests/${first.id}/quotes`, { version: first.version });
    expect(quote.statusCode, quote.body).toBe(201);
    await pay(ctx(), school.id, first.id, first.totalCents, {
      payerName: 'Hippolyte Payeur',
      payerAddress: '7 chemin des Mélèzes',
      providerRef: `pi_gdpr_${first.id}`,
    });
    const second = await fileWith(marie, catalogue, ['desk'], {
      firstName,
      lastName,
      email,
    });
    await marie.post(`/api/requests/${second.id}/messages`, { body: `Bonjour ${firstName}, c’est noté.` });
    const customerId = (
      await db()
        .selectFrom('requests')
        .select('customer_id')
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow()
    ).customer_id;
    return { email, first, second, customerId };
  }

  it('exports everything held about the customer, field by field, and journals it', async () => {
    const { customerId, first, second, email } = await customerWithFiles();
    const r = await admin.get(`/api/customers/${customerId}/gdpr-export`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toContain('attachment');
    const data = r.json();
    expect(data.schema).toBe('schuss.gdpr-export.v1');
    expect(data.customer).toMatchObject({
      id: customerId,
      email,
      first_name: 'Ondine',
      last_name: 'Quessard',
    });
    expect(data.requests.map((q: { id: string }) => q.id).sort()).toEqual([first.id, second.id].sort());
    expect(JSON.stringify(data.requests)).not.toContain('portal_token_hash');
    const ids = [first.id, second.id];
    // Every row of every table about the two files, every column (JSON columns parsed).
    const keyOf: Record<(typeof TABLES)[number], string> = {
      lines: 'lines',
      messages: 'messages',
      offers: 'offers',
      payments: 'payments',
      payment_attempts: 'paymentAttempts',
      payment_anomalies: 'paymentAnomalies',
      activity: 'journal',
      notifications: 'notifications',
    };
    for (const table of TABLES) {
      const rows = await db().selectFrom(table).selectAll().where('request_id', 'in', ids).execute();
      const exportedRows = data[keyOf[table]] as Record<string, unknown>[];
      expect(exportedRows.length, table).toBe(rows.length);
      for (const row of rows as Record<string, unknown>[]) {
        const match = exportedRows.find((e) => String(e.id) === String(row.id));
        expect(match, `${table} ${String(row.id)}`).toBeDefined();
        for (const [column, value] of Object.entries(row)) {
          const expected = column.endsWith('_json') && typeof value === 'string' ? JSON.parse(value) : value;
          expect(match![column], `${table}.${column}`).toEqual(expected);
        }
      }
    }
    expect(data.lines.length).toBe(3);
    expect(JSON.stringify(data.lines)).toContain('2016-03-02');
    expect(data.payments[0].payer_name).toBe('Hippolyte Payeur');
    expect(data.messages.map((m: { body: string }) => m.body)).toContain('Bonjour Ondine, c’est noté.');
    expect(data.journal.every((j: { sentence: string }) => j.sentence.length > 0)).toBe(true);
    expect(data.outbox.length).toBeGreaterThan(0);
    const journaled = await db()
      .selectFrom('activity')
      .select(['action', 'details_json', 'actor_name'])
      .where('school_id', '=', school.id)
      .where('action', '=', 'gdpr.exported')
      .execute();
    expect(journaled.map((j) => JSON.parse(j.details_json))).toContainEqual({ customerId, files: 2 });
  });

  it('erases everything but the payment ledger, everywhere, and journals it', async () => {
    const { customerId, first, second, email } = await customerWithFiles('Gwenaëlle', 'Tréhorel');
    const wrong = await admin.post(`/api/customers/${customerId}/gdpr-erase`, { confirmEmail: 'x@y.z' });
    expect(wrong.statusCode).toBe(400);
    const r = await admin.post(`/api/customers/${customerId}/gdpr-erase`, {
      confirmEmail: email.toUpperCase(),
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ customerId, files: 2 });
    const ids = [first.id, second.id];

    const parts: unknown[] = [];
    for (const table of [...TABLES, 'payment_events'] as const)
      parts.push(await db().selectFrom(table).selectAll().where('request_id', 'in', ids).execute());
    parts.push(await db().selectFrom('requests').selectAll().where('id', 'in', ids).execute());
    parts.push(await db().selectFrom('customers').selectAll().where('id', '=', customerId).execute());
    parts.push(await db().selectFrom('search_fts').selectAll().where('request_id', 'in', ids).execute());
    parts.push(await db().selectFrom('outbox').selectAll().where('school_id', '=', school.id).execute());
    parts.push(await sql`select * from mail_log`.execute(db()).then((x) => x.rows));
    const everything = JSON.stringify(parts);
    for (const trace of [
      'Gwenaëlle',
      'Tréhorel',
      email,
      'Léa',
      '2016-03-02',
      'Hippolyte',
      'Mélèzes',
      'Bonjour Gwena',
      'deux enfants',
    ])
      expect(everything, trace).not.toContain(trace);

    // The ledger stays: amounts, method, provider reference, date.
    const ledger = await db()
      .selectFrom('payments')
      .select(['amount_cents', 'method', 'provider_ref', 'received_at'])
      .where('request_id', '=', first.id)
      .execute();
    expect(ledger.map((p) => [Number(p.amount_cents), p.method, p.provider_ref])).toEqual([
      [first.totalCents, 'online', `pi_gdpr_${first.id}`],
    ]);
    expect((await statusOf(ctx(), first.id)).status).toBe('archived');
    expect((await statusOf(ctx(), second.id)).status).toBe('archived');
    const search = await marie.get(`/api/search?q=Trehorel`);
    expect(search.json().items).toEqual([]);
    const journaled = await db()
      .selectFrom('activity')
      .select('details_json')
      .where('school_id', '=', school.id)
      .where('action', '=', 'gdpr.erased')
      .execute();
    expect(journaled.map((j) => JSON.parse(j.details_json))).toContainEqual({ customerId, files: 2 });
    // The file pages still open and read.
    const page = await marie.get(`/api/requests/${first.id}`);
    expect(page.statusCode).toBe(200);
  });

  it('is for admins only, and another school’s customer is not found', async () => {
    const { customerId, email } = await customerWithFiles();
    expect((await marie.get(`/api/customers/${customerId}/gdpr-export`)).statusCode).toBe(403);
    expect(
      (await marie.post(`/api/customers/${customerId}/gdpr-erase`, { confirmEmail: email })).statusCode,
    ).toBe(403);
    expect((await otherAdmin.get(`/api/customers/${customerId}/gdpr-export`)).statusCode).toBe(404);
    expect(
      (await otherAdmin.post(`/api/customers/${customerId}/gdpr-erase`, { confirmEmail: email })).statusCode,
    ).toBe(404);
    const row = await db()
      .selectFrom('customers')
      .select('email')
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe(email);
  });
});

describeEachDatabase('an archived file: line edits', (ctx) => {
  let app: App;
  let school: School;
  let marie: Client;
  let catalogue: PosCatalogue;

  beforeAll(async () => {
    app = await appFor(ctx());
    school = await makeSchool(ctx().deps);
    marie = new Client(app);
    await marie.login(school.secretary.email);
    catalogue = await posCatalogue(ctx(), school.id);
  });
  afterAll(() => app.close());

  async function archivedFile() {
    const file = await fileWith(marie, catalogue, ['online']);
    const { version } = await statusOf(ctx(), file.id);
    const archived = await marie.post(`/api/requests/${file.id}/archive`, { version });
    expect(archived.statusCode, archived.body).toBe(200);
    return file;
  }

  it('refuses line edits on an archived file', async () => {
    const file = await archivedFile();
    const { version } = await statusOf(ctx(), file.id);
    const added = await marie.post(`/api/requests/${file.id}/lines`, {
      kind: 'catalog',
      version,
      ...catalogue.desk,
      participants: [{ firstName: 'Zoé', birthDate: '2015-01-01', level: 'beginner' }],
    });
    expect(added.statusCode, added.body).toBe(409);
    const lines = await ctx()
      .deps.db.kysely.selectFrom('lines')
      .select('id')
      .where('request_id', '=', file.id)
      .execute();
    expect(lines).toHaveLength(1);
    const removed = await marie.request(
      'DELETE',
      `/api/requests/${file.id}/lines/${lines[0]!.id}?version=${version}`,
    );
    expect(removed.statusCode, removed.body).toBe(409);
  });
});
