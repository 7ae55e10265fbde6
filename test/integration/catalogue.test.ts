import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/app/schools/seed-demo.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { customer } from '../support/intake-client.js';

const ourson = {
  kind: 'cours_collectif',
  name: 'Cours collectif enfants — Ourson',
  names: { en: 'Children’s group lessons — Ourson' },
  practice: 'ski_alpin',
  ageMin: 4,
  ageMax: 6,
  levels: ['beginner', 'first_time'],
  priceCents: 21_500,
  priceUnit: 'participant',
};

const week = {
  startsOn: '2026-12-20',
  endsOn: '2026-12-25',
  startTime: '09:00',
  endTime: '11:30',
  meetingPoint: 'Front de neige — Jardin des neiges',
  capacity: 10,
};

const lea = { firstName: 'Léa', lastName: 'Perrière', languages: ['fr', 'it'], practices: ['snowboard'] };

describeEachDatabase('catalogue, instructors and sales settings (Paramètres)', (ctx) => {
  let app: App;
  let a: Awaited<ReturnType<typeof makeSchool>>;
  let adminA: Client;
  let secretaryA: Client;
  let adminB: Client;
  const db = () => ctx().deps.db.kysely;

  beforeAll(async () => {
    app = await appFor(ctx());
    a = await makeSchool(ctx().deps);
    const b = await makeSchool(ctx().deps);
    adminA = new Client(app);
    await adminA.login(a.admin.email);
    secretaryA = new Client(app);
    await secretaryA.login(a.secretary.email);
    adminB = new Client(app);
    await adminB.login(b.admin.email);
  });
  afterAll(() => app.close());

  async function speak(client: Client, language: 'fr' | 'en') {
    expect((await client.patch('/api/auth/me', { language })).statusCode).toBe(204);
  }

  async function journalOf(action: string) {
    const rows = await db()
      .selectFrom('activity')
      .select(['details_json', 'actor_user_id'])
      .where('school_id', '=', a.id)
      .where('action', '=', action)
      .execute();
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details_json) }));
  }

  async function newProduct(body: Record<string, unknown> = ourson) {
    const r = await adminA.post('/api/catalogue/products', body);
    expect(r.statusCode).toBe(201);
    return r.json();
  }

  /** A file of school A holding `count` places on the session (inserted as the Devis onglet would). */
  async function holdPlaces(sessionId: string, productId: string, count: number, isActive = true) {
    const r = await secretaryA.post('/api/requests', { customer: customer(), message: 'Des cours ?' });
    expect(r.statusCode).toBe(201);
    const now = ctx().clock.now().toISOString();
    await db()
      .insertInto('lines')
      .values({
        id: `lin_test_${Math.random().toString(36).slice(2)}`,
        school_id: a.id,
        request_id: r.json().id,
        kind: 'catalog',
        product_id: productId,
        label: 'Cours collectif enfants — Ourson',
        label_key: null,
        label_params_json: null,
        quantity: count,
        unit_price_cents: 21_500,
        total_cents: 21_500 * count,
        vat_rate_bp: 1000,
        is_online_sale: 1,
        is_optional: 0,
        is_active: isActive ? 1 : 0,
        details_json: '{}',
        pos_imported_at: null,
        position: 0,
        created_at: now,
        updated_at: now,
        session_id: sessionId,
        instructor_id: null,
        participant_count: count,
      })
      .execute();
  }

  it('an admin creates a product, adds a session and finds both in the catalogue, journaled', async () => {
    const product = await newProduct();
    expect(product).toMatchObject({
      kind: 'cours_collectif',
      name: 'Cours collectif enfants — Ourson',
      names: { en: 'Children’s group lessons — Ourson' },
      practice: 'ski_alpin',
      ageMin: 4,
      ageMax: 6,
      levels: ['first_time', 'beginner'],
      priceCents: 21_500,
      priceUnit: 'participant',
      vatRateBp: 1000,
      isOnlineSale: true,
      isOptional: false,
      isArchived: false,
      sessions: [],
    });
    const s = await adminA.post(`/api/catalogue/products/${product.id}/sessions`, week);
    expect(s.statusCode).toBe(201);
    expect(s.json()).toMatchObject({ ...week, productId: product.id, taken: 0, isActive: true });

    const catalogue = await secretaryA.get('/api/catalogue');
    expect(catalogue.statusCode).toBe(200);
    const listed = catalogue.json().products.find((p: { id: string }) => p.id === product.id);
    expect(listed.sessions).toEqual([s.json()]);

    expect((await journalOf('catalogue.product_created')).at(-1)).toMatchObject({
      actor_user_id: a.admin.id,
      details: { productId: product.id, name: ourson.name, kind: 'cours_collectif' },
    });
    expect((await journalOf('catalogue.session_added')).at(-1)?.details).toMatchObject({
      sessionId: s.json().id,
      startsOn: '2026-12-20',
      endsOn: '2026-12-25',
    });
  });

  it('a PATCH changes only what it names (defaults do not overwrite), journaled with the fields', async () => {
    const product = await newProduct({ ...ourson, isOnlineSale: false, vatRateBp: 550 });
    const r = await adminA.patch(`/api/catalogue/products/${product.id}`, {
      priceCents: 22_000,
      levels: ['first_time', 'beginner'], // the same levels as stored: no change
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ priceCents: 22_000, isOnlineSale: false, vatRateBp: 550, ageMin: 4 });
    expect((await journalOf('catalogue.product_updated')).at(-1)?.details).toEqual({
      productId: product.id,
      name: ourson.name,
      changes: ['priceCents'],
    });
  });

  it('refuses bad products field by field, in French and in English', async () => {
    const bad = { ...ourson, name: '', priceCents: 12.5, priceUnit: 'kilo', ageMin: 8, ageMax: 5 };
    const fr = await adminA.post('/api/catalogue/products', bad);
    expect(fr.statusCode).toBe(400);
    expect(Object.keys(fr.json().error.fields).sort()).toEqual(['name', 'priceCents', 'priceUnit']);

    // The rule across fields (an age range in order) once the fields themselves are fine.
    const range = await adminA.post('/api/catalogue/products', { ...ourson, ageMin: 8, ageMax: 5 });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.fields).toEqual({
      ageMax: 'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
    });
    const extra = await adminA.post('/api/catalogue/products', {
      kind: 'extra',
      name: 'Assurance Carré Neige',
      priceCents: 320,
      priceUnit: 'hour',
    });
    expect(extra.json().error.fields).toEqual({
      priceUnit: 'Une option se vend par participant ou par dossier.',
    });

    await speak(adminA, 'en');
    try {
      const en = await adminA.post('/api/catalogue/products', { ...ourson, ageMin: 8, ageMax: 5 });
      expect(en.json().error.fields).toEqual({ ageMax: 'The maximum age must be at least the minimum age.' });
      const zod = await adminA.post('/api/catalogue/products', bad);
      expect(Object.keys(zod.json().error.fields).sort()).toEqual(['name', 'priceCents', 'priceUnit']);
      expect(zod.json().error.message).toBe('Some fields are invalid.');
    } finally {
      await speak(adminA, 'fr');
    }
  });

  it('refuses bad sessions field by field: dates in order, end after start, real days, capacity', async () => {
    const product = await newProduct();
    const url = `/api/catalogue/products/${product.id}/sessions`;
    const r = await adminA.post(url, { ...week, endsOn: '2026-12-19', startTime: '11:30', endTime: '09:00' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toEqual({
      endsOn: 'Le dernier jour doit être le premier jour ou après.',
      endTime: 'L’heure de fin doit être après l’heure de début.',
    });
    const notADay = await adminA.post(url, { ...week, startsOn: '2027-02-30', endsOn: '2027-03-01' });
    expect(notADay.json().error.fields).toEqual({ startsOn: 'Cette date n’existe pas.' });
    const shape = await adminA.post(url, { ...week, startTime: '9h', capacity: -1 });
    expect(Object.keys(shape.json().error.fields).sort()).toEqual(['capacity', 'startTime']);

    await speak(adminA, 'en');
    try {
      const en = await adminA.post(url, { ...week, endsOn: '2026-12-19' });
      expect(en.json().error.fields).toEqual({ endsOn: 'The last day must be the first day or later.' });
    } finally {
      await speak(adminA, 'fr');
    }
  });

  it('counts the places taken by active lines of every file, and keeps the capacity above them', async () => {
    const product = await newProduct();
    const session = (await adminA.post(`/api/catalogue/products/${product.id}/sessions`, week)).json();
    await holdPlaces(session.id, product.id, 3);
    await holdPlaces(session.id, product.id, 2);
    await holdPlaces(session.id, product.id, 4, false); // a removed line holds nothing
    const listed = (await secretaryA.get('/api/catalogue'))
      .json()
      .products.find((p: { id: string }) => p.id === product.id);
    expect(listed.sessions[0]).toMatchObject({ id: session.id, capacity: 10, taken: 5 });

    const tooSmall = await adminA.patch(`/api/catalogue/sessions/${session.id}`, { capacity: 4 });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().error.fields).toEqual({
      capacity: '5 places sont déjà prises : la capacité ne peut pas être inférieure.',
    });
    const ok = await adminA.patch(`/api/catalogue/sessions/${session.id}`, {
      capacity: 5,
      meetingPoint: 'Chalet',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      capacity: 5,
      taken: 5,
      meetingPoint: 'Chalet',
      startsOn: week.startsOn,
    });
    const closed = await adminA.patch(`/api/catalogue/sessions/${session.id}`, { isActive: false });
    expect(closed.json()).toMatchObject({ isActive: false, capacity: 5 });
    expect((await journalOf('catalogue.session_updated')).at(-1)?.details.changes).toEqual(['isActive']);
    const endsEarly = await adminA.patch(`/api/catalogue/sessions/${session.id}`, { endsOn: '2026-12-01' });
    expect(endsEarly.json().error.fields).toEqual({
      endsOn: 'Le dernier jour doit être le premier jour ou après.',
    });
  });

  it('archives a product: still listed (flagged) and on old files, no longer offered, no session added', async () => {
    const product = await newProduct({ ...ourson, kind: 'club_enfants', name: 'Club enfants' });
    const session = (await adminA.post(`/api/catalogue/products/${product.id}/sessions`, week)).json();
    await holdPlaces(session.id, product.id, 1);
    const archived = await adminA.patch(`/api/catalogue/products/${product.id}`, { isArchived: true });
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ isArchived: true, sessions: [{ id: session.id, taken: 1 }] });
    const row = await db()
      .selectFrom('products')
      .select('archived_at')
      .where('id', '=', product.id)
      .executeTakeFirst();
    expect(row?.archived_at).not.toBeNull();
    expect(await journalOf('catalogue.product_archived')).toHaveLength(1);

    // The VEL form no longer offers the kind (no other club_enfants product in school A).
    const { offeredProductKinds } = await import('../../src/app/intake/intake-school.js');
    expect(await offeredProductKinds(db(), a.id)).not.toContain('club_enfants');
    // The line that holds it stays.
    const lines = await db().selectFrom('lines').select('id').where('product_id', '=', product.id).execute();
    expect(lines).toHaveLength(1);

    const more = await adminA.post(`/api/catalogue/products/${product.id}/sessions`, week);
    expect(more.statusCode).toBe(409);
    const back = await adminA.patch(`/api/catalogue/products/${product.id}`, { isArchived: false });
    expect(back.json().isArchived).toBe(false);
    expect(await offeredProductKinds(db(), a.id)).toContain('club_enfants');
  });

  it('instructors: create, edit, days off added and removed, journaled', async () => {
    const created = await adminA.post('/api/catalogue/instructors', lea);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toEqual({ id, ...lea, isActive: true, daysOff: [] });

    const edited = await adminA.patch(`/api/catalogue/instructors/${id}`, {
      practices: ['ski_alpin', 'snowboard'],
    });
    expect(edited.json()).toMatchObject({
      languages: ['fr', 'it'],
      practices: ['ski_alpin', 'snowboard'],
      isActive: true,
    });

    const off = await adminA.post(`/api/catalogue/instructors/${id}/days-off`, {
      day: '2027-02-14',
      reason: 'Formation',
    });
    expect(off.statusCode).toBe(201);
    expect(off.json().daysOff).toEqual([{ day: '2027-02-14', reason: 'Formation' }]);
    const twice = await adminA.post(`/api/catalogue/instructors/${id}/days-off`, { day: '2027-02-14' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields).toEqual({ day: 'Ce moniteur est déjà indisponible ce jour-là.' });
    const past = await adminA.post(`/api/catalogue/instructors/${id}/days-off`, { day: '2026-12-01' });
    expect(past.json().error.fields).toEqual({
      day: 'Ce jour est passé : choisissez aujourd’hui ou un jour à venir.',
    });
    const badDay = await adminA.post(`/api/catalogue/instructors/${id}/days-off`, { day: 'demain' });
    expect(Object.keys(badDay.json().error.fields)).toEqual(['day']);

    const listed = (await secretaryA.get('/api/catalogue'))
      .json()
      .instructors.find((i: { id: string }) => i.id === id);
    expect(listed.daysOff).toEqual([{ day: '2027-02-14', reason: 'Formation' }]);

    const removed = await adminA.request('DELETE', `/api/catalogue/instructors/${id}/days-off/2027-02-14`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().daysOff).toEqual([]);
    const again = await adminA.request('DELETE', `/api/catalogue/instructors/${id}/days-off/2027-02-14`);
    expect(again.statusCode).toBe(404);

    expect((await journalOf('catalogue.instructor_updated')).at(-1)?.details).toEqual({
      instructorId: id,
      name: 'Léa Perrière',
      changes: ['practices'],
    });
    expect(await journalOf('catalogue.day_off_added')).toHaveLength(1);
    expect(await journalOf('catalogue.day_off_removed')).toHaveLength(1);

    const noLanguage = await adminA.post('/api/catalogue/instructors', { ...lea, languages: [] });
    expect(noLanguage.statusCode).toBe(400);
    expect(Object.keys(noLanguage.json().error.fields)).toEqual(['languages']);
  });

  it('only admins change the catalogue; secretaries read it', async () => {
    const product = await newProduct();
    const session = (await adminA.post(`/api/catalogue/products/${product.id}/sessions`, week)).json();
    const instructor = (await adminA.post('/api/catalogue/instructors', lea)).json();
    const attempts = [
      secretaryA.post('/api/catalogue/products', ourson),
      secretaryA.patch(`/api/catalogue/products/${product.id}`, { isArchived: true }),
      secretaryA.post(`/api/catalogue/products/${product.id}/sessions`, week),
      secretaryA.patch(`/api/catalogue/sessions/${session.id}`, { capacity: 1 }),
      secretaryA.post('/api/catalogue/instructors', lea),
      secretaryA.patch(`/api/catalogue/instructors/${instructor.id}`, { isActive: false }),
      secretaryA.post(`/api/catalogue/instructors/${instructor.id}/days-off`, { day: '2027-01-10' }),
      secretaryA.request('DELETE', `/api/catalogue/instructors/${instructor.id}/days-off/2027-01-10`),
      secretaryA.request('PUT', '/api/settings/sales', { quoteValidityDays: 30 }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
    }
    expect((await secretaryA.get('/api/catalogue')).statusCode).toBe(200);
    expect((await secretaryA.get('/api/settings/sales')).statusCode).toBe(200);
    expect((await new Client(app).get('/api/catalogue')).statusCode).toBe(401);
  });

  it('school B can neither see nor change school A’s products, sessions, instructors or days off (404)', async () => {
    const product = await newProduct();
    const session = (await adminA.post(`/api/catalogue/products/${product.id}/sessions`, week)).json();
    const instructor = (await adminA.post('/api/catalogue/instructors', lea)).json();
    await adminA.post(`/api/catalogue/instructors/${instructor.id}/days-off`, { day: '2027-01-10' });

    const seen = (await adminB.get('/api/catalogue')).json();
    expect(seen.products.map((p: { id: string }) => p.id)).not.toContain(product.id);
    expect(seen.instructors.map((i: { id: string }) => i.id)).not.toContain(instructor.id);

    const attempts = [
      adminB.patch(`/api/catalogue/products/${product.id}`, { priceCents: 1 }),
      adminB.post(`/api/catalogue/products/${product.id}/sessions`, week),
      adminB.patch(`/api/catalogue/sessions/${session.id}`, { capacity: 1 }),
      adminB.patch(`/api/catalogue/instructors/${instructor.id}`, { isActive: false }),
      adminB.post(`/api/catalogue/instructors/${instructor.id}/days-off`, { day: '2027-01-11' }),
      adminB.request('DELETE', `/api/catalogue/instructors/${instructor.id}/days-off/2027-01-10`),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
    const still = (await adminA.get('/api/catalogue')).json();
    expect(still.products.find((p: { id: string }) => p.id === product.id)).toMatchObject({
      priceCents: ourson.priceCents,
      sessions: [{ capacity: week.capacity }],
    });
    expect(still.instructors.find((i: { id: string }) => i.id === instructor.id)).toMatchObject({
      isActive: true,
      daysOff: [{ day: '2027-01-10' }],
    });
  });

  it('sales settings: defaults, a round trip that keeps the form settings, journaled, validated', async () => {
    const defaults = await secretaryA.get('/api/settings/sales');
    expect(defaults.json()).toEqual({
      customLessonLabel: 'Cours sur mesure',
      quoteValidityDays: 14,
      defaultDepositBp: 3000,
      reminderDaysBeforeExpiry: 3,
      depositKind: 'percentage',
      defaultDepositFixedCents: 0,
      balanceDaysBeforeFirstLesson: 14,
      balanceReminderDaysBefore: 3,
      isBalanceOverdueReminder: true,
      legal: { companyName: '', address: '', siret: '', vatNumber: '', mentions: '' },
    });
    const forms = (await adminA.get('/api/settings/forms')).json().settings;
    const saved = await adminA.request('PUT', '/api/settings/sales', {
      customLessonLabel: 'esf sur mesure',
      defaultDepositBp: 5000,
      legal: { companyName: 'ESF Test', siret: '12345678900012' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      customLessonLabel: 'esf sur mesure',
      quoteValidityDays: 14,
      defaultDepositBp: 5000,
      reminderDaysBeforeExpiry: 3,
      depositKind: 'percentage',
      defaultDepositFixedCents: 0,
      balanceDaysBeforeFirstLesson: 14,
      balanceReminderDaysBefore: 3,
      isBalanceOverdueReminder: true,
      legal: { companyName: 'ESF Test', address: '', siret: '12345678900012', vatNumber: '', mentions: '' },
    });
    expect((await secretaryA.get('/api/settings/sales')).json()).toEqual(saved.json());
    expect((await adminA.get('/api/settings/forms')).json().settings).toEqual(forms);
    expect((await journalOf('settings.sales_changed')).at(-1)?.details).toEqual({
      customLessonLabel: 'esf sur mesure',
      quoteValidityDays: 14,
      defaultDepositBp: 5000,
    });
    // School B still has the defaults.
    expect((await adminB.get('/api/settings/sales')).json().customLessonLabel).toBe('Cours sur mesure');

    const bad = await adminA.request('PUT', '/api/settings/sales', {
      customLessonLabel: '',
      defaultDepositBp: 10_001,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['customLessonLabel', 'defaultDepositBp']);
  });

  it('the demo school has a French catalogue across the winter, extras, instructors and its sales settings', async () => {
    // Only on an empty database: this suite's database already has schools, so build one beside.
    const { DEMO_CATALOGUE, DEMO_INSTRUCTORS, DEMO_SALES_SETTINGS } = await import(
      '../../src/app/schools/seed-demo.js'
    );
    expect(await seedDemoIfEmpty(ctx().deps)).toBeNull();
    const demo = await makeSchool(ctx().deps, {
      products: DEMO_CATALOGUE.map((p) => ({ ...p })),
      instructors: DEMO_INSTRUCTORS.map((i) => ({ ...i })),
      sales: DEMO_SALES_SETTINGS,
    });
    const admin = new Client(app);
    await admin.login(demo.admin.email);
    const catalogue = (await admin.get('/api/catalogue')).json();
    const ourson = catalogue.products.find((p: { name: string }) => p.name.includes('Ourson'));
    expect(ourson).toMatchObject({ ageMin: 4, ageMax: 6, vatRateBp: 1000, isOnlineSale: true });
    expect(ourson.sessions[0]).toMatchObject({
      startsOn: '2026-12-20',
      endsOn: '2026-12-25',
      meetingPoint: 'Front de neige — Jardin des neiges',
    });
    expect(ourson.sessions.at(-1).endsOn <= '2027-04-10').toBe(true);
    const insurance = catalogue.products.find((p: { name: string }) =>
      p.name.startsWith('Assurance Carré Neige'),
    );
    expect(insurance).toMatchObject({ kind: 'extra', priceUnit: 'participant', isOptional: true });
    expect(
      catalogue.products.find((p: { name: string }) => p.name.startsWith('Location de casque')),
    ).toMatchObject({
      priceUnit: 'file',
      isOptional: true,
    });
    expect(catalogue.instructors.some((i: { daysOff: unknown[] }) => i.daysOff.length > 0)).toBe(true);
    expect((await admin.get('/api/settings/sales')).json()).toMatchObject({
      customLessonLabel: 'esf sur mesure',
      quoteValidityDays: 14,
      defaultDepositBp: 3000,
    });
  });
});
