import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { preparedQuery } from '../../src/db/prepared-query.js';
import {
  findCategoryName,
  findCustomerInSchool,
  findRequestInSchool,
  listActivityOfRequest,
  listLinesOfRequest,
  listMessagesOfRequest,
  listOtherRequestsOfCustomer,
  loadRequestPageRows,
} from '../../src/db/repositories/index.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

let recording = false;
const statements: string[] = [];

describeEachDatabase(
  'hot reads on PostgreSQL: the dossier page in one statement, prepared queries as named statements',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeSchool>>;
    let other: Awaited<ReturnType<typeof makeSchool>>;
    let fileId: string;
    beforeAll(async () => {
      app = await appFor(ctx());
      school = await makeSchool(ctx().deps);
      other = await makeSchool(ctx().deps);
      const marie = new Client(app);
      await marie.login(school.secretary.email);
      const customer = {
        email: 'heloise@example.fr',
        firstName: 'Héloïse',
        lastName: 'Février',
        phone: '+33 6 12 34 56 78',
        language: 'fr',
      };
      const older = await marie.post('/api/requests', { customer, message: 'Une première demande.' });
      const file = await marie.post('/api/requests', { customer, message: 'Des cours pour Noël ?' });
      expect([older.statusCode, file.statusCode]).toEqual([201, 201]);
      fileId = file.json().id;
      expect((await marie.post(`/api/requests/${fileId}/messages`, { body: 'Bien sûr !' })).statusCode).toBe(
        201,
      );
      const now = new Date('2026-12-02T08:00:00.123Z').toISOString();
      await ctx()
        .deps.db.kysely.insertInto('lines')
        .values(
          [2, 1].map((position) => ({
            id: `line_test_${position}`,
            school_id: school.id,
            request_id: fileId,
            kind: 'extra' as const,
            product_id: null,
            label: `Supplément ${position}`,
            label_key: null,
            label_params_json: null,
            quantity: position,
            unit_price_cents: 1250,
            total_cents: 1250 * position,
            vat_rate_bp: 2000,
            is_online_sale: 0 as const,
            is_optional: 1 as const,
            is_active: 1 as const,
            details_json: '{"note":"test"}',
            pos_imported_at: position === 1 ? now : null,
            position,
            created_at: now,
            updated_at: now,
            session_id: null,
            instructor_id: null,
            participant_count: 0,
          })),
        )
        .execute();
    });
    afterAll(() => app.close());

    it('reads the dossier page as the separate reads do, row for row, in one statement on PostgreSQL', async () => {
      const db = ctx().deps.db.kysely;
      const request = (await findRequestInSchool(db, school.id, fileId))!;
      const expected = {
        request,
        customer: await findCustomerInSchool(db, school.id, request.customer_id),
        categoryName: await findCategoryName(db, school.id, request.category_id),
        lines: await listLinesOfRequest(db, school.id, fileId),
        messages: await listMessagesOfRequest(db, school.id, fileId),
        activity: await listActivityOfRequest(db, school.id, fileId),
        others: await listOtherRequestsOfCustomer(db, school.id, request.customer_id, fileId),
      };
      expect(expected.lines.map((l) => l.position)).toEqual([1, 2]);
      expect(expected.messages).toHaveLength(2);
      expect(expected.others).toHaveLength(1);
      statements.length = 0;
      recording = true;
      const rows = await loadRequestPageRows(db, school.id, fileId);
      recording = false;
      expect(rows).toEqual(expected);
      // SQLite: the file, then its reads (no category here: five more).
      expect(statements).toHaveLength(ctx().dialect === 'postgres' ? 1 : 6);
      // Another school's id is no file at all.
      expect(await loadRequestPageRows(db, other.id, fileId)).toBeUndefined();
    });

    it('runs a prepared query as a named statement on PostgreSQL (parsed once per connection)', async () => {
      const usersOfSchool = preparedQuery((db, schoolId: string) =>
        db.selectFrom('users').select('email').where('school_id', '=', schoolId).orderBy('email'),
      );
      const db = ctx().deps.db.kysely;
      const prepared = await db.transaction().execute(async (trx) => {
        await usersOfSchool(trx, school.id);
        return (
          await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`
            .execute(trx)
            .catch(() => ({ rows: [] }))
        ).rows;
      });
      if (ctx().dialect === 'postgres') {
        expect(prepared.find((s) => /from "users"/.test(s.statement))?.name).toMatch(/^schuss_\d+$/);
      } else {
        expect(prepared).toEqual([]);
      }
      expect(await usersOfSchool(db, other.id)).toEqual(
        await db
          .selectFrom('users')
          .select('email')
          .where('school_id', '=', other.id)
          .orderBy('email')
          .execute(),
      );
    });
  },
  { onQuery: (text) => recording && statements.push(text) },
);
