import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FormSettings } from '../../src/app/settings/form-settings.schemas.js';
import type { App } from '../../src/http/types.js';
import { DURATIONS, PRACTICES } from '../../src/shared/vocabulary.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  browserSubmit,
  contactBody,
  customBody,
  makeIntakeSchool,
  TEST_INTAKE,
  velBody,
} from '../support/intake-client.js';

describeEachDatabase(
  'Paramètres → Formulaires',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let b: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let admin: Client;
    const db = () => ctx().deps.db.kysely;

    beforeAll(async () => {
      app = await appFor(ctx());
      a = await makeIntakeSchool(ctx().deps);
      b = await makeIntakeSchool(ctx().deps);
      admin = new Client(app);
      await admin.login(a.admin.email);
    });
    afterAll(() => app.close());

    async function save(change: (settings: FormSettings) => void) {
      const current = (await admin.get('/api/settings/forms')).json().settings;
      change(current);
      return admin.request('PUT', '/api/settings/forms', current);
    }

    it('starts with every form on, every discipline and duration, all instructors and all staff', async () => {
      const response = await admin.get('/api/settings/forms');
      expect(response.statusCode).toBe(200);
      const view = response.json();
      expect(view.settings).toEqual({
        vel: { isEnabled: true, practices: [...PRACTICES] },
        contact: { isEnabled: true },
        custom: {
          isEnabled: true,
          practices: [...PRACTICES],
          durations: [...DURATIONS],
          instructorIds: null,
        },
        embedOrigins: [],
        notifyUserIds: null,
      });
      expect(view.hasIntakeKey).toBe(false);
      expect(view.urls).toEqual({
        vel: `http://schuss.test/f/${a.slug}/vel`,
        contact: `http://schuss.test/f/${a.slug}/contact`,
        custom: `http://schuss.test/f/${a.slug}/sur-mesure`,
      });
      expect(view.choices.instructors.map((i: { name: string }) => i.name)).toEqual([
        'Léa Perrière',
        'Mathis Bérard',
      ]);
      expect(view.choices.staff).toHaveLength(2);
    });

    it('is for admins only', async () => {
      const secretary = new Client(app);
      await secretary.login(a.secretary.email);
      for (const response of [
        await secretary.get('/api/settings/forms'),
        await secretary.request('PUT', '/api/settings/forms', {}),
        await secretary.post('/api/settings/intake-key'),
      ]) {
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
      const anonymous = new Client(app);
      expect((await anonymous.get('/api/settings/forms')).statusCode).toBe(401);
      expect((await anonymous.post('/api/settings/intake-key')).statusCode).toBe(401);
    });

    it('a form turned off answers 404 with a clear message, on the page and through the API', async () => {
      const saved = await save((s) => {
        s.contact.isEnabled = false;
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().settings.contact.isEnabled).toBe(false);
      const api = await browserSubmit(ctx(), app, a.slug, contactBody());
      expect(api.statusCode).toBe(404);
      expect(api.json().error).toEqual({
        code: 'NOT_FOUND',
        message: 'Ce formulaire n’est pas ouvert pour le moment.',
      });
      const page = await app.inject({ url: `/f/${a.slug}/contact` });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('Ce formulaire n’est pas ouvert pour le moment.');
      const vel = await app.inject({ url: `/f/${a.slug}/vel` });
      expect(vel.statusCode).toBe(200);
      expect(vel.body).not.toContain(`href="/f/${a.slug}/contact`);
      const journal = await db()
        .selectFrom('activity')
        .select(['action', 'actor_name'])
        .where('school_id', '=', a.id)
        .where('action', '=', 'settings.forms_changed')
        .execute();
      expect(journal).toEqual([{ action: 'settings.forms_changed', actor_name: a.admin.name }]);
      await save((s) => {
        s.contact.isEnabled = true;
      });
      expect((await browserSubmit(ctx(), app, a.slug, contactBody())).statusCode).toBe(201);
    });

    it('offers only the chosen disciplines, durations and instructors', async () => {
      const instructors = await db()
        .selectFrom('instructors')
        .select(['id', 'first_name'])
        .where('school_id', '=', a.id)
        .orderBy('first_name')
        .execute();
      const lea = instructors.find((i) => i.first_name === 'Léa')!;
      const mathis = instructors.find((i) => i.first_name === 'Mathis')!;
      await save((s) => {
        s.vel.practices = ['ski_alpin'];
        s.custom.practices = ['ski_alpin', 'snowboard'];
        s.custom.durations = ['1h', '2h'];
        s.custom.instructorIds = [lea.id];
      });
      const refused = await browserSubmit(
        ctx(),
        app,
        a.slug,
        customBody({ practice: 'ski_de_fond', duration: 'full_day', instructorId: mathis.id }),
      );
      expect(refused.json().error.fields).toEqual({
        practice: 'Cette discipline n’est pas proposée.',
        duration: 'Cette durée n’est pas proposée.',
        instructorId: 'Ce moniteur n’est pas disponible.',
      });
      const velRefused = await browserSubmit(ctx(), app, a.slug, velBody({ practice: 'snowboard' }));
      expect(velRefused.json().error.fields).toEqual({ practice: 'Cette discipline n’est pas proposée.' });
      const accepted = await browserSubmit(
        ctx(),
        app,
        a.slug,
        customBody({ practice: 'snowboard', duration: '2h', instructorId: lea.id }),
      );
      expect(accepted.statusCode).toBe(201);
      const page = (await app.inject({ url: `/f/${a.slug}/sur-mesure` })).body;
      expect(page).toContain('Léa Perrière');
      expect(page).not.toContain('Mathis Bérard');
      expect(page).not.toContain('value="ski_de_fond"');
      expect(page).not.toContain('value="full_day"');
      await save((s) => {
        s.vel.practices = [...PRACTICES];
        s.custom.practices = [...PRACTICES];
        s.custom.durations = [...DURATIONS];
        s.custom.instructorIds = null;
      });
    });

    it('refuses another school’s instructor or staff member, and origins that are not bare origins', async () => {
      const ofB = await db()
        .selectFrom('instructors')
        .select('id')
        .where('school_id', '=', b.id)
        .executeTakeFirstOrThrow();
      const foreign = await save((s) => {
        s.custom.instructorIds = [ofB.id];
        s.notifyUserIds = [a.admin.id, b.admin.id];
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.fields).toEqual({
        'custom.instructorIds.0': 'Moniteur inconnu pour cette école.',
        'notifyUserIds.1': 'Membre du personnel inconnu pour cette école.',
      });
      const origins = await save((s) => {
        s.embedOrigins = ['https://www.ecole.fr/reserver', 'javascript:alert(1)'];
      });
      expect(origins.statusCode).toBe(400);
      expect(Object.keys(origins.json().error.fields)).toEqual(['embedOrigins.0', 'embedOrigins.1']);
      const empty = await save((s) => {
        s.vel.practices = [];
      });
      expect(empty.json().error.fields).toEqual({ 'vel.practices': 'Proposez au moins une discipline.' });
    });

    it('lets the school’s own sites embed the forms', async () => {
      const saved = await save((s) => {
        s.embedOrigins = ['https://www.esf-demo.fr', 'http://localhost:8080'];
      });
      expect(saved.statusCode).toBe(200);
      const page = await app.inject({ url: `/f/${a.slug}/vel` });
      expect(page.headers['content-security-policy']).toContain(
        "frame-ancestors 'self' https://www.esf-demo.fr http://localhost:8080",
      );
      expect(page.headers['x-frame-options']).toBeUndefined();
      const other = await app.inject({ url: `/f/${b.slug}/vel` });
      expect(other.headers['content-security-policy']).toMatch(/frame-ancestors 'self'$/);
      const staffApp = await app.inject({ url: '/api/health' });
      expect(staffApp.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it('notifies only the chosen staff members', async () => {
      await save((s) => {
        s.notifyUserIds = [a.secretary.id];
      });
      const response = await browserSubmit(ctx(), app, a.slug, contactBody());
      const request = await db()
        .selectFrom('requests')
        .select('id')
        .where('school_id', '=', a.id)
        .where('number', '=', response.json().number)
        .executeTakeFirstOrThrow();
      const notified = await db()
        .selectFrom('notifications')
        .select('user_id')
        .where('request_id', '=', request.id)
        .execute();
      expect(notified.map((n) => n.user_id)).toEqual([a.secretary.id]);
      await save((s) => {
        s.notifyUserIds = null;
      });
    });

    it('keeps the other settings of the school when saving these', async () => {
      await db()
        .updateTable('schools')
        .set({
          settings_json: JSON.stringify({
            payments: { provider: 'sandbox' },
            forms: { contact: { isEnabled: true } },
          }),
        })
        .where('id', '=', a.id)
        .execute();
      await save((s) => {
        s.custom.isEnabled = false;
      });
      const row = await db()
        .selectFrom('schools')
        .select('settings_json')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      const stored = JSON.parse(row.settings_json);
      expect(stored.payments).toEqual({ provider: 'sandbox' });
      expect(stored.forms.custom.isEnabled).toBe(false);
      await save((s) => {
        s.custom.isEnabled = true;
      });
    });

    it('shows a new intake key once, stores only its hash, and journals it', async () => {
      const first = await admin.post('/api/settings/intake-key');
      expect(first.statusCode).toBe(201);
      const { key } = first.json();
      expect(key).toMatch(/^sik_[A-Za-z0-9_-]{43}$/);
      expect((await admin.get('/api/settings/forms')).json()).toMatchObject({ hasIntakeKey: true });
      expect(JSON.stringify((await admin.get('/api/settings/forms')).json())).not.toContain(key);
      const row = await db()
        .selectFrom('schools')
        .select('intake_key_hash')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(row.intake_key_hash).toMatch(/^[0-9a-f]{64}$/);
      const journal = await db()
        .selectFrom('activity')
        .select('details_json')
        .where('school_id', '=', a.id)
        .where('action', '=', 'settings.intake_key_created')
        .execute();
      expect(journal.length).toBeGreaterThan(0);
      expect(journal.map((j) => j.details_json).join()).not.toContain(key);
    });
  },
  { config: { intake: TEST_INTAKE } },
);
