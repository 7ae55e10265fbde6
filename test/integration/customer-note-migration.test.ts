import type { Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATION_NAMES, migrateToLatest } from '../../src/db/migrate.js';
import * as m0001 from '../../src/db/migrations/20261126_0001_initial.js';
import * as m0002 from '../../src/db/migrations/20261126_0002_intake.js';
import * as m0003 from '../../src/db/migrations/20261126_0003_lists_search.js';
import * as m0004 from '../../src/db/migrations/20261126_0004_list_columns.js';
import * as m0005 from '../../src/db/migrations/20261126_0005_pg_search_order.js';
import { mergeCustomerComments } from '../../src/db/migrations/20261201_0006_customer_note.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/harness.js';

describe('merging a customer’s per-file comments into one note', () => {
  it('keeps them all, newest first, each under its file number', () => {
    expect(
      mergeCustomerComments([
        { number: '2025-00012', text: 'Paie par chèques-vacances.', writtenAt: '2025-02-01T10:00:00.000Z' },
        { number: '2026-00003', text: '  Remise de 10 %.  ', writtenAt: '2026-01-05T09:00:00.000Z' },
        {
          number: '2025-00040',
          text: 'Allergique aux noix (club enfants).',
          writtenAt: '2025-12-24T18:30:00.000Z',
        },
      ]),
    ).toBe(
      '2026-00003 — Remise de 10 %.\n\n2025-00040 — Allergique aux noix (club enfants).\n\n2025-00012 — Paie par chèques-vacances.',
    );
  });

  it('keeps a lone comment as it was, drops blank ones, and keeps a repeated text once, at its newest place', () => {
    expect(
      mergeCustomerComments([
        { number: '2026-00001', text: 'Remise de 10 %.', writtenAt: '2026-01-01T00:00:00.000Z' },
        { number: '2026-00002', text: '   ', writtenAt: '2026-01-02T00:00:00.000Z' },
      ]),
    ).toBe('Remise de 10 %.');
    expect(
      mergeCustomerComments([
        { number: '2026-00001', text: 'Remise de 10 %.', writtenAt: '2026-01-01T00:00:00.000Z' },
        { number: '2026-00004', text: 'Client fidèle.', writtenAt: '2026-01-02T00:00:00.000Z' },
        { number: '2026-00007', text: 'Remise de 10 %.', writtenAt: '2026-01-03T00:00:00.000Z' },
      ]),
    ).toBe('2026-00007 — Remise de 10 %.\n\n2026-00004 — Client fidèle.');
  });

  it('orders comments written at the same instant by file number, newest file first', () => {
    const at = '2026-01-01T00:00:00.000Z';
    expect(
      mergeCustomerComments([
        { number: '2026-00009', text: 'B', writtenAt: at },
        { number: '2026-00010', text: 'A', writtenAt: at },
      ]),
    ).toBe('2026-00010 — A\n\n2026-00009 — B');
  });
});

const BEFORE: Record<string, Migration> = {
  '20261126_0001_initial': m0001,
  '20261126_0002_intake': m0002,
  '20261126_0003_lists_search': m0003,
  '20261126_0004_list_columns': m0004,
  '20261126_0005_pg_search_order': m0005,
};

// biome-ignore lint/suspicious/noExplicitAny: the frozen migrations' own view of the database
type MigrationDb = Kysely<any>;

async function migrateBefore(db: MigrationDb): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => BEFORE } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !inject('pgAdminUrl'))(
    `migration 20261201_0006_customer_note [${dialect}]`,
    () => {
      let database: TestDatabase;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      afterAll(() => database?.drop());

      it('moves the per-file comments onto each customer, newest first, within the school', async () => {
        const db = database.db.kysely as unknown as MigrationDb;
        await migrateBefore(db);
        const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`;
        for (const school of ['sch_a', 'sch_b']) {
          await db
            .insertInto('schools')
            .values({
              id: school,
              slug: school,
              name: school,
              time_zone: 'Europe/Paris',
              currency: 'EUR',
              default_language: 'fr',
              settings_json: '{}',
              created_at: at(1),
            })
            .execute();
        }
        const customers = [
          ['cus_many', 'sch_a'],
          ['cus_one', 'sch_a'],
          ['cus_none', 'sch_a'],
          ['cus_other_school', 'sch_b'],
        ] as const;
        for (const [id, school] of customers) {
          await db
            .insertInto('customers')
            .values({
              id,
              school_id: school,
              email: `${id}@example.fr`,
              email_normalized: `${id}@example.fr`,
              first_name: 'Prénom',
              last_name: 'Nom',
              language: 'fr',
              created_at: at(1),
              updated_at: at(1),
            })
            .execute();
        }
        let n = 0;
        const file = async (school: string, customer: string, comment: string, updatedDay: number) => {
          n += 1;
          const id = `req_${n}`;
          await db
            .insertInto('requests')
            .values({
              id,
              school_id: school,
              number: `2026-${String(n).padStart(5, '0')}`,
              source: 'staff',
              customer_id: customer,
              language: 'fr',
              staff_comment: comment,
              is_online_payment_allowed: 1,
              is_entered_in_pos: 0,
              status: 'request',
              total_cents: 0,
              paid_cents: 0,
              portal_token_hash: `hash_${n}`,
              last_message_at: at(updatedDay),
              last_message_preview: '',
              last_message_author: 'staff',
              created_at: at(1),
              updated_at: at(updatedDay),
              version: 1,
            })
            .execute();
          return id;
        };
        // File 1's comment was written last (its journal says so), though file 2 changed later.
        const first = await file('sch_a', 'cus_many', 'Remise de 10 %.', 3);
        await file('sch_a', 'cus_many', 'Paie en chèques-vacances.', 20);
        await file('sch_a', 'cus_many', '', 25);
        await file('sch_a', 'cus_one', 'Client fidèle.', 5);
        await file('sch_a', 'cus_none', '', 5);
        await file('sch_b', 'cus_other_school', 'Note de l’école B.', 5);
        await db
          .insertInto('activity')
          .values({
            school_id: 'sch_a',
            request_id: first,
            actor_kind: 'staff',
            actor_name: 'Marie',
            action: 'request.comment_changed',
            details_json: '{}',
            created_at: at(28),
          })
          .execute();

        expect(await migrateToLatest(db)).toEqual(
          MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf('20261201_0006_customer_note')),
        );

        const notes = await db
          .selectFrom('customers')
          .select(['id', 'note', 'version', 'change_marks_json'])
          .orderBy('id')
          .execute();
        expect(notes).toEqual([
          {
            id: 'cus_many',
            note: '2026-00001 — Remise de 10 %.\n\n2026-00002 — Paie en chèques-vacances.',
            version: 1,
            change_marks_json: '{}',
          },
          { id: 'cus_none', note: '', version: 1, change_marks_json: '{}' },
          { id: 'cus_one', note: 'Client fidèle.', version: 1, change_marks_json: '{}' },
          { id: 'cus_other_school', note: 'Note de l’école B.', version: 1, change_marks_json: '{}' },
        ]);
        const columns = (await db.introspection.getTables()).find((t) => t.name === 'requests')!.columns;
        expect(columns.map((c) => c.name)).not.toContain('staff_comment');
        expect(columns.map((c) => c.name)).toContain('change_marks_json');
      });
    },
  );
}
