import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/app/schools/seed-demo.js';
import type { App } from '../../src/http/types.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor } from '../support/http.js';
import {
  challenge,
  footprint,
  makeIntakeSchool,
  solve,
  TEST_INTAKE,
  uniqueEmail,
  uniqueIp,
} from '../support/intake-client.js';

/** The value of a hidden or text input in a rendered page. */
function inputValue(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name.replaceAll('.', '\\.')}"[^>]*value="([^"]*)"`).exec(html);
  return match?.[1];
}

/** The rendered block of one field: its label, control, hint and error. */
function fieldBlock(html: string, name: string): string {
  const start = html.indexOf(`data-field="${name}"`);
  if (start < 0) throw new Error(`no field ${name}`);
  return html.slice(start, html.indexOf('</div>', start));
}

describeEachDatabase(
  'public intake: the HTML pages',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeIntakeSchool>>;

    beforeAll(async () => {
      app = await appFor(ctx());
      a = await makeIntakeSchool(ctx().deps);
    });
    afterAll(() => app.close());

    function post(path: string, fields: [string, string][], headers: Record<string, string> = {}) {
      return app.inject({
        method: 'POST',
        url: path,
        remoteAddress: uniqueIp(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams(fields).toString(),
      });
    }

    it('serves each form in French by default, embeddable by the school’s own sites only', async () => {
      for (const [page, title] of [
        ['vel', 'Réserver un cours'],
        ['contact', 'Nous contacter'],
        ['sur-mesure', 'Cours sur mesure'],
      ] as const) {
        const response = await app.inject({ url: `/f/${a.slug}/${page}` });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
        expect(response.headers['content-security-policy']).toContain("script-src 'self'");
        expect(response.headers['x-frame-options']).toBeUndefined();
        expect(response.body).toContain('<html lang="fr">');
        expect(response.body).toContain(`<h1>${title}</h1>`);
        expect(inputValue(response.body, 'formToken')).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]+$/);
        expect(response.body).toContain('name="website"');
        expect(response.body).toContain(`<altcha-widget challenge="/api/public/${a.slug}/challenge"`);
      }
      const vel = (await app.inject({ url: `/f/${a.slug}/vel` })).body;
      expect(vel).toContain('<option value="cours_collectif">Cours collectif</option>');
      expect(vel).toContain('<option value="cours_particulier">Cours particulier</option>');
      expect(vel).not.toContain('value="extra"');
      const custom = (await app.inject({ url: `/f/${a.slug}/sur-mesure` })).body;
      expect(custom).toContain('Léa Perrière (FR, EN)');
    });

    it('speaks the visitor’s language: ?lang=, then Accept-Language, English for the others', async () => {
      const german = await app.inject({
        url: `/f/${a.slug}/vel`,
        headers: { 'accept-language': 'de-CH,de;q=0.9' },
      });
      expect(german.body).toContain('<html lang="de">');
      expect(german.body).toContain('<h1>Kurs buchen</h1>');
      expect(german.body).toContain('altcha/i18n/de.js');
      const dutch = await app.inject({ url: `/f/${a.slug}/contact?lang=nl` });
      expect(dutch.body).toContain('<h1>Contact</h1>');
      expect(dutch.body).toContain('Aanvraag versturen');
      const portuguese = await app.inject({
        url: `/f/${a.slug}/contact`,
        headers: { 'accept-language': 'pt-PT' },
      });
      expect(portuguese.body).toContain('<html lang="en">');
      expect(portuguese.body).toContain('<h1>Contact us</h1>');
    });

    it('shows errors beside their fields, keeps what was typed, and writes nothing', async () => {
      const page = await app.inject({ url: `/f/${a.slug}/vel` });
      const token = inputValue(page.body, 'formToken')!;
      ctx().clock.advance(TEST_INTAKE.minFillMs + 1);
      const before = await footprint(ctx().deps, a.id);
      const response = await post(`/f/${a.slug}/vel?lang=fr`, [
        ['formToken', token],
        ['website', ''],
        ['customer.firstName', 'Zoé <script>'],
        ['customer.lastName', 'Martin'],
        ['customer.email', 'zoe@'],
        ['participants.0.firstName', 'Léo'],
        ['participants.0.birthDate', '2030-01-01'],
        ['participants.0.level', 'beginner'],
        ['participants.1.firstName', ''],
        ['participants.1.birthDate', ''],
        ['participants.1.level', ''],
        ['productType', 'cours_collectif'],
        ['practice', 'snowboard'],
        ['dates.from', '2027-02-08'],
        ['message', 'Merci !'],
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('role="alert"');
      expect(fieldBlock(response.body, 'customer.email')).toContain('Adresse e-mail invalide.');
      expect(fieldBlock(response.body, 'customer.email')).toContain('aria-invalid="true"');
      expect(inputValue(response.body, 'customer.firstName')).toBe('Zoé &lt;script&gt;');
      expect(inputValue(response.body, 'customer.email')).toBe('zoe@');
      expect(inputValue(response.body, 'dates.from')).toBe('2027-02-08');
      expect(response.body).toContain('<option value="snowboard" selected>');
      expect(response.body).toContain('Merci !</textarea>');
      expect(response.body).not.toContain('<script>');
      expect(inputValue(response.body, 'formToken')).toBe(token);
      expect(await footprint(ctx().deps, a.id)).toEqual(before);
    });

    it('a complete page submission lands on the thank-you page with the number', async () => {
      const page = await app.inject({ url: `/f/${a.slug}/sur-mesure?lang=en` });
      const token = inputValue(page.body, 'formToken')!;
      const altcha = await solve(await challenge(app, a.slug));
      ctx().clock.advance(TEST_INTAKE.minFillMs + 1);
      const email = uniqueEmail('page');
      const response = await post(`/f/${a.slug}/sur-mesure?lang=en`, [
        ['formToken', token],
        ['altcha', altcha],
        ['website', ''],
        ['customer.firstName', 'Emma'],
        ['customer.lastName', 'Stone'],
        ['customer.email', email],
        ['customer.phone', ''],
        ['participants.0.firstName', 'Emma'],
        ['participants.0.birthDate', '1992-04-01'],
        ['participants.0.level', 'intermediate'],
        ['practice', 'ski_alpin'],
        ['lessonLanguage', 'en'],
        ['dates.from', '2027-01-04'],
        ['dates.to', ''],
        ['slots', 'morning'],
        ['slots', 'midday'],
        ['duration', '2h'],
        ['sessions', '2'],
        ['instructorId', ''],
        ['message', ''],
      ]);
      expect(response.statusCode).toBe(303);
      const location = response.headers.location as string;
      expect(location).toMatch(new RegExp(`^/f/${a.slug}/sur-mesure/merci\\?n=2026-\\d{5}&lang=en$`));
      const number = decodeURIComponent(/n=([^&]+)/.exec(location)![1]!);
      const request = await ctx()
        .deps.db.kysely.selectFrom('requests')
        .selectAll()
        .where('school_id', '=', a.id)
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      expect(request).toMatchObject({ source: 'custom', status: 'new', language: 'en' });
      const line = await ctx()
        .deps.db.kysely.selectFrom('lines')
        .select('details_json')
        .where('request_id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(line.details_json)).toMatchObject({
        slots: ['morning', 'midday'],
        sessions: 2,
        instructor: null,
      });
      const thanks = await app.inject({ url: location });
      expect(thanks.statusCode).toBe(200);
      expect(thanks.body).toContain(`Your request is registered as no. ${number}.`);
    });

    it('a robot filling the honeypot gets the page back with the refusal, and nothing is written', async () => {
      const page = await app.inject({ url: `/f/${a.slug}/contact` });
      ctx().clock.advance(TEST_INTAKE.minFillMs + 1);
      const before = await footprint(ctx().deps, a.id);
      const response = await post(`/f/${a.slug}/contact`, [
        ['formToken', inputValue(page.body, 'formToken')!],
        ['website', 'http://buy.example'],
        ['customer.firstName', 'Bot'],
        ['customer.lastName', 'Bot'],
        ['customer.email', 'bot@example.com'],
        ['message', 'Cheap pills'],
      ]);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Envoi bloqué par le filtre anti-spam.');
      expect(await footprint(ctx().deps, a.id)).toEqual(before);
    });

    it('says so when the school or the page does not exist', async () => {
      const unknown = await app.inject({ url: '/f/pas-une-ecole/vel' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('Cette école ou ce formulaire n’existe pas.');
      const thanks = await app.inject({ url: `/f/${a.slug}/vel/merci?n=<b>` });
      expect(thanks.statusCode).toBe(303);
    });

    it('serves the form scripts and the ALTCHA browser build, and nothing else from there', async () => {
      for (const [path, type] of [
        ['forms.js', 'text/javascript; charset=utf-8'],
        ['forms.css', 'text/css; charset=utf-8'],
        ['altcha/altcha.js', 'text/javascript; charset=utf-8'],
        ['altcha/altcha.css', 'text/css; charset=utf-8'],
        ['altcha/pbkdf2.js', 'text/javascript; charset=utf-8'],
        ['altcha/i18n/fr-fr.js', 'text/javascript; charset=utf-8'],
      ]) {
        const response = await app.inject({ url: `/f/assets/${path}` });
        expect(response.statusCode, path).toBe(200);
        expect(response.headers['content-type']).toBe(type);
        expect(response.body.length).toBeGreaterThan(100);
      }
      for (const path of ['../../../package.json', 'altcha/../forms.js.map', 'nope.js', 'constructor']) {
        expect((await app.inject({ url: `/f/assets/${path}` })).statusCode, path).toBe(404);
      }
    });
  },
  { config: { intake: TEST_INTAKE } },
);

describeEachDatabase('the demo school’s forms', (ctx) => {
  it('has all three forms open and an inbox already fed through them', async () => {
    await seedDemoIfEmpty(ctx().deps);
    const app = await appFor(ctx());
    for (const page of ['vel', 'contact', 'sur-mesure']) {
      expect((await app.inject({ url: `/f/demo/${page}` })).statusCode).toBe(200);
    }
    const requests = await ctx()
      .deps.db.kysely.selectFrom('requests')
      .innerJoin('schools', 'schools.id', 'requests.school_id')
      .select(['requests.source', 'requests.status'])
      .where('schools.slug', '=', 'demo')
      .execute();
    const bySource = (source: string) => requests.filter((r) => r.source === source);
    expect(bySource('vel').length).toBeGreaterThanOrEqual(2);
    expect(bySource('contact').length).toBeGreaterThanOrEqual(1);
    expect(bySource('custom').length).toBeGreaterThanOrEqual(1);
    expect(new Set(bySource('custom').map((r) => r.status))).toEqual(new Set(['new']));
    const docs = (await app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/api/public/{school}/requests',
        '/api/public/{school}/challenge',
        '/api/settings/forms',
        '/api/settings/intake-key',
      ]),
    );
    await app.close();
  });
});
