import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import type { App } from '../../src/http/types.js';
import { createTestDatabase, DIALECTS, describeEachDatabase, type TestDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import {
  browserSubmit,
  customBody,
  makeIntakeSchool,
  TEST_INTAKE,
  uniqueEmail,
  velBody,
} from '../support/intake-client.js';

const FRENCH_WORDS = /Dossier créé|Cours sur mesure|demi-journée|Cours collectif|participants/;

describeEachDatabase(
  'generated words are stored as keys; phone requests are the customer’s; custom lessons à chiffrer',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeIntakeSchool>>;
    let marie: Client;
    const db = () => ctx().deps.db.kysely;

    beforeAll(async () => {
      app = await appFor(ctx());
      school = await makeIntakeSchool(ctx().deps);
      marie = new Client(app);
      await marie.login(school.secretary.email);
    });
    afterAll(() => app.close());

    async function requestByNumber(number: string) {
      return db()
        .selectFrom('requests')
        .selectAll()
        .where('school_id', '=', school.id)
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
    }

    it('stores the custom form’s system message and lesson label as keys with parameters, not French text', async () => {
      const response = await browserSubmit(ctx(), app, school.slug, customBody());
      expect(response.statusCode).toBe(201);
      const request = await requestByNumber(response.json().number);

      const [message, ...others] = await db()
        .selectFrom('messages')
        .selectAll()
        .where('request_id', '=', request.id)
        .execute();
      expect(others).toEqual([]);
      expect(message).toMatchObject({
        author_kind: 'system',
        body: '',
        body_key: 'message.created_from_sale',
      });
      const [line] = await db()
        .selectFrom('lines')
        .selectAll()
        .where('request_id', '=', request.id)
        .execute();
      expect(line).toMatchObject({ kind: 'custom', label: '', label_key: 'line.custom_lesson' });
      // Nothing the lists or the page read carries a sentence in one language.
      for (const stored of [
        message!.body,
        line!.label,
        request.services_json,
        request.last_message_preview,
        request.last_message_params_json ?? '',
      ]) {
        expect(stored).not.toMatch(FRENCH_WORDS);
      }

      const lesson = {
        key: 'line.custom_lesson',
        params: { practice: 'ski_de_randonnee', duration: 'half_day', sessions: 3 },
      };
      const page = (await marie.get(`/api/requests/${request.id}`)).json();
      expect(page.messages[0]).toMatchObject({
        authorKind: 'system',
        body: '',
        bodyKeyed: { key: 'message.created_from_sale', params: {} },
        notedByName: null,
      });
      expect(page.lines[0]).toMatchObject({
        label: '',
        labelKeyed: lesson,
        totalCents: 0,
        isToBePriced: true,
      });
      expect(page.request).toMatchObject({ totalCents: 0, isToBePriced: true });

      const list = (await marie.get('/api/requests?tab=new')).json();
      const item = list.items.find((i: { id: string }) => i.id === request.id);
      expect(item).toMatchObject({
        services: [lesson],
        isToBePriced: true,
        lastMessagePreview: '',
        lastMessageKeyed: { key: 'message.created_from_sale', params: {} },
      });
    });

    it('stores the summary of a VEL form sent without a message as a key, and still finds it by its words', async () => {
      const email = uniqueEmail('sans-message');
      const response = await browserSubmit(
        ctx(),
        app,
        school.slug,
        velBody({
          customer: { firstName: 'Yves', lastName: 'Quintal', email },
          message: '',
          practice: 'snowboard',
          dates: { from: '2027-02-08', to: null },
        }),
      );
      expect(response.statusCode).toBe(201);
      const request = await requestByNumber(response.json().number);
      const params = {
        productType: 'cours_collectif',
        practice: 'snowboard',
        participants: 2,
        from: '2027-02-08',
        to: null,
      };
      const message = await db()
        .selectFrom('messages')
        .selectAll()
        .where('request_id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(message).toMatchObject({ author_kind: 'customer', body: '', body_key: 'message.vel_summary' });
      expect(JSON.parse(message.body_params_json!)).toEqual(params);
      expect(request).toMatchObject({ last_message_preview: '', last_message_key: 'message.vel_summary' });

      const list = (await marie.get('/api/requests?tab=request&source=vel')).json();
      const item = list.items.find((i: { id: string }) => i.id === request.id);
      expect(item).toMatchObject({
        lastMessageKeyed: { key: 'message.vel_summary', params },
        isToHandle: true,
      });
      // The search index keeps the French words secretaries type.
      const found = (await marie.get('/api/search?q=cours%20collectif%20snowboard')).json();
      expect(found.items.map((i: { id: string }) => i.id)).toContain(request.id);
    });

    it('a phone request noted by staff is the customer’s first message, noted by her, and "à traiter"', async () => {
      const created = await marie.post('/api/requests', {
        customer: {
          email: uniqueEmail('telephone'),
          firstName: 'Hélène',
          lastName: 'Astruc',
          language: 'fr',
        },
        message: 'Au téléphone : deux heures de cours particulier samedi matin.',
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;

      const message = await db()
        .selectFrom('messages')
        .selectAll()
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(message).toMatchObject({
        author_kind: 'customer',
        author_user_id: null,
        noted_by_user_id: school.secretary.id,
      });

      const page = (await marie.get(`/api/requests/${id}`)).json();
      expect(page.request.source).toBe('staff');
      expect(page.messages).toEqual([
        expect.objectContaining({
          authorKind: 'customer',
          authorName: 'Hélène Astruc',
          notedByName: school.secretary.name,
          body: 'Au téléphone : deux heures de cours particulier samedi matin.',
        }),
      ]);
      expect(page.activity.map((a: { sentence: string }) => a.sentence)).toEqual([
        `${school.secretary.name} a noté la demande ${page.request.number} (téléphone / guichet)`,
      ]);

      const toHandle = (await marie.get('/api/requests?tab=request&toHandle=true&limit=100')).json();
      expect(toHandle.items.find((i: { id: string }) => i.id === id)).toMatchObject({
        source: 'staff',
        isToHandle: true,
      });
      await marie.post(`/api/requests/${id}/messages`, { body: 'C’est noté, à samedi !' });
      const list = (await marie.get('/api/requests?tab=request&limit=100')).json();
      expect(list.items.find((i: { id: string }) => i.id === id)).toMatchObject({
        isToHandle: false,
        lastMessagePreview: 'C’est noté, à samedi !',
        lastMessageKeyed: null,
      });
    });
  },
  { config: { intake: TEST_INTAKE } },
);

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !inject('pgAdminUrl'))(
    `migration 20261201_0007_message_keys converts existing rows [${dialect}]`,
    () => {
      let database: TestDatabase;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      afterAll(() => database?.drop());

      it('turns French system messages, summaries and lesson labels into keys, and phone requests into the customer’s', async () => {
        const db = database.db.kysely;
        await migrateTo(db, '20261126_0005_pg_search_order');
        const at = '2026-11-20T09:00:00.000Z';
        const later = '2026-11-20T10:00:00.000Z';
        await sql`insert into schools (id, slug, name, time_zone, currency, default_language, settings_json, created_at)
          values ('sch_1', 'ecole', 'École', 'Europe/Paris', 'EUR', 'fr', '{}', ${at})`.execute(db);
        await sql`insert into users (id, school_id, email, name, role, password_hash, language, is_active, created_at, updated_at)
          values ('usr_1', 'sch_1', 'marie@ecole.fr', 'Marie Dupont', 'secretary', 'x', 'fr', 1, ${at}, ${at})`.execute(
          db,
        );
        await sql`insert into customers (id, school_id, email, email_normalized, first_name, last_name, language, created_at, updated_at)
          values ('cus_1', 'sch_1', 'elodie@example.fr', 'elodie@example.fr', 'Élodie', 'Marchand', 'fr', ${at}, ${at})`.execute(
          db,
        );
        const request = (id: string, source: string, preview: string, author: string, lastAt = at) =>
          sql`insert into requests (id, school_id, number, source, customer_id, language, staff_comment,
              is_online_payment_allowed, is_entered_in_pos, status, total_cents, paid_cents, portal_token_hash,
              last_message_at, last_message_preview, last_message_author, created_at, updated_at, version,
              customer_name, customer_email, services_json)
            values (${id}, 'sch_1', ${`2026-0000${id.slice(-1)}`}, ${source}, 'cus_1', 'fr', '', 1, 0,
              ${source === 'custom' ? 'new' : 'request'}, 0, 0, ${`hash-${id}`}, ${lastAt}, ${preview}, ${author},
              ${at}, ${at}, 1, 'Élodie Marchand', 'elodie@example.fr',
              ${source === 'custom' ? '["Cours sur mesure — Snowboard — 3 × 2 h"]' : '[]'})`.execute(db);
        const message = (
          id: string,
          requestId: string,
          author: string,
          body: string,
          payload: unknown,
          userId: string | null = null,
          when = at,
        ) =>
          sql`insert into messages (id, school_id, request_id, author_kind, author_user_id, body, payload_json, created_at)
            values (${id}, 'sch_1', ${requestId}, ${author}, ${userId}, ${body},
              ${payload === null ? null : JSON.stringify(payload)}, ${when})`.execute(db);

        await request('req_1', 'custom', 'Dossier créé depuis la vente', 'system');
        await message('msg_1', 'req_1', 'system', 'Dossier créé depuis la vente', { form: 'custom' });
        await sql`insert into lines (id, school_id, request_id, kind, label, quantity, unit_price_cents, total_cents,
            vat_rate_bp, is_online_sale, is_optional, is_active, details_json, position, created_at, updated_at)
          values ('lin_1', 'sch_1', 'req_1', 'custom', 'Cours sur mesure — Snowboard — 3 × 2 h', 1, 0, 0, 1000,
            0, 0, 1, ${JSON.stringify({ practice: 'snowboard', duration: '2h', sessions: 3 })}, 0, ${at}, ${at})`.execute(
          db,
        );
        const summary = 'Cours collectif · Ski alpin · 2 participants · du 08/02/2027 au 13/02/2027';
        await request('req_2', 'vel', summary, 'customer');
        await message('msg_2', 'req_2', 'customer', summary, {
          form: 'vel',
          participants: [{ firstName: 'Léo' }, { firstName: 'Inès' }],
          productType: 'cours_collectif',
          practice: 'ski_alpin',
          dates: { from: '2027-02-08', to: '2027-02-13' },
          message: '',
        });
        await request('req_3', 'staff', 'Au téléphone : cours samedi', 'staff');
        await message('msg_3', 'req_3', 'staff', 'Au téléphone : cours samedi', null, 'usr_1');
        // A phone request already answered: its first message converts, the file stays answered.
        await request('req_4', 'staff', 'Réponse envoyée', 'staff', later);
        await message('msg_4', 'req_4', 'staff', 'Au guichet : forfait famille', null, 'usr_1');
        await message('msg_5', 'req_4', 'staff', 'Réponse envoyée', null, 'usr_1', later);

        await migrateToLatest(db);

        const messages = await db.selectFrom('messages').selectAll().orderBy('id').execute();
        expect(
          messages.map((m) => [
            m.id,
            m.author_kind,
            m.author_user_id,
            m.noted_by_user_id,
            m.body,
            m.body_key,
          ]),
        ).toEqual([
          ['msg_1', 'system', null, null, '', 'message.created_from_sale'],
          ['msg_2', 'customer', null, null, '', 'message.vel_summary'],
          ['msg_3', 'customer', null, 'usr_1', 'Au téléphone : cours samedi', null],
          ['msg_4', 'customer', null, 'usr_1', 'Au guichet : forfait famille', null],
          ['msg_5', 'staff', 'usr_1', null, 'Réponse envoyée', null],
        ]);
        expect(JSON.parse(messages[1]!.body_params_json!)).toEqual({
          productType: 'cours_collectif',
          practice: 'ski_alpin',
          participants: 2,
          from: '2027-02-08',
          to: '2027-02-13',
        });
        const line = await db.selectFrom('lines').selectAll().executeTakeFirstOrThrow();
        expect(line).toMatchObject({ label: '', label_key: 'line.custom_lesson' });
        const lesson = { practice: 'snowboard', duration: '2h', sessions: 3 };
        expect(JSON.parse(line.label_params_json!)).toEqual(lesson);

        const requests = await db.selectFrom('requests').selectAll().orderBy('id').execute();
        expect(
          requests.map((r) => [
            r.id,
            r.last_message_author,
            r.last_message_preview,
            r.last_message_key,
            Number(r.is_to_be_priced),
          ]),
        ).toEqual([
          ['req_1', 'system', '', 'message.created_from_sale', 1],
          ['req_2', 'customer', '', 'message.vel_summary', 0],
          ['req_3', 'customer', 'Au téléphone : cours samedi', null, 0],
          ['req_4', 'staff', 'Réponse envoyée', null, 0],
        ]);
        expect(JSON.parse(requests[0]!.services_json)).toEqual([
          { key: 'line.custom_lesson', params: lesson },
        ]);
      });
    },
  );
}
