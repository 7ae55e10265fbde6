import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

const customer = (email: string) => ({
  email,
  firstName: 'Héloïse',
  lastName: 'Février',
  phone: '+33 6 12 34 56 78',
  language: 'fr',
});

describeEachDatabase('requests: numbering, versions, isolation', (ctx) => {
  let app: App;
  let a: Awaited<ReturnType<typeof makeSchool>>;
  let b: Awaited<ReturnType<typeof makeSchool>>;
  let marie: Client;
  let adminA: Client;
  let staffB: Client;
  beforeAll(async () => {
    app = await appFor(ctx());
    a = await makeSchool(ctx().deps);
    b = await makeSchool(ctx().deps);
    marie = new Client(app);
    await marie.login(a.secretary.email);
    adminA = new Client(app);
    await adminA.login(a.admin.email);
    staffB = new Client(app);
    await staffB.login(b.secretary.email);
  });
  afterAll(() => app.close());

  it('opens a simple request with the school’s first number of the year, journaled', async () => {
    const r = await marie.post('/api/requests', {
      customer: customer('heloise@example.fr'),
      message: 'Bonjour, des cours pour Noël ?',
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({
      number: '2026-00001',
      source: 'staff',
      status: 'request',
      version: 1,
      totalCents: 0,
    });
    const journal = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .selectAll()
      .where('request_id', '=', body.id)
      .execute();
    expect(journal.map((j) => [j.action, j.actor_name])).toEqual([['request.created', a.secretary.name]]);
  });

  it('finds the customer again by e-mail whatever the case and Unicode form', async () => {
    const first = await marie.post('/api/requests', { customer: customer('zoé@example.fr'), message: 'Un' });
    const second = await marie.post('/api/requests', {
      customer: customer('ZOE\u0301@EXAMPLE.FR'),
      message: 'Deux',
    });
    expect(second.json().customer.id).toBe(first.json().customer.id);
  });

  it('gives concurrent submissions distinct, gapless numbers', async () => {
    const before = await ctx()
      .deps.db.kysely.selectFrom('requests')
      .select('number')
      .where('school_id', '=', b.id)
      .execute();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        staffB.post('/api/requests', { customer: customer(`c${i}@example.fr`), message: `Demande ${i}` }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(25).fill(201));
    const numbers = results.map((r) => r.json().number as string).sort();
    const expected = Array.from(
      { length: 25 },
      (_, i) => `2026-${String(before.length + i + 1).padStart(5, '0')}`,
    );
    expect(numbers).toEqual(expected);
  });

  it('leaves nothing behind when an action fails halfway', async () => {
    const count = async (table: 'customers' | 'requests' | 'activity' | 'counters') =>
      (await ctx().deps.db.kysely.selectFrom(table).selectAll().where('school_id', '=', a.id).execute())
        .length;
    const before = {
      customers: await count('customers'),
      requests: await count('requests'),
      activity: await count('activity'),
    };
    // The customer is created first, then the category (school B's) is refused: all must roll back.
    const categoryOfB = await ctx()
      .deps.db.kysely.selectFrom('categories')
      .select('id')
      .where('school_id', '=', b.id)
      .executeTakeFirstOrThrow();
    const r = await marie.post('/api/requests', {
      customer: customer('nouveau-client@example.fr'),
      message: 'Hello',
      categoryId: categoryOfB.id,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toEqual({ categoryId: 'Catégorie inconnue pour cette école.' });
    expect({
      customers: await count('customers'),
      requests: await count('requests'),
      activity: await count('activity'),
    }).toEqual(before);
    const next = await marie.post('/api/requests', {
      customer: customer('nouveau-client@example.fr'),
      message: 'Hello',
    });
    expect(next.json().number).toBe(`2026-${String(before.requests + 1).padStart(5, '0')}`);
  });

  it('refuses a stale edit, naming who changed the file, and keeps the newer change', async () => {
    const created = (
      await marie.post('/api/requests', { customer: customer('stale@example.fr'), message: 'Hi' })
    ).json();
    const category = await ctx()
      .deps.db.kysely.selectFrom('categories')
      .select(['id', 'name'])
      .where('school_id', '=', a.id)
      .executeTakeFirstOrThrow();
    const first = await adminA.patch(`/api/requests/${created.id}`, { version: 1, categoryId: category.id });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await marie.patch(`/api/requests/${created.id}`, { version: 1, language: 'en' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.message).toContain(a.admin.name);
    const now = (await marie.get(`/api/requests/${created.id}`)).json().request;
    expect(now).toMatchObject({
      language: 'fr',
      categoryId: category.id,
      version: 2,
      updatedByName: a.admin.name,
    });
    const retried = await marie.patch(`/api/requests/${created.id}`, { version: 2, language: 'en' });
    expect(retried.json()).toMatchObject({ language: 'en', version: 3 });
    // The "Commentaire client" is the customer's (issue 7): written through them, journaled on this file.
    const noted = await marie.patch(`/api/requests/${created.id}/customer`, {
      version: 1,
      note: 'Client fidèle, remise 10 %',
    });
    expect(noted.statusCode).toBe(204);
    expect((await marie.get(`/api/requests/${created.id}`)).json().request).toMatchObject({
      language: 'en',
      version: 3,
      customer: { note: 'Client fidèle, remise 10 %', version: 2 },
    });
    const actions = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .select(['action', 'actor_name'])
      .where('request_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(actions.map((x) => x.action)).toEqual([
      'request.created',
      'request.category_changed',
      'request.language_changed',
      'request.comment_changed',
    ]);
  });

  it('school A’s staff get 404 for every school-B request id, and cannot change it', async () => {
    const ofB = (
      await staffB.post('/api/requests', { customer: customer('secret@b.example'), message: 'Privé' })
    ).json();
    const read = await marie.get(`/api/requests/${ofB.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('NOT_FOUND');
    const write = await marie.patch(`/api/requests/${ofB.id}/customer`, { version: 1, note: 'piraté' });
    expect(write.statusCode).toBe(404);
    const untouched = (await staffB.get(`/api/requests/${ofB.id}`)).json().request;
    expect(untouched).toMatchObject({ version: 1, customer: { note: '', version: 1 } });
  });

  it('explains bad input per field', async () => {
    const r = await marie.post('/api/requests', {
      customer: { email: 'x', firstName: '', lastName: 'A'.repeat(81), phone: 'abc', language: 'xx' },
      message: 'ok\u0007',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toMatchObject({
      'customer.email': 'Adresse e-mail invalide.',
      'customer.firstName': 'Indiquez le prénom.',
      'customer.lastName': 'Nom : 80 caractères au plus.',
      'customer.phone': 'Numéro de téléphone invalide.',
      'customer.language': 'Langue inconnue (fr, en, de, it, es ou nl).',
      message: 'Message : caractères de contrôle interdits.',
    });
  });
});
