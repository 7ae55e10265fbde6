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

    it('a visitor who also holds a staff session is a visitor on the forms: no CSRF refusal', async () => {
      // An embedded form posts with `Origin: null` (or the school's site); the cookie is not used there.
      const response = await post(`/f/${a.slug}/contact`, [['customer.firstName', 'Marie']], {
        origin: 'null',
        cookie: 'schuss_session=a-staff-session',
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('data-field="customer.email"');
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

    /** A complete custom-lesson page submission, with a genuine form token and proof of work. */
    async function postCustom(lang: 'fr' | 'en', overrides: Record<string, string | string[]>) {
      const page = await app.inject({ url: `/f/${a.slug}/sur-mesure?lang=${lang}` });
      const token = inputValue(page.body, 'formToken')!;
      const altcha = await solve(await challenge(app, a.slug));
      ctx().clock.advance(TEST_INTAKE.minFillMs + 1);
      const fields: Record<string, string | string[]> = {
        formToken: token,
        altcha,
        website: '',
        'customer.firstName': 'Emma',
        'customer.lastName': 'Stone',
        'customer.email': uniqueEmail('sessions'),
        'participants.0.firstName': 'Emma',
        'participants.0.birthDate': '1992-04-01',
        'participants.0.level': 'intermediate',
        practice: 'ski_alpin',
        lessonLanguage: 'en',
        'dates.from': '2027-01-04',
        'dates.to': '2027-01-08',
        slots: 'morning',
        duration: '2h',
        sessions: '3',
        message: '',
        ...overrides,
      };
      const entries = Object.entries(fields).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
      );
      return post(`/f/${a.slug}/sur-mesure?lang=${lang}`, entries);
    }

    it('asks for the number of sessions with a placeholder, never a value to type over', async () => {
      for (const [lang, placeholder] of [
        ['fr', 'ex. 3'],
        ['en', 'e.g. 3'],
      ] as const) {
        const page = await app.inject({ url: `/f/${a.slug}/sur-mesure?lang=${lang}` });
        expect(inputValue(page.body, 'sessions')).toBe('');
        expect(fieldBlock(page.body, 'sessions')).toContain(`placeholder="${placeholder}"`);
      }
      const empty = await postCustom('fr', { sessions: '' });
      expect(empty.statusCode).toBe(400);
      expect(fieldBlock(empty.body, 'sessions')).toContain('Indiquez le nombre de séances.');
      const emptyEn = await postCustom('en', { sessions: '' });
      expect(fieldBlock(emptyEn.body, 'sessions')).toContain('Please enter the number of sessions.');
    });

    it('refuses more sessions than the dates hold, beside the field, in the form’s language', async () => {
      const before = await footprint(ctx().deps, a.id);
      // "1" left in the field and "3" typed after it: 13 sessions in five mornings.
      const fr = await postCustom('fr', { sessions: '13' });
      expect(fr.statusCode).toBe(400);
      expect(fr.headers['content-type']).toBe('text/html; charset=utf-8');
      const frBlock = fieldBlock(fr.body, 'sessions');
      expect(frBlock).toContain(
        '5 séances au plus dans ces dates (une par jour et par moment de la journée choisi).',
      );
      expect(frBlock).toContain('aria-invalid="true"');
      expect(inputValue(fr.body, 'sessions')).toBe('13');
      const en = await postCustom('en', { sessions: '13', slots: 'afternoon', 'dates.to': '' });
      expect(en.statusCode).toBe(400);
      expect(fieldBlock(en.body, 'sessions')).toContain(
        'Only one session fits these dates (one a day for each time of day chosen).',
      );
      expect(await footprint(ctx().deps, a.id)).toEqual(before);
      // Two times of day on five days hold ten sessions.
      const eleven = await postCustom('fr', { sessions: '11', slots: ['morning', 'afternoon'] });
      expect(fieldBlock(eleven.body, 'sessions')).toContain('10 séances au plus dans ces dates');
      const ten = await postCustom('fr', { sessions: '10', slots: ['morning', 'afternoon'] });
      expect(ten.statusCode, ten.body).toBe(303);
    });

    it('keeps a long message whole and refuses it by name instead of cutting it', async () => {
      const page = await app.inject({ url: `/f/${a.slug}/contact` });
      expect(page.body).not.toContain('maxlength="5000"');
      expect(fieldBlock(page.body, 'message')).toContain('0 / 5\u202f000 caractères');
      const long = `${'Bonjour, '.repeat(556)}fin`; // 5007 characters
      for (const [lang, error, counter] of [
        [
          'fr',
          'Le message est trop long : 5\u202f007 caractères pour 5\u202f000 au plus. Raccourcissez-le.',
          '5\u202f007 / 5\u202f000 caractères : 7 de trop',
        ],
        [
          'en',
          'The message is too long: 5,007 characters, 5,000 at most. Please shorten it.',
          '5,007 / 5,000 characters: 7 too many',
        ],
      ] as const) {
        const response = await post(`/f/${a.slug}/contact?lang=${lang}`, [
          ['formToken', inputValue(page.body, 'formToken')!],
          ['website', ''],
          ['customer.firstName', 'Camille'],
          ['customer.lastName', 'Rousseau'],
          ['customer.email', uniqueEmail('long')],
          ['message', long],
        ]);
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain(
          `<div class="alert" role="alert" tabindex="-1" data-alert>${error}</div>`,
        );
        const block = fieldBlock(response.body, 'message');
        expect(block).toContain(error);
        expect(block).toContain(counter);
        expect(block).toContain(`${long}</textarea>`);
      }
    });

    it('counts a line break as one character, as the counter does, though browsers post two', async () => {
      const page = await app.inject({ url: `/f/${a.slug}/contact` });
      const lines = Array.from({ length: 500 }, () => 'Ligne 890').join('\r\n'); // 4999 characters
      ctx().clock.advance(TEST_INTAKE.minFillMs + 1);
      const response = await post(`/f/${a.slug}/contact`, [
        ['formToken', inputValue(page.body, 'formToken')!],
        ['website', ''],
        ['customer.firstName', 'Camille'],
        ['customer.lastName', 'Rousseau'],
        ['customer.email', uniqueEmail('lines')],
        ['message', lines],
      ]);
      // Refused for the missing proof of work only: the message itself is accepted.
      expect(response.statusCode).toBe(400);
      expect(fieldBlock(response.body, 'altcha')).toContain('class="error"');
      expect(fieldBlock(response.body, 'message')).not.toContain('class="error"');
      expect(fieldBlock(response.body, 'message')).toContain('4\u202f999 / 5\u202f000 caractères');
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
