import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/connection.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { describeEachDatabase, TEST_ORIGIN } from '../support/harness.js';
import { appFor } from '../support/http.js';
import {
  browserSubmit,
  contactBody,
  customer,
  makeIntakeSchool,
  TEST_INTAKE,
  uniqueEmail,
} from '../support/intake-client.js';

/** A page, not data: HTML, a document, and nothing a JSON parser would take. */
function expectPage(response: LightMyRequestResponse, status: number): void {
  expect(response.statusCode, response.body.slice(0, 200)).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.body.startsWith('<!doctype html>')).toBe(true);
  expect(() => JSON.parse(response.body)).toThrow();
  expect(response.body).not.toContain('"error"');
}

function expectPrivate(response: LightMyRequestResponse): void {
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describeEachDatabase(
  'browser-facing addresses answer pages, never JSON',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeIntakeSchool>> & { name: string };
    /** The private link token of a file opened in each language, and its number. */
    const files = new Map<string, { token: string; number: string }>();

    beforeAll(async () => {
      app = await appFor(ctx());
      const school = await makeIntakeSchool(ctx().deps);
      const { name } = await ctx()
        .deps.db.kysely.selectFrom('schools')
        .select('name')
        .where('id', '=', school.id)
        .executeTakeFirstOrThrow();
      a = { ...school, name };
      for (const language of ['fr', 'en', 'de', 'it', 'es', 'nl']) {
        const email = uniqueEmail(`portal-${language}`);
        const response = await browserSubmit(
          ctx(),
          app,
          a.slug,
          contactBody({ customer: { ...customer(email), firstName: 'Zoé' }, language }),
        );
        expect(response.statusCode, response.body).toBe(201);
        const mails = await ctx()
          .deps.db.kysely.selectFrom('outbox')
          .select('payload_json')
          .where('school_id', '=', a.id)
          .where('kind', '=', 'customer_email')
          .execute();
        const mail = mails.map((m) => JSON.parse(m.payload_json)).find((p) => p.to === email);
        const token = new RegExp(`${TEST_ORIGIN}/c/([A-Za-z0-9_-]+)`).exec(mail.link)?.[1];
        expect(token).toHaveLength(43);
        files.set(language, { token: token!, number: response.json().number });
      }
    });
    afterAll(() => app.close());

    it('the e-mail’s personal link opens a page in the customer’s language: received, number, what comes next', async () => {
      const fr = files.get('fr')!;
      const page = await app.inject({ url: `/c/${fr.token}` });
      expectPage(page, 200);
      expectPrivate(page);
      expect(page.body).toContain('<html lang="fr">');
      // The portal (test/integration/portal.test.ts): the file, its conversation, a reply box;
      // nothing to pay before a quote is sent.
      expect(page.body).toContain(`<h1>Dossier n° ${fr.number}</h1>`);
      expect(page.body).toContain('Bonjour Zoé,');
      expect(page.body).toContain('L’école prépare votre devis');
      expect(page.body).toContain(`<span class="school">${a.name}</span>`);
      expect(page.body).toContain('<textarea');
      expect(page.body).not.toContain('/pay"');

      const expected: Record<string, [string, string]> = {
        en: ['Your messages with the school', 'The school is preparing your quote'],
        de: ['Ihre Nachrichten mit der Skischule', 'Die Skischule bereitet Ihr Angebot vor'],
        it: ['I tuoi messaggi con la scuola', 'La scuola sta preparando il preventivo'],
        es: ['Tus mensajes con la escuela', 'La escuela está preparando tu presupuesto'],
        nl: ['Uw berichten met de skischool', 'De skischool bereidt uw offerte voor'],
      };
      for (const [language, [received, next]] of Object.entries(expected)) {
        const file = files.get(language)!;
        // The customer's language, whatever the browser prefers.
        const response = await app.inject({
          url: `/c/${file.token}`,
          headers: { 'accept-language': 'fr-FR' },
        });
        expectPage(response, 200);
        expect(response.body).toContain(`<html lang="${language}">`);
        expect(response.body, language).toContain(received);
        expect(response.body, language).toContain(next);
        expect(response.body).toContain(file.number);
        expect(response.body).not.toContain('/pay"');
      }
      // The language links of the page keep the customer on it.
      const chosen = await app.inject({ url: `/c/${fr.token}?lang=en` });
      expect(chosen.body).toContain('<html lang="en">');
      expect(chosen.body).toContain(`<h1>File no. ${fr.number}</h1>`);
      expect(page.body).toContain('href="?lang=en"');
    });

    it('a link that opens no file gets the same-looking “link not valid” page, 404, in the visitor’s language', async () => {
      const unknown = 'A'.repeat(43);
      const cut = files.get('fr')!.token.slice(0, 30);
      for (const url of [`/c/${unknown}`, `/c/${cut}`, '/c/', '/c', `/c/${files.get('fr')!.token}/suite`]) {
        const response = await app.inject({ url });
        expectPage(response, 404);
        expectPrivate(response);
        expect(response.body, url).toContain('<h1>Lien non valable</h1>');
        expect(response.body).toContain('Ce lien ne correspond à aucune demande.');
        expect(response.body).not.toContain(a.name);
      }
      const english = await app.inject({
        url: `/c/${unknown}`,
        headers: { 'accept-language': 'en-GB,en;q=0.8' },
      });
      expectPage(english, 404);
      expect(english.body).toContain('<h1>Link not valid</h1>');
      const german = await app.inject({ url: `/c/${unknown}`, headers: { 'accept-language': 'de-CH' } });
      expect(german.body).toContain('<h1>Link ungültig</h1>');
    });

    it('unknown addresses under /f and elsewhere get a “page not found” page in the visitor’s language', async () => {
      for (const [url, language, title] of [
        ['/f', 'fr', 'Page introuvable'],
        [`/f/${a.slug}/inconnu`, 'fr', 'Page introuvable'],
        [`/f/${a.slug}/vel/merci/plus`, 'en', 'Page not found'],
        ['/nimporte-quoi', 'it', 'Pagina non trovata'],
        ['/f/x?lang=es', 'fr', 'Página no encontrada'],
      ] as const) {
        const response = await app.inject({ url, headers: { 'accept-language': language } });
        expectPage(response, 404);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.body, url).toContain(`<h1>${title}</h1>`);
      }
      const post = await app.inject({
        method: 'POST',
        url: `/f/${a.slug}/inconnu`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=b',
      });
      expectPage(post, 404);
    });

    it('the JSON API keeps its JSON errors', async () => {
      for (const url of ['/api/nope', '/api/public/pas-une-ecole/forms']) {
        const response = await app.inject({ url });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.json().error.code).toBe('NOT_FOUND');
      }
    });

    it('a page that fails answers an error page, not the JSON error body', async () => {
      const unreachable = openPostgres('postgres://nobody@127.0.0.1:1/none', 1);
      const broken = await buildApp({ ...ctx().deps, db: unreachable }, { webDir: '/nonexistent' });
      try {
        const response = await broken.inject({
          url: `/c/${'B'.repeat(43)}`,
          headers: { 'accept-language': 'nl' },
        });
        expectPage(response, 500);
        expectPrivate(response);
        expect(response.body).toContain('<h1>Tijdelijke fout</h1>');
        const api = await broken.inject({ url: '/api/public/x/forms' });
        expect(api.statusCode).toBe(500);
        expect(api.json().error.code).toBe('INTERNAL');
      } finally {
        await broken.close();
        await unreachable.close();
      }
    });

    it('never writes the private link to the request logs', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const logged = await buildApp(ctx().deps, {
        webDir: '/nonexistent',
        logger: { level: 'info', stream },
      });
      try {
        const { token } = files.get('fr')!;
        for (const url of [
          `/c/${token}`,
          `/c/${token}?lang=de`,
          `/c/${token}/suite`,
          `/c/${token.slice(0, 20)}`,
        ]) {
          await logged.inject({ url });
        }
        await logged.inject({ url: '/api/health' });
        const text = lines.join('');
        expect(text).toContain('"url":"/c/[redacted]"');
        expect(text).toContain('"url":"/api/health"');
        expect(text).not.toContain(token.slice(0, 20));
      } finally {
        await logged.close();
      }
    });
  },
  { config: { intake: TEST_INTAKE } },
);

describeEachDatabase('the staff app’s addresses', (ctx) => {
  let webDir: string;
  let app: App;
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'schuss-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html lang="fr"><div id="root" data-spa></div></html>',
    );
    writeFileSync(join(webDir, 'assets', 'main-abc123.js'), 'console.log("app")');
    app = await buildApp(ctx().deps, { webDir });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the app’s page for any of its paths, known or not: the app shows its own “page not found”', async () => {
    for (const url of ['/app', '/app/demandes', '/app/nimporte/quoi', '/app/dossiers/req_inconnu?x=1']) {
      const response = await app.inject({ url });
      expectPage(response, 200);
      expect(response.body, url).toContain('data-spa');
    }
    const script = await app.inject({ url: '/app/assets/main-abc123.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('answers a missing bundle file with a 404 page, not the app’s HTML', async () => {
    const response = await app.inject({
      url: '/app/assets/main-old999.js',
      headers: { 'accept-language': 'en' },
    });
    expectPage(response, 404);
    expect(response.body).toContain('<h1>Page not found</h1>');
  });

  it('answers a page, not JSON, when the app is not built', async () => {
    const bare = await buildApp(ctx().deps, { webDir: '/nonexistent' });
    try {
      const response = await bare.inject({ url: '/app/demandes' });
      expectPage(response, 404);
      expect(response.body).toContain('<h1>Page introuvable</h1>');
    } finally {
      await bare.close();
    }
  });
});
