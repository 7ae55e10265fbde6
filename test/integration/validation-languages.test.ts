import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase, TEST_ORIGIN } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

/**
 * Input Fastify refuses before any handler runs (the routes' Zod schemas) is explained in the
 * reader's language: a signed-in staff member's own (PATCH /api/auth/me), else the browser's.
 */
describeEachDatabase('refused input in the reader’s language', (ctx) => {
  let app: App;
  let admin: Client;

  async function speak(client: Client, language: 'fr' | 'en') {
    const r = await client.patch('/api/auth/me', { language });
    expect(r.statusCode).toBe(204);
  }

  /** The error of one request, read in English and then in French by the same admin. */
  async function inBoth(send: () => ReturnType<Client['get']>) {
    await speak(admin, 'en');
    const en = await send();
    await speak(admin, 'fr');
    const fr = await send();
    expect(en.statusCode).toBe(fr.statusCode);
    return { status: en.statusCode, en: en.json().error, fr: fr.json().error };
  }

  beforeAll(async () => {
    app = await appFor(ctx());
    const school = await makeSchool(ctx().deps);
    admin = new Client(app);
    await admin.login(school.admin.email);
  });
  afterAll(() => app.close());

  it('explains a new request’s wrong fields in English or in French', async () => {
    const r = await inBoth(() =>
      admin.post('/api/requests', {
        customer: { email: 'x', firstName: '', lastName: 'A'.repeat(81), phone: 'abc', language: 'xx' },
        message: 'ok\u0007',
      }),
    );
    expect(r.status).toBe(400);
    expect(r.en).toEqual({
      code: 'VALIDATION',
      message: 'Some fields are invalid.',
      fields: {
        'customer.email': 'Invalid e-mail address.',
        'customer.firstName': 'Enter the first name.',
        'customer.lastName': 'Last name: 80 characters at most.',
        'customer.phone': 'Invalid phone number.',
        'customer.language': 'Unknown language (fr, en, de, it, es or nl).',
        message: 'Message: control characters are not allowed.',
      },
    });
    expect(r.fr).toEqual({
      code: 'VALIDATION',
      message: 'Certains champs sont invalides.',
      fields: {
        'customer.email': 'Adresse e-mail invalide.',
        'customer.firstName': 'Indiquez le prénom.',
        'customer.lastName': 'Nom : 80 caractères au plus.',
        'customer.phone': 'Numéro de téléphone invalide.',
        'customer.language': 'Langue inconnue (fr, en, de, it, es ou nl).',
        message: 'Message : caractères de contrôle interdits.',
      },
    });
  });

  it('names the one wrong field in the summary, in English or in French', async () => {
    const r = await inBoth(() =>
      admin.post('/api/requests', {
        customer: { email: 'a@b.fr', firstName: 'Zoé', lastName: 'Durand', phone: 'abc' },
        message: 'Bonjour',
      }),
    );
    expect(r.en.message).toBe('Field “customer.phone”: Invalid phone number.');
    expect(r.fr.message).toBe('Champ « customer.phone » : Numéro de téléphone invalide.');
  });

  it('refuses a too-short password for a new staff member in English or in French', async () => {
    const r = await inBoth(() =>
      admin.post('/api/staff', {
        email: 'nouveau@ecole.test',
        name: 'Nouveau',
        role: 'secretary',
        password: 'court',
      }),
    );
    expect(r.status).toBe(400);
    expect(r.en).toEqual({
      code: 'VALIDATION',
      message: 'Field “password”: The password must be at least 12 characters long.',
      fields: { password: 'The password must be at least 12 characters long.' },
    });
    expect(r.fr).toEqual({
      code: 'VALIDATION',
      message: 'Champ « password » : Le mot de passe doit faire au moins 12 caractères.',
      fields: { password: 'Le mot de passe doit faire au moins 12 caractères.' },
    });
  });

  it('gives Zod’s own messages in English to an English reader', async () => {
    const r = await inBoth(() =>
      admin.post('/api/staff', {
        email: 'autre@ecole.test',
        name: 'Autre',
        role: 'chef',
        password: 'x'.repeat(12),
      }),
    );
    expect(r.en.fields.role).toMatch(/^Invalid option: expected one of "admin"\|"secretary"$/);
    expect(r.fr.fields.role).toBe('Option invalide : une valeur parmi "admin"|"secretary" attendue');
  });

  it('refuses a category name that is too long, in English or in French', async () => {
    const r = await inBoth(() => admin.post('/api/categories', { name: 'C'.repeat(61) }));
    expect(r.status).toBe(400);
    expect(r.en.fields).toEqual({ name: 'Category name: 60 characters at most.' });
    expect(r.fr.fields).toEqual({ name: 'Nom de la catégorie : 60 caractères au plus.' });
  });

  it('explains wrong form settings in English or in French', async () => {
    const settings = (await admin.get('/api/settings/forms')).json().settings;
    const r = await inBoth(() =>
      admin.request('PUT', '/api/settings/forms', {
        ...settings,
        vel: { ...settings.vel, practices: [] },
        embedOrigins: ['https://ecole.test/chemin'],
      }),
    );
    expect(r.status).toBe(400);
    expect(r.en.fields).toEqual({
      'vel.practices': 'Offer at least one discipline.',
      'embedOrigins.0': 'Enter an origin such as https://www.my-school.com (no path, no trailing slash).',
    });
    expect(r.fr.fields).toEqual({
      'vel.practices': 'Proposez au moins une discipline.',
      'embedOrigins.0': 'Indiquez une origine comme https://www.mon-ecole.fr (sans chemin ni barre finale).',
    });
  });

  it('keeps the e-mail message of a customer edit in the reader’s language', async () => {
    const created = await admin.post('/api/requests', {
      customer: { email: 'edit@ecole.test', firstName: 'Léa', lastName: 'Martin' },
      message: 'Bonjour',
    });
    expect(created.statusCode).toBe(201);
    const file = created.json();
    const r = await inBoth(() =>
      admin.patch(`/api/requests/${file.id}/customer`, {
        version: file.customer.version,
        email: 'pas-un-email',
      }),
    );
    expect(r.status).toBe(400);
    expect(r.en.fields).toEqual({ email: 'Invalid e-mail address.' });
    expect(r.fr.fields).toEqual({ email: 'Adresse e-mail invalide.' });
  });

  it('answers a body that is not JSON, and an unknown route, in the reader’s language', async () => {
    const notJson = () =>
      admin.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: {
          'content-type': 'application/json',
          origin: TEST_ORIGIN,
          cookie: `schuss_session=${admin.cookie}`,
        },
        payload: '{"customer":',
      });
    const r = await inBoth(notJson);
    expect(r.status).toBe(400);
    expect(r.en).toEqual({ code: 'VALIDATION', message: 'The request body is not valid JSON.' });
    expect(r.fr).toEqual({ code: 'VALIDATION', message: 'Le corps de la requête n’est pas du JSON valide.' });
    const missing = await inBoth(() => admin.get('/api/nope?x=1'));
    expect(missing.status).toBe(404);
    expect(missing.en.message).toBe('No route GET /api/nope.');
    expect(missing.fr.message).toBe('Aucune route GET /api/nope.');
  });

  describe('a caller who is not signed in', () => {
    const login = (headers: Record<string, string> = {}) =>
      new Client(app).post('/api/auth/login', { email: ' ', password: 'x' }, headers);

    it('reads the login’s refusal in English when the browser asks for English', async () => {
      const r = await login({ 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toEqual({
        code: 'VALIDATION',
        message: 'Field “email”: Enter your e-mail.',
        fields: { email: 'Enter your e-mail.' },
      });
    });

    it('reads it in French otherwise', async () => {
      const headerSets: Record<string, string>[] = [{}, { 'accept-language': 'de-DE,de' }];
      for (const headers of headerSets) {
        const r = await login(headers);
        expect(r.json().error).toEqual({
          code: 'VALIDATION',
          message: 'Champ « email » : Indiquez votre e-mail.',
          fields: { email: 'Indiquez votre e-mail.' },
        });
      }
    });

    it('reads a body that is too large in English when asked', async () => {
      const r = await new Client(app).post(
        '/api/auth/login',
        { email: 'a@b.c', password: 'x'.repeat(300_000) },
        { 'accept-language': 'en' },
      );
      expect(r.statusCode).toBe(413);
      expect(r.json().error.message).toBe('The request is too large.');
    });
  });
});
