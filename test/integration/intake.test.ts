import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/app/crypto.js';
import type { AppDeps } from '../../src/app/deps.js';
import { submitPublicIntake } from '../../src/app/intake/submit-intake.js';
import type { App } from '../../src/http/types.js';
import { customerMailsInOutbox } from '../support/customer-mail.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  browserSubmit,
  contactBody,
  customBody,
  customer,
  footprint,
  makeIntakeSchool,
  postIntake,
  TEST_INTAKE,
  uniqueEmail,
  uniqueIp,
  velBody,
} from '../support/intake-client.js';

/** Makes every insert into one table fail: an action interrupted halfway through its writes. */
class FailOnInsertInto implements KyselyPlugin {
  constructor(readonly table: string) {}
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === this.table) {
      throw new Error(`simulated failure writing ${this.table}`);
    }
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

describeEachDatabase(
  'public intake: the three forms',
  (ctx) => {
    let app: App;
    let a: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let b: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let keyA: string;
    const db = () => ctx().deps.db.kysely;

    beforeAll(async () => {
      app = await appFor(ctx());
      a = await makeIntakeSchool(ctx().deps);
      b = await makeIntakeSchool(ctx().deps);
      const admin = new Client(app);
      await admin.login(a.admin.email);
      keyA = (await admin.post('/api/settings/intake-key')).json().key;
    });
    afterAll(() => app.close());

    async function requestByNumber(schoolId: string, number: string) {
      return db()
        .selectFrom('requests')
        .selectAll()
        .where('school_id', '=', schoolId)
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
    }

    async function acknowledgementOf(schoolId: string, to: string) {
      return customerMailsInOutbox(db(), { schoolId, to });
    }

    it('a VEL submission opens a simple request with the customer’s message, journal, notifications and acknowledgement', async () => {
      const body = velBody();
      const response = await browserSubmit(ctx(), app, a.slug, body);
      expect(response.statusCode).toBe(201);
      expect(Object.keys(response.json())).toEqual(['number']);
      const { number } = response.json();
      expect(number).toMatch(/^2026-\d{5}$/);

      const request = await requestByNumber(a.id, number);
      expect(request).toMatchObject({ source: 'vel', status: 'request', total_cents: 0, language: 'fr' });
      const lines = await db()
        .selectFrom('lines')
        .select('id')
        .where('request_id', '=', request.id)
        .execute();
      expect(lines).toEqual([]);

      const messages = await db()
        .selectFrom('messages')
        .selectAll()
        .where('request_id', '=', request.id)
        .execute();
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ author_kind: 'customer', body: body.message });
      expect(JSON.parse(messages[0]!.payload_json!)).toEqual({
        form: 'vel',
        language: 'fr',
        customer: {
          firstName: 'Héloïse',
          lastName: 'Février',
          email: body.customer.email,
          phone: '+33 6 12 34 56 78',
        },
        participants: body.participants,
        productType: 'cours_collectif',
        practice: 'ski_alpin',
        dates: { from: '2027-02-08', to: '2027-02-13' },
        message: body.message,
      });

      const journal = await db()
        .selectFrom('activity')
        .selectAll()
        .where('request_id', '=', request.id)
        .execute();
      expect(journal.map((j) => [j.action, j.actor_kind, j.actor_name])).toEqual([
        ['request.created', 'customer', 'Héloïse Février'],
      ]);

      const notified = await db()
        .selectFrom('notifications')
        .select(['user_id', 'kind'])
        .where('request_id', '=', request.id)
        .execute();
      expect(notified.map((n) => n.user_id).sort()).toEqual([a.admin.id, a.secretary.id].sort());
      expect(new Set(notified.map((n) => n.kind))).toEqual(new Set(['request.created']));

      const [mail, ...others] = await acknowledgementOf(a.id, body.customer.email);
      expect(others).toEqual([]);
      const school = await db()
        .selectFrom('schools')
        .select('name')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(mail!.subject).toBe(`Votre demande n° ${number} — ${school.name}`);
      expect(mail!.text).toContain('Bonjour Héloïse,');
      const link = /http:\/\/schuss\.test\/c\/([A-Za-z0-9_-]{43})/.exec(mail!.text);
      expect(link).not.toBeNull();
      expect(sha256(link![1]!)).toBe(request.portal_token_hash);
    });

    it('a contact submission opens a simple request whose first message is the customer’s text', async () => {
      const body = contactBody({ message: 'Avez-vous des cours pour adultes débutants ?\nMerci.' });
      const response = await browserSubmit(ctx(), app, a.slug, body);
      expect(response.statusCode).toBe(201);
      const request = await requestByNumber(a.id, response.json().number);
      expect(request).toMatchObject({ source: 'contact', status: 'request' });
      const [message] = await db()
        .selectFrom('messages')
        .selectAll()
        .where('request_id', '=', request.id)
        .execute();
      expect(message).toMatchObject({ author_kind: 'customer', body: body.message });
      expect(JSON.parse(message!.payload_json!)).toMatchObject({ form: 'contact', message: body.message });
    });

    it('a custom-lesson submission opens a dossier in "Nouveaux dossiers" with its custom line and system message', async () => {
      const instructor = await db()
        .selectFrom('instructors')
        .select(['id', 'first_name', 'last_name'])
        .where('school_id', '=', a.id)
        .where('first_name', '=', 'Léa')
        .executeTakeFirstOrThrow();
      const body = customBody({ instructorId: instructor.id });
      const response = await browserSubmit(ctx(), app, a.slug, body);
      expect(response.statusCode).toBe(201);
      const request = await requestByNumber(a.id, response.json().number);
      expect(request).toMatchObject({ source: 'custom', status: 'new', total_cents: 0 });
      // Generated words are stored as keys, in no language: each reader gets their own.
      const customLesson = {
        key: 'line.custom_lesson',
        params: { practice: 'ski_de_randonnee', duration: 'half_day', sessions: 3 },
      };
      expect(JSON.parse(request.services_json)).toEqual([customLesson]);
      expect(request.is_to_be_priced).toBe(1);
      expect(request.customer_name).toBe(`${body.customer.firstName} ${body.customer.lastName}`);

      const lines = await db().selectFrom('lines').selectAll().where('request_id', '=', request.id).execute();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        kind: 'custom',
        product_id: null,
        unit_price_cents: 0,
        total_cents: 0,
        is_online_sale: 0,
        is_active: 1,
        label: '',
        label_key: customLesson.key,
      });
      expect(JSON.parse(lines[0]!.label_params_json!)).toEqual(customLesson.params);
      const details = {
        participants: body.participants,
        practice: 'ski_de_randonnee',
        dates: { from: '2027-01-11', to: '2027-01-13' },
        slots: ['morning', 'afternoon'],
        duration: 'half_day',
        sessions: 3,
        instructor: { id: instructor.id, name: 'Léa Perrière' },
        lessonLanguage: 'en',
      };
      expect(JSON.parse(lines[0]!.details_json)).toEqual(details);

      const messages = await db()
        .selectFrom('messages')
        .selectAll()
        .where('request_id', '=', request.id)
        .execute();
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        author_kind: 'system',
        body: '',
        body_key: 'message.created_from_sale',
      });
      expect(request).toMatchObject({
        last_message_preview: '',
        last_message_key: 'message.created_from_sale',
      });
      expect(JSON.parse(messages[0]!.payload_json!)).toEqual({
        form: 'custom',
        language: 'fr',
        customer: {
          firstName: 'Héloïse',
          lastName: 'Février',
          email: body.customer.email,
          phone: '+33 6 12 34 56 78',
        },
        ...details,
        message: body.message,
      });
      const notified = await db()
        .selectFrom('notifications')
        .select('user_id')
        .where('request_id', '=', request.id)
        .execute();
      expect(notified).toHaveLength(2);
      expect(await acknowledgementOf(a.id, body.customer.email)).toHaveLength(1);
    });

    it('writes the acknowledgement in the visitor’s language', async () => {
      const body = contactBody();
      const response = await browserSubmit(ctx(), app, a.slug, body, { query: '?lang=en' });
      expect(response.statusCode).toBe(201);
      const request = await requestByNumber(a.id, response.json().number);
      expect(request.language).toBe('en');
      const [mail] = await acknowledgementOf(a.id, body.customer.email);
      expect(mail!.subject).toMatch(/^Your request no\. 2026-\d{5} — /);
      expect(mail!.text).toContain('Hello Héloïse,');
      expect(mail!.text).toContain('http://schuss.test/c/');
    });

    it('answers the same whether the e-mail is known or not, and never rewrites the known customer', async () => {
      const email = uniqueEmail('connu');
      const first = await browserSubmit(ctx(), app, a.slug, contactBody({ customer: customer(email) }));
      expect(first.statusCode).toBe(201);
      const known = await browserSubmit(
        ctx(),
        app,
        a.slug,
        contactBody({
          customer: { firstName: 'Imposteur', lastName: 'X', email: email.toUpperCase() },
          message: 'Autre question',
        }),
      );
      const unknown = await browserSubmit(ctx(), app, a.slug, contactBody({ message: 'Autre question' }));
      for (const response of [known, unknown]) {
        expect(response.statusCode).toBe(201);
        expect(Object.keys(response.json())).toEqual(['number']);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.headers['set-cookie']).toBeUndefined();
      }
      expect(known.body.length).toBe(unknown.body.length);
      const customers = await db()
        .selectFrom('customers')
        .selectAll()
        .where('school_id', '=', a.id)
        .where('email_normalized', '=', email)
        .execute();
      expect(customers).toHaveLength(1);
      expect(customers[0]).toMatchObject({ first_name: 'Héloïse', last_name: 'Février' });
      const requests = await db()
        .selectFrom('requests')
        .select('customer_id')
        .where('number', 'in', [first.json().number, known.json().number])
        .where('school_id', '=', a.id)
        .execute();
      expect(new Set(requests.map((r) => r.customer_id)).size).toBe(1);
    });

    it('collapses an identical resubmission within ten minutes into the first number', async () => {
      const body = velBody();
      const first = await browserSubmit(ctx(), app, a.slug, body);
      const before = await footprint(ctx().deps, a.id);
      const again = await browserSubmit(ctx(), app, a.slug, body);
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(await footprint(ctx().deps, a.id)).toEqual(before);

      const changed = await browserSubmit(ctx(), app, a.slug, {
        ...body,
        message: 'Finalement, l’après-midi.',
      });
      expect(changed.json().number).not.toBe(first.json().number);

      ctx().clock.advance(11 * 60_000);
      const later = await browserSubmit(ctx(), app, a.slug, body);
      expect(later.json().number).not.toBe(first.json().number);
    });

    it('collapses identical submissions racing each other', async () => {
      const body = contactBody({ message: 'Double clic' });
      const ip = uniqueIp();
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          postIntake(app, a.slug, body, { ip, headers: { 'x-intake-key': keyA } }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect(new Set(responses.map((r) => r.json().number)).size).toBe(1);
    });

    it('gives concurrent submissions distinct, gapless numbers', async () => {
      const schoolB = b;
      const admin = new Client(app);
      await admin.login(schoolB.admin.email);
      const keyB = (await admin.post('/api/settings/intake-key')).json().key;
      const before = await footprint(ctx().deps, schoolB.id);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          postIntake(
            app,
            schoolB.slug,
            i % 3 === 0 ? customBody() : i % 3 === 1 ? velBody() : contactBody(),
            {
              headers: { 'x-intake-key': keyB },
            },
          ),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const numbers = responses.map((r) => r.json().number as string).sort();
      expect(numbers).toEqual(
        Array.from({ length: 20 }, (_, i) => `2026-${String(before.requests + i + 1).padStart(5, '0')}`),
      );
    });

    it('leaves nothing behind when a submission fails halfway, and the number is not lost', async () => {
      const before = await footprint(ctx().deps, a.id);
      const failing: AppDeps = {
        ...ctx().deps,
        db: { ...ctx().deps.db, kysely: ctx().deps.db.kysely.withPlugin(new FailOnInsertInto('outbox')) },
      };
      await expect(
        submitPublicIntake(failing, {
          slug: a.slug,
          body: customBody(),
          ip: uniqueIp(),
          intakeKey: keyA,
          language: 'fr',
        }),
      ).rejects.toThrow('simulated failure writing outbox');
      expect(await footprint(ctx().deps, a.id)).toEqual(before);
      const next = await postIntake(app, a.slug, customBody(), { headers: { 'x-intake-key': keyA } });
      expect(next.json().number).toBe(`2026-${String(before.requests + 1).padStart(5, '0')}`);
    });

    it('answers 404 for an unknown school, in the visitor’s language', async () => {
      const response = await postIntake(app, 'pas-une-ecole', contactBody(), { query: '?lang=en' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'School not found.' } });
      expect((await app.inject({ url: '/api/public/pas-une-ecole/forms' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/public/pas-une-ecole/challenge' })).statusCode).toBe(404);
    });

    it('school A’s form refuses school B’s instructor, and nothing is written', async () => {
      const ofB = await db()
        .selectFrom('instructors')
        .select('id')
        .where('school_id', '=', b.id)
        .executeTakeFirstOrThrow();
      const before = await footprint(ctx().deps, a.id);
      const response = await browserSubmit(ctx(), app, a.slug, customBody({ instructorId: ofB.id }));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields).toEqual({ instructorId: 'Ce moniteur n’est pas disponible.' });
      expect(await footprint(ctx().deps, a.id)).toEqual(before);
    });

    it('school A’s intake key and form token cannot write into school B', async () => {
      const beforeB = await footprint(ctx().deps, b.id);
      const withKey = await postIntake(app, b.slug, contactBody(), { headers: { 'x-intake-key': keyA } });
      expect(withKey.statusCode).toBe(403);
      const tokenOfA = (await app.inject({ url: `/api/public/${a.slug}/forms` })).json().formToken;
      ctx().clock.advance(5_000);
      const withToken = await postIntake(app, b.slug, contactBody({ formToken: tokenOfA }));
      expect(withToken.statusCode).toBe(400);
      expect(withToken.json().error.fields).toHaveProperty('formToken');
      expect(await footprint(ctx().deps, b.id)).toEqual(beforeB);
    });

    describe('validation, per field, in the visitor’s language', () => {
      const cases: { name: string; body: () => Record<string, unknown>; fields: Record<string, string> }[] = [
        {
          name: 'wished dates in the past, or the end before the start',
          body: () => velBody({ dates: { from: '2026-12-01', to: '2026-11-30' } }),
          fields: {
            'dates.from': 'Cette date est déjà passée.',
            'dates.to': 'La date de fin doit être après la date de début.',
          },
        },
        {
          name: 'dates too far ahead',
          body: () => customBody({ dates: { from: '2029-01-10' } }),
          fields: { 'dates.from': 'Date trop lointaine (deux ans au plus).' },
        },
        {
          name: 'a birth date in the future, another too old',
          body: () =>
            velBody({
              participants: [
                { firstName: 'Léo', birthDate: '2018-01-01', level: 'beginner' },
                { firstName: 'Inès', birthDate: '2027-01-01', level: 'beginner' },
                { firstName: 'Aïeul', birthDate: '1900-01-01', level: 'beginner' },
              ],
            }),
          fields: {
            'participants.1.birthDate': 'La date de naissance ne peut pas être dans le futur.',
            'participants.2.birthDate': 'Date de naissance invalide.',
          },
        },
        {
          name: 'a date that does not exist',
          body: () =>
            velBody({
              participants: [{ firstName: 'Inès', birthDate: '2021-02-30', level: 'beginner' }],
              dates: { from: '27/12/2026' },
            }),
          fields: { 'participants.0.birthDate': 'Date invalide.', 'dates.from': 'Date invalide.' },
        },
        {
          name: 'a product type the school does not sell, and an extra',
          body: () => velBody({ productType: 'extra' }),
          fields: { productType: 'Ce type de cours n’est pas proposé.' },
        },
        {
          name: 'an unknown practice, level, slot and duration',
          body: () =>
            customBody({
              practice: 'luge',
              participants: [{ firstName: 'Marc', birthDate: '1988-02-17', level: 'champion' }],
              slots: ['night'],
              duration: '12h',
            }),
          fields: {
            practice: 'Cette discipline n’est pas proposée.',
            'participants.0.level': 'Choix invalide.',
            'slots.0': 'Choix invalide.',
            duration: 'Cette durée n’est pas proposée.',
          },
        },
        {
          name: 'an unknown instructor',
          body: () => customBody({ instructorId: 'ins_inconnu' }),
          fields: { instructorId: 'Ce moniteur n’est pas disponible.' },
        },
        {
          name: 'oversized text',
          body: () =>
            contactBody({ customer: { ...customer(), lastName: 'N'.repeat(81) }, message: 'm'.repeat(5001) }),
          fields: {
            'customer.lastName': '80 caractères au plus.',
            message:
              'Le message est trop long : 5\u202f001 caractères pour 5\u202f000 au plus. Raccourcissez-le.',
          },
        },
        {
          name: 'control characters',
          body: () =>
            contactBody({
              customer: { ...customer(), firstName: 'Jean\u0000' },
              message: 'Bonjour\u001b[31m',
            }),
          fields: { 'customer.firstName': 'Caractères non autorisés.', message: 'Caractères non autorisés.' },
        },
        {
          name: 'missing and malformed identity',
          body: () =>
            contactBody({
              customer: { firstName: ' ', email: 'pas-une-adresse', phone: 'abc' },
              message: '',
            }),
          fields: {
            'customer.firstName': 'Indiquez votre prénom.',
            'customer.lastName': 'Indiquez votre nom.',
            'customer.email': 'Adresse e-mail invalide.',
            'customer.phone': 'Numéro de téléphone invalide.',
            message: 'Écrivez votre message.',
          },
        },
        {
          name: 'no participant, no dates, no slot',
          body: () => customBody({ participants: [], dates: undefined, slots: [], sessions: 0 }),
          fields: {
            participants: 'Ajoutez au moins un participant.',
            'dates.from': 'Indiquez la date de début.',
            slots: 'Choisissez au moins un moment de la journée.',
            sessions: 'Indiquez un nombre de séances entre 1 et 30.',
          },
        },
        {
          name: 'an unknown form',
          body: () => contactBody({ form: 'devis' }),
          fields: { form: 'Formulaire inconnu (vel, contact ou custom).' },
        },
      ];

      for (const c of cases) {
        it(`refuses ${c.name}, writing nothing`, async () => {
          const before = await footprint(ctx().deps, a.id);
          const response = await browserSubmit(ctx(), app, a.slug, c.body());
          expect(response.statusCode).toBe(400);
          expect(response.json().error.code).toBe('VALIDATION');
          expect(response.json().error.fields).toEqual(c.fields);
          expect(await footprint(ctx().deps, a.id)).toEqual(before);
        });
      }

      it('speaks English (and German…) when the visitor does', async () => {
        const en = await browserSubmit(ctx(), app, a.slug, velBody({ dates: { from: '2026-12-01' } }), {
          headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' },
        });
        expect(en.json().error).toEqual({
          code: 'VALIDATION',
          message: 'This date has already passed.',
          fields: { 'dates.from': 'This date has already passed.' },
        });
        const de = await browserSubmit(ctx(), app, a.slug, contactBody({ message: '', language: 'de' }));
        expect(de.json().error.fields).toEqual({ message: 'Bitte schreiben Sie Ihre Nachricht.' });
      });
    });
  },
  { config: { intake: TEST_INTAKE } },
);
