import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

type School = Awaited<ReturnType<typeof makeSchool>>;

const customer = (email: string, firstName = 'Héloïse') => ({
  email,
  firstName,
  lastName: 'Février',
  phone: '',
  language: 'fr',
});

describeEachDatabase('customer edits: the customer note, per-field versions, stale edits', (ctx) => {
  let app: App;
  let a: School;
  let b: School;
  /** Two colleagues of school A (a secretary and the admin), and a secretary of school B. */
  let marie: Client;
  let luc: Client;
  let staffB: Client;

  beforeAll(async () => {
    app = await appFor(ctx());
    a = await makeSchool(ctx().deps);
    b = await makeSchool(ctx().deps);
    marie = new Client(app);
    await marie.login(a.secretary.email);
    luc = new Client(app);
    await luc.login(a.admin.email);
    staffB = new Client(app);
    await staffB.login(b.secretary.email);
  });
  afterAll(() => app.close());

  const open = async (client: Client, email: string, firstName?: string) => {
    const r = await client.post('/api/requests', {
      customer: customer(email, firstName),
      message: 'Bonjour',
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json() as { id: string; number: string; customer: { id: string } };
  };
  const page = async (client: Client, id: string) => {
    const r = await client.get(`/api/requests/${id}`);
    if (r.statusCode !== 200) throw new Error(r.body);
    return r.json();
  };
  const journalOf = async (requestId: string) =>
    (
      await ctx()
        .deps.db.kysely.selectFrom('activity')
        .select(['action', 'actor_name', 'details_json'])
        .where('request_id', '=', requestId)
        .orderBy('id')
        .execute()
    ).map((j) => [j.action, j.actor_name]);
  const editCustomer = (client: Client, requestId: string, body: Record<string, unknown>) =>
    client.patch(`/api/requests/${requestId}/customer`, body);

  it('shows a note written on one file on every file of that customer, journaled where it was written', async () => {
    const fileA = await open(marie, 'remise@example.fr');
    const fileB = await open(marie, 'REMISE@example.fr');
    expect(fileB.customer.id).toBe(fileA.customer.id);
    const note = 'Attention, ce client a droit à une remise de 10 %.';
    const saved = await editCustomer(marie, fileA.id, { version: 1, note });
    expect(saved.statusCode).toBe(204);

    const onB = (await page(luc, fileB.id)).request.customer;
    expect(onB).toMatchObject({
      note,
      version: 2,
      noteChange: { byName: a.secretary.name, fileNumber: fileA.number },
    });
    expect((await page(luc, fileA.id)).request.customer.note).toBe(note);
    expect(await journalOf(fileA.id)).toEqual([
      ['request.created', a.secretary.name],
      ['request.comment_changed', a.secretary.name],
    ]);
    expect(await journalOf(fileB.id)).toEqual([['request.created', a.secretary.name]]);
  });

  it('never shows the note on another customer’s file, nor on another school’s customer with that e-mail', async () => {
    const mine = await open(marie, 'isole@example.fr');
    const neighbour = await open(marie, 'voisin@example.fr');
    const sameEmailInB = await open(staffB, 'isole@example.fr');
    expect(await editCustomer(marie, mine.id, { version: 1, note: 'Note de l’école A' })).toMatchObject({
      statusCode: 204,
    });
    expect((await page(marie, neighbour.id)).request.customer.note).toBe('');
    expect((await page(staffB, sameEmailInB.id)).request.customer).toMatchObject({ note: '', version: 1 });
    const search = await ctx()
      .deps.db.kysely.selectFrom('customers')
      .select(['school_id', 'note'])
      .where('email_normalized', '=', 'isole@example.fr')
      .orderBy('school_id')
      .execute();
    expect(search.map((c) => [c.school_id === a.id ? 'A' : 'B', c.note]).sort()).toEqual([
      ['A', 'Note de l’école A'],
      ['B', ''],
    ]);
    // School B's staff cannot write it through one of A's files either.
    expect((await editCustomer(staffB, mine.id, { version: 2, note: 'piraté' })).statusCode).toBe(404);
    expect((await page(marie, mine.id)).request.customer.note).toBe('Note de l’école A');
  });

  it('keeps both changes when two colleagues edit different fields of the customer from the same version', async () => {
    const file = await open(marie, 'deux-champs@example.fr', 'Heloise');
    const phone = await editCustomer(marie, file.id, { version: 1, phone: '+33 6 12 34 56 78' });
    expect(phone.statusCode).toBe(204);
    // Luc started from version 1 too, and only corrected the first name: that is all he sends.
    const name = await editCustomer(luc, file.id, { version: 1, firstName: 'Héloïse' });
    expect(name.statusCode).toBe(204);
    expect((await page(marie, file.id)).request.customer).toMatchObject({
      firstName: 'Héloïse',
      lastName: 'Février',
      phone: '+33 6 12 34 56 78',
      version: 3,
    });
    const journal = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .select(['actor_name', 'details_json'])
      .where('request_id', '=', file.id)
      .where('action', '=', 'request.customer_changed')
      .orderBy('id')
      .execute();
    expect(journal.map((j) => [j.actor_name, JSON.parse(j.details_json)])).toEqual([
      [a.secretary.name, { fields: ['phone'] }],
      [a.admin.name, { fields: ['firstName'] }],
    ]);
  });

  it('refuses a stale change of a field a colleague changed since, naming who, what and from which file', async () => {
    const fileA = await open(marie, 'meme-champ@example.fr');
    const fileB = await open(marie, 'meme-champ@example.fr');
    expect((await editCustomer(marie, fileB.id, { version: 1, note: 'Version de Marie' })).statusCode).toBe(
      204,
    );
    const stale = await editCustomer(luc, fileA.id, {
      version: 1,
      note: 'Version de Luc',
      phone: '0479000000',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.fields).toBeUndefined();
    expect(stale.json().error.message).toMatch(
      new RegExp(
        `^${a.secretary.name} a modifié la fiche du client entre-temps \\(\\d\\d/\\d\\d à \\d\\d:\\d\\d, dossier ${fileB.number}\\) : commentaire client\\.$`,
      ),
    );
    // Nothing of the refused change was written: neither the note nor the phone sent with it.
    expect((await page(luc, fileA.id)).request.customer).toMatchObject({
      note: 'Version de Marie',
      phone: null,
      version: 2,
    });
    expect((await journalOf(fileA.id)).map(([action]) => action)).toEqual(['request.created']);
    // Having seen Marie's note (the page shows it), Luc's save from the fresh version goes through.
    expect((await editCustomer(luc, fileA.id, { version: 2, note: 'Version de Luc' })).statusCode).toBe(204);
    expect((await page(marie, fileB.id)).request.customer.note).toBe('Version de Luc');
  });

  it('writes the conflict in the language of the staff member who reads it', async () => {
    const file = await open(marie, 'english@example.fr');
    expect((await editCustomer(marie, file.id, { version: 1, lastName: 'Février-Durand' })).statusCode).toBe(
      204,
    );
    expect((await luc.patch('/api/auth/me', { language: 'en' })).statusCode).toBe(204);
    try {
      const stale = await editCustomer(luc, file.id, { version: 1, lastName: 'Fevrier' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.message).toMatch(
        new RegExp(
          `^${a.secretary.name} changed the customer’s details in the meantime \\(\\d\\d/\\d\\d at \\d\\d:\\d\\d\\): last name\\.$`,
        ),
      );
      const category = (await luc.get('/api/categories')).json().items[0];
      expect(
        (await marie.patch(`/api/requests/${file.id}`, { version: 1, categoryId: category.id })).statusCode,
      ).toBe(200);
      const staleFile = await luc.patch(`/api/requests/${file.id}`, { version: 1, language: 'de' });
      expect(staleFile.statusCode).toBe(409);
      expect(staleFile.json().error.message).toMatch(
        new RegExp(`^${a.secretary.name} changed file ${file.number} in the meantime \\(.+\\): category\\.$`),
      );
    } finally {
      await luc.patch('/api/auth/me', { language: 'fr' });
    }
  });

  it('refuses a stale category or language choice, naming the colleague and what they changed', async () => {
    const file = await open(marie, 'categorie@example.fr');
    const [groupes, familles] = (await marie.get('/api/categories')).json().items;
    expect(
      (await luc.patch(`/api/requests/${file.id}`, { version: 1, categoryId: groupes.id })).statusCode,
    ).toBe(200);
    const staleCategory = await marie.patch(`/api/requests/${file.id}`, {
      version: 1,
      categoryId: familles.id,
    });
    expect(staleCategory.statusCode).toBe(409);
    expect(staleCategory.json().error.message).toMatch(
      new RegExp(`^${a.admin.name} a modifié le dossier ${file.number} entre-temps \\(.+\\) : catégorie\\.$`),
    );
    expect((await luc.patch(`/api/requests/${file.id}`, { version: 2, language: 'en' })).statusCode).toBe(
      200,
    );
    const staleLanguage = await marie.patch(`/api/requests/${file.id}`, { version: 2, language: 'de' });
    expect(staleLanguage.statusCode).toBe(409);
    expect(staleLanguage.json().error.message).toMatch(
      new RegExp(
        `^${a.admin.name} a modifié le dossier ${file.number} entre-temps \\(.+\\) : langue du client\\.$`,
      ),
    );
    expect((await page(marie, file.id)).request).toMatchObject({
      categoryId: groupes.id,
      language: 'en',
      version: 3,
    });
  });

  it('lets only one of two simultaneous edits of the same field win, from two files of the customer', async () => {
    const fileA = await open(marie, 'en-meme-temps@example.fr');
    const fileB = await open(marie, 'en-meme-temps@example.fr');
    const results = await Promise.all([
      editCustomer(marie, fileA.id, { version: 1, note: 'Depuis A' }),
      editCustomer(luc, fileB.id, { version: 1, note: 'Depuis B' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    const winner = results[0]!.statusCode === 204 ? 'Depuis A' : 'Depuis B';
    expect((await page(marie, fileA.id)).request.customer).toMatchObject({ note: winner, version: 2 });
  });

  it('refuses the old per-file comment field instead of silently ignoring it', async () => {
    const file = await open(marie, 'ancien-champ@example.fr');
    const old = await marie.patch(`/api/requests/${file.id}`, { version: 1, staffComment: 'Perdu ?' });
    expect(old.statusCode).toBe(400);
    expect(Object.keys(old.json().error.fields)).toEqual(['staffComment']);
    expect((await page(marie, file.id)).request).toMatchObject({ version: 1, customer: { note: '' } });
  });

  it('explains an empty or invalid customer change per field', async () => {
    const file = await open(marie, 'vide@example.fr');
    const empty = await editCustomer(marie, file.id, { version: 1 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('Aucun changement à enregistrer.');
    const bad = await editCustomer(marie, file.id, { version: 1, note: 'x'.repeat(5001), phone: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      note: 'Commentaire client : 5000 caractères au plus.',
      phone: 'Numéro de téléphone invalide.',
    });
  });
});
