import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeRequest } from '../../src/app/requests/change-request.js';
import { transact } from '../../src/app/tx.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

/** Every statement the database runs while `recording` is on. */
const statements: string[] = [];
let recording = false;

const customer = (email: string) => ({ email, firstName: 'Anaïs', lastName: 'Roux', language: 'fr' });

describeEachDatabase(
  'the one change path of a request',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let marie: Client;
    let admin: Client;
    let groupes: { id: string; name: string };
    let familles: { id: string; name: string };

    beforeAll(async () => {
      app = await appFor(ctx());
      school = await makeSchool(ctx().deps);
      marie = new Client(app);
      await marie.login(school.secretary.email);
      admin = new Client(app);
      await admin.login(school.admin.email);
      const categories = await ctx()
        .deps.db.kysely.selectFrom('categories')
        .select(['id', 'name'])
        .where('school_id', '=', school.id)
        .orderBy('name')
        .execute();
      [familles, groupes] = categories as [typeof familles, typeof groupes];
    });
    afterAll(() => app.close());
    beforeEach(() => {
      statements.length = 0;
      recording = false;
    });

    const open = async (email: string) =>
      (await marie.post('/api/requests', { customer: customer(email), message: 'Bonjour' })).json() as {
        id: string;
        version: number;
      };

    /** The tab counts as stored, and as they really are: they must always agree. */
    async function countsOfSchool() {
      const db = ctx().deps.db.kysely;
      const stored = await db
        .selectFrom('status_counts')
        .select(['status', 'count'])
        .where('school_id', '=', school.id)
        .where('count', '!=', 0)
        .orderBy('status')
        .execute();
      const real = await db
        .selectFrom('requests')
        .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
        .where('school_id', '=', school.id)
        .groupBy('status')
        .orderBy('status')
        .execute();
      return {
        stored: stored.map((r) => [r.status, Number(r.count)]),
        real: real.map((r) => [r.status, Number(r.count)]),
      };
    }

    it('writes nothing for an edit to the values the file already has: same version, no journal line', async () => {
      const file = await open('noop@example.fr');
      const set = await marie.patch(`/api/requests/${file.id}`, { version: 1, categoryId: groupes.id });
      expect(set.json().version).toBe(2);
      const again = await marie.patch(`/api/requests/${file.id}`, {
        version: 2,
        categoryId: groupes.id,
        language: 'fr',
      });
      expect(again.statusCode).toBe(200);
      expect(again.json().version).toBe(2);
      // A colleague who loaded version 2 is not refused because of a change that changed nothing.
      const colleague = await admin.patch(`/api/requests/${file.id}`, { version: 2, language: 'de' });
      expect(colleague.statusCode).toBe(200);
      expect(colleague.json()).toMatchObject({ version: 3, language: 'de', categoryId: groupes.id });
      const journal = await ctx()
        .deps.db.kysely.selectFrom('activity')
        .select('action')
        .where('request_id', '=', file.id)
        .orderBy('id')
        .execute();
      expect(journal.map((j) => j.action)).toEqual([
        'request.created',
        'request.category_changed',
        'request.language_changed',
      ]);
    });

    it('reads the row once and writes it once for a category edit', async () => {
      const file = await open('counted@example.fr');
      recording = true;
      const edited = await marie.patch(`/api/requests/${file.id}`, { version: 1, categoryId: familles.id });
      recording = false;
      expect(edited.statusCode).toBe(200);
      const onRequests = (verb: RegExp) => statements.filter((s) => verb.test(s));
      // The session check reads its own tables; the edit itself reads "requests" once…
      expect(onRequests(/^select .* from "requests"/i)).toHaveLength(1);
      // …and writes it once (the status did not change: nothing else is written back).
      expect(onRequests(/^update "requests"/i)).toHaveLength(1);
      expect(onRequests(/^update "requests"/i)[0]).toMatch(/"version" = "version" \+/);
      expect(onRequests(/^insert into "activity"/i)).toHaveLength(1);
      expect(onRequests(/^insert into "status_counts"/i)).toHaveLength(0);
    });

    it('writes the request row once when a line changes its status, totals and services', async () => {
      const file = await open('one-write@example.fr');
      recording = true;
      const outcome = await transact(ctx().deps, (tx) =>
        changeRequest(
          tx,
          {
            schoolId: school.id,
            requestId: file.id,
            actor: { kind: 'system', schoolId: school.id, name: 'Test' },
          },
          async (change) => {
            await tx.trx
              .insertInto('lines')
              .values({
                id: `line_${file.id}`,
                school_id: school.id,
                request_id: file.id,
                kind: 'catalog',
                product_id: null,
                label: 'Cours collectif',
                label_key: null,
                label_params_json: null,
                quantity: 1,
                unit_price_cents: 12_000,
                total_cents: 12_000,
                vat_rate_bp: 1000,
                is_online_sale: 1,
                is_optional: 0,
                is_active: 1,
                details_json: '{}',
                pos_imported_at: null,
                position: 0,
                created_at: tx.now,
                updated_at: tx.now,
                session_id: null,
                instructor_id: null,
                participant_count: 1,
              })
              .execute();
            change.factsChanged();
          },
        ),
      );
      recording = false;
      expect(outcome.request).toMatchObject({ status: 'in_progress', totalCents: 12_000, version: 2 });
      // What the status rule read after the change is handed on (the Devis answer reuses it).
      expect(outcome.beside?.rows.map((l) => l.id)).toEqual([`line_${file.id}`]);
      expect(outcome.beside?.paidCents).toBe(0);
      const updates = statements.filter((s) => /^update "requests"/i.test(s));
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatch(/"status" = /);
      expect(updates[0]).toMatch(/"version" = "version" \+/);
      expect(statements.filter((s) => /^select .* from "lines"/i.test(s))).toHaveLength(1);
      const stored = await ctx()
        .deps.db.kysely.selectFrom('requests')
        .select(['status', 'total_cents', 'services_json', 'version'])
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect({ ...stored, total_cents: Number(stored.total_cents), version: Number(stored.version) }).toEqual(
        {
          status: 'in_progress',
          total_cents: 12_000,
          services_json: JSON.stringify(['Cours collectif']),
          version: 2,
        },
      );
      const after = await countsOfSchool();
      expect(after.stored).toEqual(after.real);
    });

    it('lists a tab with the school read by the session lookup, not again', async () => {
      recording = true;
      const list = await marie.get('/api/requests?tab=request&limit=5');
      recording = false;
      expect(list.statusCode).toBe(200);
      expect(statements.filter((s) => /from "schools"/i.test(s))).toEqual([]);
      expect(statements).toHaveLength(3);
    });

    it('derives the status from the facts as stored, not from the copy a change started from', async () => {
      const file = await open('stale-facts@example.fr');
      const before = await countsOfSchool();
      expect(before.stored).toEqual(before.real);
      const db = ctx().deps.db.kysely;
      // A line is added, then — while the change runs, from a row loaded before — another action
      // sends the offer. The status rule must see the offer sent, and the counts must follow.
      const outcome = await transact(ctx().deps, (tx) =>
        changeRequest(
          tx,
          {
            schoolId: school.id,
            requestId: file.id,
            actor: { kind: 'system', schoolId: school.id, name: 'Test' },
          },
          async (change) => {
            expect(change.request.offerSentAt).toBeNull();
            await tx.trx
              .insertInto('lines')
              .values({
                id: `line_${file.id}`,
                school_id: school.id,
                request_id: file.id,
                kind: 'catalog',
                product_id: null,
                label: 'Cours collectif',
                label_key: null,
                label_params_json: null,
                quantity: 1,
                unit_price_cents: 12_000,
                total_cents: 12_000,
                vat_rate_bp: 1000,
                is_online_sale: 1,
                is_optional: 0,
                is_active: 1,
                details_json: '{}',
                pos_imported_at: null,
                position: 0,
                created_at: tx.now,
                updated_at: tx.now,
                session_id: null,
                instructor_id: null,
                participant_count: 1,
              })
              .execute();
            await sql`update requests set offer_sent_at = ${tx.now} where id = ${file.id}`.execute(tx.trx);
            change.factsChanged();
          },
        ),
      );
      expect(outcome.request.status).toBe('awaiting_payment');
      const stored = await db
        .selectFrom('requests')
        .select(['status', 'total_cents', 'version'])
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect({ status: stored.status, total: Number(stored.total_cents), version: stored.version }).toEqual({
        status: 'awaiting_payment',
        total: 12_000,
        version: 2,
      });
      const after = await countsOfSchool();
      expect(after.stored).toEqual(after.real);
    });

    it('refuses an edit from a version the file has left, even when the change would be a no-op', async () => {
      const file = await open('stale-noop@example.fr');
      expect(
        (await admin.patch(`/api/requests/${file.id}`, { version: 1, categoryId: groupes.id })).statusCode,
      ).toBe(200);
      const stale = await marie.patch(`/api/requests/${file.id}`, { version: 1, categoryId: groupes.id });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.message).toContain(school.admin.name);
    });

    it('refuses a status the rule does not know, in the requests and in the tab counts', async () => {
      const file = await open('bad-status@example.fr');
      const db = ctx().deps.db.kysely;
      await expect(
        sql`update requests set status = 'lost' where id = ${file.id}`.execute(db),
      ).rejects.toThrow(/check/i);
      await expect(
        sql`insert into status_counts (school_id, status, count) values (${school.id}, 'lost', 1)`.execute(
          db,
        ),
      ).rejects.toThrow(/check/i);
      const row = await db
        .selectFrom('requests')
        .select('status')
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('request');
      await sql`update requests set status = 'archived' where id = ${file.id}`.execute(db);
      await sql`update requests set status = 'request' where id = ${file.id}`.execute(db);
    });

    describe('in the staff member’s language', () => {
      it('tells an English-speaking secretary in English, and a French one in French', async () => {
        const file = await open('bilingual@example.fr');
        const english = new Client(app);
        await english.login(school.secretary.email);
        expect((await english.patch('/api/auth/me', { language: 'en' })).statusCode).toBe(204);
        const unknown = await english.patch(`/api/requests/${file.id}`, { version: 1, categoryId: 'nope' });
        expect(unknown.statusCode).toBe(400);
        expect(unknown.json().error).toMatchObject({
          message: 'Unknown category.',
          fields: { categoryId: 'This school has no such category.' },
        });
        const missing = await english.get('/api/requests/request_does_not_exist');
        expect(missing.json().error.message).toBe('File not found.');
        await admin.patch(`/api/requests/${file.id}`, { version: 1, language: 'it' });
        const stale = await english.patch(`/api/requests/${file.id}`, { version: 1, language: 'de' });
        expect(stale.statusCode).toBe(409);
        expect(stale.json().error.message).toMatch(
          new RegExp(`^${school.admin.name} changed file .* language\\.$`),
        );
        expect((await english.patch('/api/auth/me', { language: 'fr' })).statusCode).toBe(204);
        const french = await english.get('/api/requests/request_does_not_exist');
        expect(french.json().error.message).toBe('Dossier introuvable.');
      });
    });
  },
  { onQuery: (sql) => recording && statements.push(sql) },
);
