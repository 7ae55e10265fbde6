import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { type Devis, isClash } from '../../src/shared/contracts/sales.js';
import { insertDayOff, insertInstructor } from '../support/catalogue-fixtures.js';
import { customRequest as customFormRequest, journalOf as journalOfFile } from '../support/devis-client.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';
import { TEST_INTAKE, uniqueEmail } from '../support/intake-client.js';

/**
 * The custom-lesson contract end to end: "ÉDITER" → Valider takes the participants the secretary
 * checked, and "Ajouter une prestation" → sur mesure takes the number of sessions and books an
 * instructor only where free, or over a clash with a reason (journaled) — the same rule both ways.
 */

const kids = [
  { firstName: 'Léa', birthDate: '2016-03-02', level: 'beginner' },
  { firstName: 'Tom', birthDate: '2018-07-14', level: 'first_time' },
];

describe('isClash: what the screen flags is what the server refuses', () => {
  it('a day off takes the whole day, another lesson only the slots it shares', () => {
    expect(isClash({ kind: 'day_off', slots: [] }, ['afternoon'])).toBe(true);
    expect(isClash({ kind: 'lesson', slots: ['morning'] }, ['afternoon'])).toBe(false);
    expect(isClash({ kind: 'lesson', slots: ['morning'] }, ['morning', 'afternoon'])).toBe(true);
    expect(isClash({ kind: 'lesson', slots: [] }, ['midday'])).toBe(true);
  });
});

describeEachDatabase(
  'custom lessons: participants, sessions and instructor clashes on both paths',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let other: Awaited<ReturnType<typeof makeSchool>>;
    let marie: Client;
    let otherSecretary: Client;
    const db = () => ctx().deps.db.kysely;

    beforeAll(async () => {
      app = await appFor(ctx());
      school = await makeSchool(ctx().deps, { name: 'École démo' });
      other = await makeSchool(ctx().deps);
      marie = new Client(app);
      await marie.login(school.secretary.email);
      otherSecretary = new Client(app);
      await otherSecretary.login(other.secretary.email);
    });
    afterAll(() => app.close());

    async function openRequest(): Promise<{ id: string; version: number }> {
      const r = await marie.post('/api/requests', {
        customer: { email: uniqueEmail(), firstName: 'Anaïs', lastName: 'Roux', language: 'fr' },
        message: 'Bonjour, un cours particulier ?',
      });
      expect(r.statusCode).toBe(201);
      return r.json();
    }

    async function customRequest() {
      const file = await customFormRequest(ctx(), app, marie, school);
      return { ...file, line: file.devis.lines[0]! };
    }

    const stored = (lineId: string) =>
      db()
        .selectFrom('lines')
        .select(['participant_count', 'details_json', 'instructor_id'])
        .where('id', '=', lineId)
        .executeTakeFirstOrThrow();

    const journalOf = (requestId: string) => journalOfFile(marie, requestId);

    const validation = (file: { version: number; line: { id: string } }) => ({
      version: file.version,
      lineId: file.line.id,
      dates: { from: '2027-01-11', to: '2027-01-13' },
      slots: ['morning'],
      hours: 3,
      sessions: 3,
      instructorId: null,
      priceCents: 36_000,
    });

    it('ÉDITER → Valider takes the participants the secretary checked, and keeps the asked ones when none are sent', async () => {
      const file = await customRequest();
      expect(file.line.participants.map((p) => p.firstName)).toEqual(['Marc']);
      const r = await marie.post(`/api/requests/${file.id}/custom-lesson`, {
        ...validation(file),
        participants: [{ firstName: 'Marc', birthDate: '1988-02-17', level: 'advanced' }, kids[0]],
      });
      expect(r.statusCode).toBe(200);
      const devis = r.json() as Devis;
      expect(devis.lines[0]!.participants).toEqual([
        { firstName: 'Marc', birthDate: '1988-02-17', level: 'advanced' },
        kids[0],
      ]);
      expect((await stored(file.line.id)).participant_count).toBe(2);

      const kept = await customRequest();
      const again = await marie.post(`/api/requests/${kept.id}/custom-lesson`, validation(kept));
      expect(again.statusCode).toBe(200);
      expect((again.json() as Devis).lines[0]!.participants.map((p) => p.firstName)).toEqual(['Marc']);
      expect((await stored(kept.line.id)).participant_count).toBe(1);
    });

    it('refuses participants and sessions it cannot take, naming the field, on both paths', async () => {
      const file = await customRequest();
      const badParticipants = await marie.post(`/api/requests/${file.id}/custom-lesson`, {
        ...validation(file),
        participants: [{ firstName: 'Marc', birthDate: '17/02/1988', level: 'advanced' }],
      });
      expect(badParticipants.statusCode).toBe(400);
      expect(Object.keys(badParticipants.json().error.fields)).toEqual(['participants.0.birthDate']);
      const none = await marie.post(`/api/requests/${file.id}/custom-lesson`, {
        ...validation(file),
        participants: [],
      });
      expect(Object.keys(none.json().error.fields)).toEqual(['participants']);

      const open = await openRequest();
      const add = {
        kind: 'custom',
        version: open.version,
        dates: { from: '2027-02-15', to: null },
        slots: ['morning'],
        hours: 2,
        instructorId: null,
        participants: kids,
        priceCents: 9_000,
      };
      for (const sessions of [0, 31, 1.5]) {
        const r = await marie.post(`/api/requests/${open.id}/lines`, { ...add, sessions });
        expect(r.statusCode, String(sessions)).toBe(400);
        expect(Object.keys(r.json().error.fields)).toEqual(['sessions']);
      }
      const tooLong = await marie.post(`/api/requests/${open.id}/lines`, {
        ...add,
        dates: { from: '2027-01-01', to: '2027-04-01' },
      });
      expect(tooLong.statusCode).toBe(400);
      expect(Object.keys(tooLong.json().error.fields)).toEqual(['to']);
    });

    it('Ajouter une prestation → sur mesure keeps the number of sessions (one unless said)', async () => {
      const file = await openRequest();
      const r = await marie.post(`/api/requests/${file.id}/lines`, {
        kind: 'custom',
        version: file.version,
        dates: { from: '2027-02-15', to: '2027-02-19' },
        slots: ['morning'],
        hours: 2,
        sessions: 5,
        instructorId: null,
        participants: kids,
        priceCents: 45_000,
      });
      expect(r.statusCode).toBe(201);
      const devis = r.json() as Devis;
      expect(devis.lines[0]!.schedule).toEqual({
        dates: { from: '2027-02-15', to: '2027-02-19' },
        slots: ['morning'],
        hours: 2,
        sessions: 5,
      });
      const single = await marie.post(`/api/requests/${file.id}/lines`, {
        kind: 'custom',
        version: devis.version,
        dates: { from: '2027-02-20', to: null },
        slots: ['afternoon'],
        hours: 1,
        instructorId: null,
        participants: kids,
        priceCents: 9_000,
      });
      expect((single.json() as Devis).lines[1]!.schedule?.sessions).toBe(1);
    });

    it('Ajouter une prestation → sur mesure refuses a busy instructor without a reason, and journals the reason', async () => {
      const anne = await insertInstructor(db(), school.id, { firstName: 'Anne', lastName: 'Perrin' });
      await insertDayOff(db(), school.id, anne, '2027-03-02', 'Récupération');
      const file = await openRequest();
      const add = {
        kind: 'custom',
        version: file.version,
        dates: { from: '2027-03-01', to: '2027-03-03' },
        slots: ['afternoon'],
        hours: 2,
        sessions: 3,
        instructorId: anne,
        participants: kids,
        priceCents: 30_000,
      };
      const refused = await marie.post(`/api/requests/${file.id}/lines`, add);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'CONFLICT',
        message:
          'Anne Perrin n’est pas disponible : 02/03/2027 : congé (Récupération). Indiquez une raison pour valider quand même.',
      });
      expect(await db().selectFrom('lines').select('id').where('request_id', '=', file.id).execute()).toEqual(
        [],
      );

      const r = await marie.post(`/api/requests/${file.id}/lines`, {
        ...add,
        overrideReason: 'Anne rentre de récupération à midi',
      });
      expect(r.statusCode).toBe(201);
      const line = (r.json() as Devis).lines[0]!;
      expect(line).toMatchObject({ instructorId: anne, totalCents: 30_000 });
      expect((await stored(line.id)).instructor_id).toBe(anne);
      const who = school.secretary.name;
      expect(await journalOf(file.id)).toContain(
        `${who} a validé « Cours sur mesure — 2 h » malgré l’indisponibilité d’Anne Perrin (02/03/2027 : congé (Récupération)) : Anne rentre de récupération à midi`,
      );

      // Free days need no reason.
      const free = await openRequest();
      const ok = await marie.post(`/api/requests/${free.id}/lines`, {
        ...add,
        version: free.version,
        dates: { from: '2027-03-04', to: null },
      });
      expect(ok.statusCode).toBe(201);
    });

    it('the availability says which slots a validated lesson takes; a lesson in other slots is no clash', async () => {
      const paul = await insertInstructor(db(), school.id, { firstName: 'Paul', lastName: 'Blanc' });
      const first = await customRequest();
      const validated = await marie.post(`/api/requests/${first.id}/custom-lesson`, {
        ...validation(first),
        instructorId: paul,
      });
      expect(validated.statusCode).toBe(200);
      const second = await customRequest();
      const busy = await marie.get(
        `/api/requests/${second.id}/availability?instructorId=${paul}&from=2027-01-11&to=2027-01-11`,
      );
      const [day] = busy.json().busy;
      expect(day).toMatchObject({ day: '2027-01-11', kind: 'lesson', slots: ['morning'] });
      expect(isClash(day, ['afternoon'])).toBe(false);
      const afternoon = await marie.post(`/api/requests/${second.id}/custom-lesson`, {
        ...validation(second),
        slots: ['afternoon'],
        instructorId: paul,
      });
      expect(afternoon.statusCode).toBe(200);
      expect(await journalOf(second.id)).not.toContainEqual(expect.stringContaining('malgré'));
    });

    it('never books another school’s instructor nor validates another school’s file (404)', async () => {
      const theirs = await insertInstructor(db(), other.id);
      const file = await customRequest();
      const r = await marie.post(`/api/requests/${file.id}/custom-lesson`, {
        ...validation(file),
        instructorId: theirs,
        participants: kids,
      });
      expect(r.statusCode).toBe(404);
      const cross = await otherSecretary.post(`/api/requests/${file.id}/custom-lesson`, validation(file));
      expect(cross.statusCode).toBe(404);
    });
  },
  { config: { intake: TEST_INTAKE } },
);
