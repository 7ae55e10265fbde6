import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import { customerPrefixQuery, searchCustomersByPrefix } from '../../src/db/repositories/index.js';
import { customerSearchPrefixes } from '../../src/domain/search-text.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { createTestDatabase, describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

type School = Awaited<ReturnType<typeof makeSchool>>;

describeEachDatabase('"Nouvelle demande": finding an existing customer', (ctx) => {
  let app: App;
  let a: School;
  let b: School;
  let marie: Client;
  let staffB: Client;
  let sophie: { id: string; customerId: string };

  const names = async (client: Client, q: string) => {
    const response = await client.get(`/api/customers?q=${encodeURIComponent(q)}`);
    expect(response.statusCode).toBe(200);
    return response
      .json()
      .items.map((c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`);
  };

  const open = async (client: Client, customer: Record<string, string>) => {
    const response = await client.post('/api/requests', {
      customer: { language: 'fr', ...customer },
      message: 'Appel au secrétariat.',
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    const body = response.json();
    return { id: body.id as string, customerId: body.customer.id as string };
  };

  beforeAll(async () => {
    app = await appFor(ctx());
    a = await makeSchool(ctx().deps);
    b = await makeSchool(ctx().deps);
    marie = new Client(app);
    await marie.login(a.secretary.email);
    staffB = new Client(app);
    await staffB.login(b.secretary.email);
    sophie = await open(marie, {
      firstName: 'Sophie',
      lastName: 'Lefèvre',
      email: 'Sophie.Lefevre@Example.fr',
      phone: '+33 6 12 34 56 78',
    });
    await open(marie, { firstName: 'Léon', lastName: 'Martin', email: 'leon.martin@example.fr' });
    // The same surname in another school: never shown to school A.
    await open(staffB, { firstName: 'Sophie', lastName: 'Lefèvre', email: 'sophie@ecole-b.example' });
  });
  afterAll(() => app.close());

  it('finds an accented surname typed with or without its accents, in any case, whole or begun', async () => {
    for (const q of ['Lefèvre', 'lefevre', 'Lefè', 'LEFEVRE', 'lefe', 'LEFÈVRE']) {
      expect(await names(marie, q), q).toEqual(['Sophie Lefèvre']);
    }
  });

  it('finds by first name, by full name either way round, by e-mail and by phone', async () => {
    for (const q of [
      'sophie',
      'Sophie Lefè',
      'lefevre soph',
      'sophie.lefevre@example.fr',
      'Sophie.Lef',
      '06 12 34',
      '0612345678',
      '+33 6 12 34 56 78',
      '0033612',
    ]) {
      expect(await names(marie, q), q).toEqual(['Sophie Lefèvre']);
    }
    expect(await names(marie, 'Léon')).toEqual(['Léon Martin']);
    expect(await names(marie, 'leon.m')).toEqual(['Léon Martin']);
  });

  it('finds nothing for text that only appears inside a key, or is too short', async () => {
    for (const q of ['fevre', 'example.fr', '34 56', 'l', '%', '_e', 'lefevres']) {
      expect(await names(marie, q), q).toEqual([]);
    }
  });

  it('keeps to the secretary’s own school', async () => {
    expect(await names(marie, 'lefevre')).toEqual(['Sophie Lefèvre']);
    const inB = (await staffB.get('/api/customers?q=lefevre')).json().items;
    expect(inB.map((c: { email: string }) => c.email)).toEqual(['sophie@ecole-b.example']);
    expect((await marie.get('/api/customers?q=sophie@ecole-b')).json().items).toEqual([]);
  });

  it('finds the customer by the corrected name once the contact details are changed from a file', async () => {
    const page = (await marie.get(`/api/requests/${sophie.id}`)).json();
    const saved = await marie.patch(`/api/requests/${sophie.id}/customer`, {
      version: page.request.customer.version,
      firstName: 'Sophie',
      lastName: 'Lefèvre-Noël',
      email: 'sophie.lefevre@example.fr',
      phone: '04 79 00 11 22',
    });
    expect(saved.statusCode, saved.body).toBe(204);
    expect(await names(marie, 'lefevre noel')).toEqual(['Sophie Lefèvre-Noël']);
    expect(await names(marie, '04 79')).toEqual(['Sophie Lefèvre-Noël']);
    expect(await names(marie, '06 12 34')).toEqual([]);
  });
});

describeEachDatabase('migration 0008: search keys of the customers already there', (ctx) => {
  it('folds the names, e-mails and phones of existing customers so that they are found', async () => {
    const database = await createTestDatabase(ctx().dialect);
    try {
      const db = database.db.kysely;
      const target = '20261201_0008_customer_search_key';
      const before = MIGRATION_NAMES[MIGRATION_NAMES.indexOf(target) - 1]!;
      await migrateTo(db, before);
      const now = '2026-12-01T08:00:00.000Z';
      await db
        .insertInto('schools')
        .values({
          id: 'sch_m8',
          slug: 'm8',
          name: 'École M8',
          time_zone: 'Europe/Paris',
          currency: 'EUR',
          default_language: 'fr',
          settings_json: '{}',
          pos_key_hash: null,
          intake_key_hash: null,
          created_at: now,
        })
        .execute();
      const rows = Array.from({ length: 1_203 }, (_, i) => ({
        id: `cus_m8_${String(i).padStart(5, '0')}`,
        school_id: 'sch_m8',
        email: `client${i}@example.fr`,
        email_normalized: `client${i}@example.fr`,
        first_name: 'Zoé',
        last_name: `Dupont${i}`,
        phone: null,
        language: 'fr',
        created_at: now,
        updated_at: now,
      }));
      rows.push({
        id: 'cus_m8_lefevre',
        school_id: 'sch_m8',
        email: 'Héloïse.Lefèvre@Example.fr',
        email_normalized: 'héloïse.lefèvre@example.fr',
        first_name: 'Héloïse',
        last_name: 'Lefèvre',
        phone: '+33 6 12 34 56 78',
        language: 'fr',
        created_at: now,
        updated_at: now,
      } as (typeof rows)[number] & { phone: string });
      // The table as it was before this migration: without the search columns.
      const before0008 = db as unknown as Kysely<Record<'customers', (typeof rows)[number]>>;
      for (let i = 0; i < rows.length; i += 200) {
        await before0008
          .insertInto('customers')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      await migrateToLatest(db);

      const lefevre = await db
        .selectFrom('customers')
        .select(['search_last_first', 'search_first_last', 'search_email', 'search_phone'])
        .where('id', '=', 'cus_m8_lefevre')
        .executeTakeFirstOrThrow();
      expect(lefevre).toEqual({
        search_last_first: 'lefevre heloise',
        search_first_last: 'heloise lefevre',
        search_email: 'heloise.lefevre@example.fr',
        search_phone: '0612345678',
      });
      const last = await db
        .selectFrom('customers')
        .select('search_last_first')
        .where('id', '=', 'cus_m8_01202')
        .executeTakeFirstOrThrow();
      expect(last.search_last_first).toBe('dupont1202 zoe');
      const found = await searchCustomersByPrefix(db, 'sch_m8', customerSearchPrefixes('lefè'), 10);
      expect(found.map((c) => c.id)).toEqual(['cus_m8_lefevre']);

      // With the school's customers counted, each prefix is a range of its (school_id, key) index.
      await sql`analyze`.execute(db);
      const query = customerPrefixQuery(db, 'sch_m8', customerSearchPrefixes('06 12'), 10).compile();
      const explain = ctx().dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
      const planRows = (await db.executeQuery(CompiledQuery.raw(explain + query.sql, [...query.parameters])))
        .rows as Record<string, string>[];
      const plan = planRows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n');
      for (const column of ['search_last_first', 'search_first_last', 'search_email', 'search_phone']) {
        expect(plan).toContain(`customers_school_${column}_idx`);
      }
    } finally {
      await database.drop();
    }
  });
});
