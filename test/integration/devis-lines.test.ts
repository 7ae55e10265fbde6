import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cents, formatMoney } from '../../src/domain/money.js';
import type { App } from '../../src/http/types.js';
import type { Devis } from '../../src/shared/contracts/sales.js';
import {
  insertDayOff,
  insertInstructor,
  insertPayment,
  insertProduct,
  insertSession,
} from '../support/catalogue-fixtures.js';
import { customRequest as customFormRequest, journalOf as journalOfFile } from '../support/devis-client.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { TEST_INTAKE, uniqueEmail } from '../support/intake-client.js';

const customer = () => ({ email: uniqueEmail(), firstName: 'Anaïs', lastName: 'Roux', language: 'fr' });
const kids = [
  { firstName: 'Léa', birthDate: '2016-03-02', level: 'beginner' },
  { firstName: 'Tom', birthDate: '2018-07-14', level: 'first_time' },
];

describeEachDatabase(
  'the Devis onglet: lines, custom lessons and availability',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let other: Awaited<ReturnType<typeof makeSchool>>;
    let marie: Client;
    let admin: Client;
    let otherSecretary: Client;
    let product: string;
    let session: string;
    const db = () => ctx().deps.db.kysely;

    beforeAll(async () => {
      app = await appFor(ctx());
      school = await makeSchool(ctx().deps, { name: 'École démo' });
      other = await makeSchool(ctx().deps);
      marie = new Client(app);
      await marie.login(school.secretary.email);
      admin = new Client(app);
      await admin.login(school.admin.email);
      const r = await admin.patch('/api/auth/me', { language: 'en' });
      expect(r.statusCode).toBe(204);
      otherSecretary = new Client(app);
      await otherSecretary.login(other.secretary.email);
      product = await insertProduct(db(), school.id, {
        name: 'Cours collectif enfants',
        priceCents: 21_500,
        ageMin: 5,
        ageMax: 12,
        levels: ['first_time', 'beginner'],
      });
      session = await insertSession(db(), school.id, product, { capacity: 8 });
    });
    afterAll(() => app.close());

    async function openRequest(client = marie): Promise<{ id: string; version: number }> {
      const r = await client.post('/api/requests', {
        customer: customer(),
        message: 'Bonjour, deux enfants.',
      });
      expect(r.statusCode).toBe(201);
      return r.json();
    }

    /** "Cours de ski": a catalogue lesson added to a file (the children on the default session unless said). */
    function addLesson(
      fileId: string,
      body: { version: number; productId?: string; sessionId?: string; participants?: unknown[] },
      client = marie,
    ) {
      return client.post(`/api/requests/${fileId}/lines`, {
        kind: 'catalog',
        productId: product,
        sessionId: session,
        participants: kids,
        ...body,
      });
    }

    const statusOf = async (id: string) =>
      (await db().selectFrom('requests').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status;

    const journalOf = (requestId: string, client = marie) => journalOfFile(client, requestId);

    describe('Ajouter une prestation', () => {
      it('turns a simple request into a dossier with a catalogue lesson for two children, journaled', async () => {
        const file = await openRequest();
        expect(await statusOf(file.id)).toBe('request');
        const r = await addLesson(file.id, { version: file.version });
        expect(r.statusCode).toBe(201);
        const devis = r.json() as Devis;
        expect(devis.version).toBe(file.version + 1);
        expect(devis.lines).toHaveLength(1);
        expect(devis.lines[0]).toMatchObject({
          kind: 'catalog',
          productId: product,
          sessionId: session,
          label: 'Cours collectif enfants',
          quantity: 2,
          unitPriceCents: 21_500,
          totalCents: 43_000,
          vatRateBp: 1000,
          isOnlineSale: true,
          isLocked: false,
        });
        expect(devis.lines[0]!.participants.map((p) => p.firstName)).toEqual(['Léa', 'Tom']);
        // 430 € TTC at 10 %: VAT = 430 × 10 / 110 = 39,09 €.
        expect(devis.totals).toMatchObject({
          totalCents: 43_000,
          vatCents: 3_909,
          netCents: 39_091,
          vat: [{ rateBp: 1000, totalCents: 43_000, vatCents: 3_909, netCents: 39_091 }],
          paidCents: 0,
          dueCents: 43_000,
          defaultDepositCents: 12_900,
        });
        expect(devis.canSend).toBe(true);
        expect(devis.customLessonLabel).toBe('Cours sur mesure');
        expect(await statusOf(file.id)).toBe('in_progress');
        const { name } = school.secretary;
        expect(await journalOf(file.id)).toContain(
          `${name} a ajouté « Cours collectif enfants — 2 participants »`,
        );
        const stored = await db().selectFrom('lines').selectAll().where('request_id', '=', file.id).execute();
        expect(stored[0]).toMatchObject({ session_id: session, participant_count: 2 });
        expect(Number(stored[0]!.total_cents)).toBe(
          Number(stored[0]!.unit_price_cents) * stored[0]!.quantity,
        );
        // Read back, the Devis is the same.
        expect(
          ((await marie.get(`/api/requests/${file.id}/devis`)).json() as Devis).lines[0]!.totalCents,
        ).toBe(43_000);
      });

      it('adds the insurance per participant of the file, and sums the VAT per rate', async () => {
        const file = await openRequest();
        const insurance = await insertProduct(db(), school.id, {
          kind: 'extra',
          name: 'Assurance Carré Neige',
          priceCents: 1_900,
          vatRateBp: 2000,
          isOptional: true,
          isOnlineSale: false,
        });
        let r = await addLesson(file.id, { version: file.version });
        r = await marie.post(`/api/requests/${file.id}/lines`, {
          kind: 'extra',
          version: (r.json() as Devis).version,
          productId: insurance,
        });
        expect(r.statusCode).toBe(201);
        const devis = r.json() as Devis;
        expect(devis.lines[1]).toMatchObject({
          kind: 'extra',
          label: 'Assurance Carré Neige',
          quantity: 2,
          unitPriceCents: 1_900,
          totalCents: 3_800,
          isOptional: true,
          isOnlineSale: false,
        });
        expect(devis.totals.totalCents).toBe(46_800);
        expect(devis.totals.vat).toEqual([
          { rateBp: 2000, totalCents: 3_800, vatCents: 633, netCents: 3_167 },
          { rateBp: 1000, totalCents: 43_000, vatCents: 3_909, netCents: 39_091 },
        ]);
        expect(devis.totals.vatCents).toBe(633 + 3_909);
      });

      it('prices by the product’s unit: per session day, per hour, per file', async () => {
        const cases = [
          { priceUnit: 'session' as const, quantity: 6 },
          { priceUnit: 'hour' as const, quantity: 12 },
          { priceUnit: 'file' as const, quantity: 1 },
        ];
        for (const c of cases) {
          const p = await insertProduct(db(), school.id, {
            name: `Cours ${c.priceUnit}`,
            priceUnit: c.priceUnit,
            priceCents: 4_550,
          });
          const s = await insertSession(db(), school.id, p, { startTime: '09:00', endTime: '11:00' });
          const file = await openRequest();
          const r = await addLesson(file.id, { version: file.version, productId: p, sessionId: s });
          expect(r.statusCode).toBe(201);
          expect((r.json() as Devis).lines[0]).toMatchObject({
            quantity: c.quantity,
            unitPriceCents: 4_550,
            totalCents: 4_550 * c.quantity,
          });
        }
      });

      it('refuses a child outside the age range, a level the lesson is not for, naming the participant', async () => {
        const file = await openRequest();
        const r = await marie.post(`/api/requests/${file.id}/lines`, {
          kind: 'catalog',
          version: file.version,
          productId: product,
          sessionId: session,
          participants: [
            { firstName: 'Hugo', birthDate: '2017-01-01', level: 'beginner' },
            { firstName: 'Léa', birthDate: '2013-12-01', level: 'advanced' },
          ],
        });
        expect(r.statusCode).toBe(400);
        expect(r.json().error.code).toBe('VALIDATION');
        expect(r.json().error.fields).toEqual({
          'participants.1.birthDate': 'Léa aura 13 ans le 21/12/2026 : ce cours est pour les 5–12 ans.',
          'participants.1.level': 'Ce cours n’est pas pour le niveau de Léa (Confirmé).',
        });
        expect(await statusOf(file.id)).toBe('request');
      });

      it('answers an English reader in English', async () => {
        const file = await openRequest(admin);
        const r = await addLesson(
          file.id,
          {
            version: file.version,
            participants: [{ firstName: 'Léa', birthDate: '2013-12-01', level: 'beginner' }],
          },
          admin,
        );
        expect(r.statusCode).toBe(400);
        expect(r.json().error.fields).toEqual({
          'participants.0.birthDate': 'Léa will be 13 on 21/12/2026: this lesson is for ages 5–12.',
        });
        const full = await insertSession(db(), school.id, product, { capacity: 0 });
        const r2 = await addLesson(file.id, { version: file.version, sessionId: full }, admin);
        expect(r2.json().error.message).toBe('This session is full (2 asked).');
      });

      it('refuses an archived product, a closed session, a full session and an extra sold as a lesson', async () => {
        const file = await openRequest();
        const base = { kind: 'catalog', version: file.version, participants: kids };
        const archived = await insertProduct(db(), school.id, { isArchived: true });
        const archivedSession = await insertSession(db(), school.id, archived);
        const closed = await insertSession(db(), school.id, product, { isActive: false });
        const small = await insertSession(db(), school.id, product, { capacity: 1 });
        const extra = await insertProduct(db(), school.id, { kind: 'extra', name: 'Assurance' });
        const cases: [Record<string, unknown>, string, string][] = [
          [
            { productId: archived, sessionId: archivedSession },
            'productId',
            'Cette prestation est archivée : elle n’est plus proposée.',
          ],
          [
            { productId: product, sessionId: closed },
            'sessionId',
            'Cette session n’est plus ouverte à la vente.',
          ],
          [
            { productId: product, sessionId: small },
            'participants',
            'Plus que 1 place dans cette session (2 demandées).',
          ],
          [
            { productId: extra, sessionId: session },
            'productId',
            'Un extra s’ajoute sans session : choisissez-le dans les extras.',
          ],
          [
            { productId: product, sessionId: archivedSession },
            'sessionId',
            'Cette session n’appartient pas à ce cours.',
          ],
        ];
        for (const [ids, field, message] of cases) {
          const r = await marie.post(`/api/requests/${file.id}/lines`, { ...base, ...ids });
          expect(r.statusCode, JSON.stringify(ids)).toBe(400);
          expect(r.json().error.fields[field]).toBe(message);
        }
        const extraAsLesson = await marie.post(`/api/requests/${file.id}/lines`, {
          kind: 'extra',
          version: file.version,
          productId: product,
        });
        expect(extraAsLesson.json().error.fields.productId).toBe(
          'Choisissez un extra (assurance…) ou passez par « Cours de ski ».',
        );
        expect(await statusOf(file.id)).toBe('request');
      });

      it('never uses an unknown session or another school’s product, session or instructor (404)', async () => {
        const file = await openRequest();
        const theirProduct = await insertProduct(db(), other.id);
        const theirSession = await insertSession(db(), other.id, theirProduct);
        const theirInstructor = await insertInstructor(db(), other.id);
        const attempts = [
          { kind: 'catalog', productId: product, sessionId: 'pss_unknown', participants: kids },
          { kind: 'catalog', productId: theirProduct, sessionId: theirSession, participants: kids },
          { kind: 'catalog', productId: product, sessionId: theirSession, participants: kids },
          { kind: 'extra', productId: theirProduct },
          {
            kind: 'custom',
            dates: { from: '2027-01-11', to: null },
            slots: ['morning'],
            hours: 2,
            instructorId: theirInstructor,
            participants: kids,
            priceCents: 12_000,
          },
        ];
        for (const attempt of attempts) {
          const r = await marie.post(`/api/requests/${file.id}/lines`, { ...attempt, version: file.version });
          expect(r.statusCode, JSON.stringify(attempt)).toBe(404);
        }
        // Nor another school's file: its Devis, its lines, its availability.
        const theirs = await openRequest(otherSecretary);
        expect((await marie.get(`/api/requests/${theirs.id}/devis`)).statusCode).toBe(404);
        const onTheirs = await addLesson(theirs.id, { version: theirs.version });
        expect(onTheirs.statusCode).toBe(404);
        const ours = await insertInstructor(db(), school.id);
        const range = 'from=2027-01-10&to=2027-01-14';
        expect(
          (await marie.get(`/api/requests/${theirs.id}/availability?instructorId=${ours}&${range}`))
            .statusCode,
        ).toBe(404);
        expect(
          (await marie.get(`/api/requests/${file.id}/availability?instructorId=${theirInstructor}&${range}`))
            .statusCode,
        ).toBe(404);
        const theirLine = await addLesson(
          theirs.id,
          { version: theirs.version, productId: theirProduct, sessionId: theirSession },
          otherSecretary,
        );
        expect(theirLine.statusCode).toBe(201);
        const theirLineId = (theirLine.json() as Devis).lines[0]!.id;
        const mine = await marie.patch(`/api/requests/${file.id}/lines/${theirLineId}`, {
          version: file.version,
          quantity: 3,
        });
        expect(mine.statusCode).toBe(404);
        const removed = await marie.request(
          'DELETE',
          `/api/requests/${theirs.id}/lines/${theirLineId}?version=${theirs.version + 1}`,
        );
        expect(removed.statusCode).toBe(404);
      });

      it('never sells more places than the session has when secretaries add at the same moment', async () => {
        const tight = await insertSession(db(), school.id, product, { capacity: 3 });
        const files = await Promise.all([1, 2, 3, 4, 5].map(() => openRequest()));
        const answers = await Promise.all(
          files.map((file) =>
            addLesson(file.id, { version: file.version, sessionId: tight, participants: [kids[0]] }),
          ),
        );
        const codes = answers.map((a) => a.statusCode).sort();
        expect(codes).toEqual([201, 201, 201, 400, 400]);
        for (const refused of answers.filter((a) => a.statusCode === 400))
          expect(refused.json().error.fields.participants).toBe('Cette session est complète (1 demandée).');
        const held = await db()
          .selectFrom('lines')
          .select((eb) => eb.fn.sum<number>('participant_count').as('held'))
          .where('session_id', '=', tight)
          .executeTakeFirstOrThrow();
        expect(Number(held.held)).toBe(3);
      });
    });

    describe('editing and removing lines', () => {
      async function fileWithLesson(participants = kids) {
        const file = await openRequest();
        const r = await marie.post(`/api/requests/${file.id}/lines`, {
          kind: 'catalog',
          version: file.version,
          productId: product,
          sessionId: session,
          participants,
        });
        expect(r.statusCode).toBe(201);
        return { id: file.id, devis: r.json() as Devis };
      }

      it('changes the participants, re-priced and re-checked against the places left', async () => {
        const small = await insertSession(db(), school.id, product, { capacity: 2 });
        const file = await openRequest();
        const added = (
          await addLesson(file.id, { version: file.version, sessionId: small, participants: [kids[0]] })
        ).json() as Devis;
        const lineId = added.lines[0]!.id;
        const url = `/api/requests/${file.id}/lines/${lineId}`;
        let r = await marie.patch(url, { version: added.version, participants: kids });
        expect(r.statusCode).toBe(200);
        const edited = r.json() as Devis;
        expect(edited.lines[0]).toMatchObject({ quantity: 2, totalCents: 43_000 });
        expect(edited.version).toBe(added.version + 1);
        r = await marie.patch(url, {
          version: edited.version,
          participants: [...kids, { firstName: 'Zoé', birthDate: '2017-05-05', level: 'beginner' }],
        });
        expect(r.statusCode).toBe(400);
        expect(r.json().error.fields.participants).toBe(
          'Plus que 2 places dans cette session (3 demandées).',
        );
        expect(await journalOf(file.id)).toContain(
          `${school.secretary.name} a modifié « Cours collectif enfants — 2 participants »`,
        );
      });

      it('refuses a stale version with a CONFLICT', async () => {
        const { id, devis } = await fileWithLesson();
        const r = await marie.patch(`/api/requests/${id}/lines/${devis.lines[0]!.id}`, {
          version: devis.version - 1,
          quantity: 3,
        });
        expect(r.statusCode).toBe(409);
        expect(r.json().error.code).toBe('CONFLICT');
      });

      it('removes a line: the dossier goes back to a simple request, journaled', async () => {
        const { id, devis } = await fileWithLesson();
        const r = await marie.request(
          'DELETE',
          `/api/requests/${id}/lines/${devis.lines[0]!.id}?version=${devis.version}`,
        );
        expect(r.statusCode).toBe(200);
        expect((r.json() as Devis).lines).toEqual([]);
        expect((r.json() as Devis).canSend).toBe(false);
        expect(await statusOf(id)).toBe('request');
        expect(await journalOf(id)).toContain(
          `${school.secretary.name} a retiré « Cours collectif enfants — 2 participants »`,
        );
      });

      it('locks the lines once something is paid: no change, no removal', async () => {
        const { id, devis } = await fileWithLesson();
        await insertPayment(db(), school.id, id, 12_900);
        const read = (await marie.get(`/api/requests/${id}/devis`)).json() as Devis;
        expect(read.lines[0]!.isLocked).toBe(true);
        expect(read.totals).toMatchObject({ paidCents: 12_900, dueCents: 30_100 });
        const lineUrl = `/api/requests/${id}/lines/${devis.lines[0]!.id}`;
        const patch = await marie.patch(lineUrl, { version: devis.version, quantity: 3 });
        expect(patch.statusCode).toBe(409);
        expect(patch.json().error).toMatchObject({
          code: 'INVALID_STATE',
          message:
            'Un paiement a été reçu sur ce dossier : ses prestations ne peuvent plus être modifiées ni retirées.',
        });
        const removal = await marie.request('DELETE', `${lineUrl}?version=${devis.version}`);
        expect(removal.json().error.code).toBe('INVALID_STATE');
        const kept = await db().selectFrom('lines').select('quantity').where('request_id', '=', id).execute();
        expect(kept).toEqual([{ quantity: 2 }]);
      });
    });

    describe('custom lessons: ÉDITER → Valider', () => {
      const customRequest = () => customFormRequest(ctx(), app, marie, school);

      it('shows what the customer asked, flags the instructor’s day off, then validates it with a reason', async () => {
        const luc = await insertInstructor(db(), school.id, { firstName: 'Luc', lastName: 'Martin' });
        await insertDayOff(db(), school.id, luc, '2027-01-12', 'Formation');
        const file = await customRequest();
        expect(file.status).toBe('new');
        const [line] = file.devis.lines;
        expect(line).toMatchObject({
          kind: 'custom',
          label: 'Cours sur mesure — Ski de randonnée — 3 × demi-journée',
          isToBePriced: true,
          schedule: { dates: { from: '2027-01-11', to: '2027-01-13' }, slots: ['morning', 'afternoon'] },
        });
        expect(file.devis.canSend).toBe(false);

        const availability = await marie.get(
          `/api/requests/${file.id}/availability?instructorId=${luc}&from=2027-01-11&to=2027-01-13`,
        );
        expect(availability.statusCode).toBe(200);
        expect(availability.json()).toEqual({
          instructorId: luc,
          busy: [{ day: '2027-01-12', kind: 'day_off', detail: 'Formation', requestId: null, slots: [] }],
        });

        const validate = {
          version: file.version,
          lineId: line!.id,
          dates: { from: '2027-01-11', to: '2027-01-13' },
          slots: ['morning'],
          hours: 3,
          sessions: 3,
          instructorId: luc,
          priceCents: 36_000,
        };
        const refused = await marie.post(`/api/requests/${file.id}/custom-lesson`, validate);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error).toMatchObject({
          code: 'CONFLICT',
          message:
            'Luc Martin n’est pas disponible : 12/01/2027 : congé (Formation). Indiquez une raison pour valider quand même.',
        });
        expect(await statusOf(file.id)).toBe('new');

        const r = await marie.post(`/api/requests/${file.id}/custom-lesson`, {
          ...validate,
          overrideReason: 'Luc a déplacé sa formation',
        });
        expect(r.statusCode).toBe(200);
        const devis = r.json() as Devis;
        expect(devis.lines[0]).toMatchObject({
          instructorId: luc,
          quantity: 1,
          unitPriceCents: 36_000,
          totalCents: 36_000,
          isToBePriced: false,
          schedule: {
            dates: { from: '2027-01-11', to: '2027-01-13' },
            slots: ['morning'],
            hours: 3,
            sessions: 3,
          },
        });
        expect(devis.canSend).toBe(true);
        expect(await statusOf(file.id)).toBe('in_progress');
        const sentences = await journalOf(file.id);
        const who = school.secretary.name;
        expect(sentences).toContain(
          `${who} a validé « Cours sur mesure — Ski de randonnée — 3 × demi-journée » malgré l’indisponibilité de Luc Martin (12/01/2027 : congé (Formation)) : Luc a déplacé sa formation`,
        );
        expect(sentences).toContain(
          `${who} a validé « Cours sur mesure — Ski de randonnée — 3 × demi-journée » (moniteur : Luc Martin, ${formatMoney(cents(36_000))})`,
        );
        const english = await journalOf(file.id, admin);
        expect(english.some((s) => s.includes('although Luc Martin is not available'))).toBe(true);

        // Validated, Luc's mornings are now taken for other files.
        const next = await customRequest();
        const busy = await marie.get(
          `/api/requests/${next.id}/availability?instructorId=${luc}&from=2027-01-10&to=2027-01-11`,
        );
        const number = (
          await db()
            .selectFrom('requests')
            .select('number')
            .where('id', '=', file.id)
            .executeTakeFirstOrThrow()
        ).number;
        expect(busy.json().busy).toEqual([
          {
            day: '2027-01-11',
            kind: 'lesson',
            detail: `${number} · matin`,
            requestId: file.id,
            slots: ['morning'],
          },
        ]);
        const clash = await marie.post(`/api/requests/${next.id}/custom-lesson`, {
          ...validate,
          version: next.version,
          lineId: next.devis.lines[0]!.id,
          dates: { from: '2027-01-11', to: null },
        });
        expect(clash.statusCode).toBe(409);
        expect(clash.json().error.message).toContain(`11/01/2027 : ${number} · matin`);
        // An afternoon lesson the same day does not clash.
        const afternoon = await marie.post(`/api/requests/${next.id}/custom-lesson`, {
          ...validate,
          version: next.version,
          lineId: next.devis.lines[0]!.id,
          dates: { from: '2027-01-11', to: null },
          slots: ['afternoon'],
        });
        expect(afternoon.statusCode).toBe(200);
      });

      it('adds a custom lesson typed by the secretary, named with the school’s label', async () => {
        const settings = JSON.parse(
          (
            await db()
              .selectFrom('schools')
              .select('settings_json')
              .where('id', '=', school.id)
              .executeTakeFirstOrThrow()
          ).settings_json,
        );
        await db()
          .updateTable('schools')
          .set({
            settings_json: JSON.stringify({ ...settings, sales: { customLessonLabel: 'esf sur mesure' } }),
          })
          .where('id', '=', school.id)
          .execute();
        const file = await openRequest();
        const r = await marie.post(`/api/requests/${file.id}/lines`, {
          kind: 'custom',
          version: file.version,
          dates: { from: '2027-02-15', to: null },
          slots: ['morning'],
          hours: 1.5,
          instructorId: null,
          participants: [kids[0]],
          priceCents: 9_000,
        });
        expect(r.statusCode).toBe(201);
        const devis = r.json() as Devis;
        expect(devis.customLessonLabel).toBe('esf sur mesure');
        expect(devis.lines[0]).toMatchObject({
          label: 'esf sur mesure — 1 h 30',
          quantity: 1,
          totalCents: 9_000,
          schedule: { dates: { from: '2027-02-15', to: null }, slots: ['morning'], hours: 1.5 },
        });
        expect(await statusOf(file.id)).toBe('in_progress');
      });
    });
  },
  { config: { intake: TEST_INTAKE } },
);
