import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

/**
 * Server messages of the settings areas come from catalogues in French and English: each staff
 * member reads them in the language of their own screens (PATCH /api/auth/me).
 */
describeEachDatabase('server messages in the staff member’s language', (ctx) => {
  let app: App;
  let school: Awaited<ReturnType<typeof makeSchool>>;
  let other: Awaited<ReturnType<typeof makeSchool>>;
  /** The same admin account, read in English then in French: one session, one language switch. */
  let admin: Client;
  let secretary: Client;

  async function speak(client: Client, language: 'fr' | 'en') {
    const r = await client.patch('/api/auth/me', { language });
    expect(r.statusCode).toBe(204);
  }

  /** The error body of a request, as the English reader and then as the French reader see it. */
  async function inBoth(client: Client, send: () => ReturnType<Client['get']>) {
    await speak(client, 'en');
    const en = await send();
    await speak(client, 'fr');
    const fr = await send();
    expect(en.statusCode).toBe(fr.statusCode);
    return { status: en.statusCode, en: en.json().error, fr: fr.json().error };
  }

  beforeAll(async () => {
    app = await appFor(ctx());
    school = await makeSchool(ctx().deps);
    other = await makeSchool(ctx().deps);
    admin = new Client(app);
    await admin.login(school.admin.email);
    secretary = new Client(app);
    await secretary.login(school.secretary.email);
  });
  afterAll(() => app.close());

  describe('categories', () => {
    it('names the clashing category name in English or in French', async () => {
      const r = await inBoth(admin, () => admin.post('/api/categories', { name: 'Groupes' }));
      expect(r.status).toBe(409);
      expect(r.en).toMatchObject({
        message: 'A category already has this name.',
        fields: { name: 'A category already has this name.' },
      });
      expect(r.fr).toMatchObject({
        message: 'Une catégorie porte déjà ce nom.',
        fields: { name: 'Une catégorie porte déjà ce nom.' },
      });
    });

    it('says that another school’s category is not found, in either language', async () => {
      const otherAdmin = new Client(app);
      await otherAdmin.login(other.admin.email);
      const theirs: string = (await otherAdmin.get('/api/categories')).json().items[0].id;
      const r = await inBoth(admin, () =>
        admin.request('PUT', `/api/categories/${theirs}`, { name: 'Renommée', isActive: true }),
      );
      expect(r.status).toBe(404);
      expect(r.en.message).toBe('Category not found.');
      expect(r.fr.message).toBe('Catégorie introuvable.');
    });
  });

  describe('staff', () => {
    it('refuses to remove the last active admin, in English or in French', async () => {
      const r = await inBoth(admin, () =>
        admin.patch(`/api/staff/${school.admin.id}`, { role: 'secretary' }),
      );
      expect(r.status).toBe(409);
      expect(r.en.message).toBe('The school must keep at least one active administrator.');
      expect(r.fr.message).toBe('L’école doit garder au moins un administrateur actif.');
    });

    it('refuses an address that already has an account, naming the field in the reader’s language', async () => {
      const body = {
        email: other.admin.email,
        name: 'X',
        role: 'secretary',
        password: 'un-mot-de-passe-long',
      };
      const r = await inBoth(admin, () => admin.post('/api/staff', body));
      expect(r.status).toBe(409);
      expect(r.en.fields).toEqual({
        email: 'This e-mail address cannot be used for a new account: choose another one.',
      });
      expect(r.fr.fields).toEqual({
        email: 'Cette adresse e-mail ne peut pas servir à un nouveau compte : choisissez-en une autre.',
      });
    });

    it('says that another school’s staff member is not found', async () => {
      const r = await inBoth(admin, () => admin.patch(`/api/staff/${other.secretary.id}`, { name: 'Y' }));
      expect(r.status).toBe(404);
      expect(r.en.message).toBe('Staff member not found.');
      expect(r.fr.message).toBe('Membre du personnel introuvable.');
    });

    it('tells a secretary that only an admin may manage staff', async () => {
      const r = await inBoth(secretary, () => secretary.get('/api/staff'));
      expect(r.status).toBe(403);
      expect(r.en.message).toBe('Only an administrator of the school can do this.');
      expect(r.fr.message).toBe('Seul un administrateur de l’école peut faire cela.');
    });
  });

  describe('settings', () => {
    it('names another school’s staff member as unknown, in English or in French', async () => {
      const settings = (await admin.get('/api/settings/forms')).json().settings;
      const r = await inBoth(admin, () =>
        admin.request('PUT', '/api/settings/forms', { ...settings, notifyUserIds: [other.admin.id] }),
      );
      expect(r.status).toBe(400);
      expect(r.en).toMatchObject({
        message: 'Some settings are invalid.',
        fields: { 'notifyUserIds.0': 'No such staff member at this school.' },
      });
      expect(r.fr).toMatchObject({
        message: 'Certains réglages sont invalides.',
        fields: { 'notifyUserIds.0': 'Membre du personnel inconnu pour cette école.' },
      });
    });
  });

  describe('notifications', () => {
    it('says that an unknown notification is not found', async () => {
      const r = await inBoth(admin, () => admin.post('/api/notifications/notif_unknown/read'));
      expect(r.status).toBe(404);
      expect(r.en.message).toBe('Notification not found.');
      expect(r.fr.message).toBe('Notification introuvable.');
    });
  });

  describe('login', () => {
    it('answers a failed login with the same generic message, in the browser’s language', async () => {
      const attempt = (ip: string, acceptLanguage: string) =>
        new Client(app, ip).post(
          '/api/auth/login',
          { email: school.admin.email, password: 'pas-le-bon-mot-de-passe' },
          { 'accept-language': acceptLanguage },
        );
      const en = await attempt('198.51.100.1', 'en-GB,en;q=0.9');
      const fr = await attempt('198.51.100.2', 'fr-FR,fr;q=0.9');
      expect(en.statusCode).toBe(401);
      expect(en.json().error.message).toBe('Incorrect e-mail or password.');
      expect(fr.statusCode).toBe(401);
      expect(fr.json().error.message).toBe('E-mail ou mot de passe incorrect.');
    });
  });
});
