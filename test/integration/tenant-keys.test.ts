import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { DialectName } from '../../src/db/connection.js';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import { searchRequestIds } from '../../src/db/repositories/search.repository.js';
import type { Database } from '../../src/db/schema.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: raw rows, written as the database sees them, bypassing the app
type RawDb = Kysely<any>;

const TARGET = '20261202_0010_tenant_keys';
const BEFORE = MIGRATION_NAMES[MIGRATION_NAMES.indexOf(TARGET) - 1]!;
const AT = '2026-12-01T08:00:00.000Z';
const LINE_KEYS = '20261202_0013_line_tenant_keys';
const LINE_KEYS_BEFORE = MIGRATION_NAMES[MIGRATION_NAMES.indexOf(LINE_KEYS) - 1]!;

/** The ids of one school's rows: `ids('a').request` is school a's file. */
function ids(school: string) {
  return {
    school: `sch_${school}`,
    user: `usr_${school}`,
    customer: `cus_${school}`,
    category: `cat_${school}`,
    product: `prd_${school}`,
    request: `req_${school}`,
    productSession: `pss_${school}`,
    instructor: `ins_${school}`,
  };
}
type Ids = ReturnType<typeof ids>;

function userRow(own: Ids, id: string, email: string) {
  return {
    id,
    school_id: own.school,
    email,
    name: `Secrétaire ${id}`,
    role: 'secretary',
    password_hash: 'x',
    language: 'fr',
    is_active: 1,
    created_at: AT,
    updated_at: AT,
  };
}

function requestRow(own: Ids, refs: Ids, id: string) {
  return {
    id,
    school_id: own.school,
    number: `2026-${id}`,
    source: 'staff',
    customer_id: refs.customer,
    language: 'fr',
    category_id: refs.category,
    is_online_payment_allowed: 1,
    is_entered_in_pos: 0,
    status: 'request',
    total_cents: 12_000,
    paid_cents: 0,
    portal_token_hash: `hash_${id}`,
    last_message_at: AT,
    last_message_preview: 'Bonjour',
    last_message_author: 'customer',
    created_at: AT,
    updated_at: AT,
    version: 1,
  };
}

/** Rows of every school-owned table of school `own`, whose references point at `refs`'s rows. */
const ROWS = {
  session: (own: Ids, refs: Ids, id: string) => ({
    id,
    user_id: refs.user,
    school_id: own.school,
    created_at: AT,
    last_seen_at: AT,
    expires_at: '2026-12-02T08:00:00.000Z',
  }),
  request: requestRow,
  request_without_category: (own: Ids, refs: Ids, id: string) => ({
    ...requestRow(own, refs, id),
    category_id: null,
  }),
  line: (own: Ids, refs: Ids, id: string) => ({
    id,
    school_id: own.school,
    request_id: refs.request,
    kind: 'catalog',
    product_id: refs.product,
    label: 'Cours collectif',
    quantity: 1,
    unit_price_cents: 12_000,
    total_cents: 12_000,
    vat_rate_bp: 2000,
    is_online_sale: 0,
    is_optional: 0,
    is_active: 1,
    details_json: '{}',
    position: 1,
    created_at: AT,
    updated_at: AT,
  }),
  message: (own: Ids, refs: Ids, id: string) => ({
    id,
    school_id: own.school,
    request_id: refs.request,
    author_kind: 'staff',
    author_user_id: refs.user,
    noted_by_user_id: null,
    body: 'Bonjour',
    created_at: AT,
  }),
  noted_message: (own: Ids, refs: Ids, id: string) => ({
    id,
    school_id: own.school,
    request_id: own.request,
    author_kind: 'customer',
    author_user_id: null,
    noted_by_user_id: refs.user,
    body: 'Demande prise au téléphone',
    created_at: AT,
  }),
  offer: (own: Ids, refs: Ids, id: string) => ({
    id,
    school_id: own.school,
    request_id: refs.request,
    kind: 'quote',
    number: `D-${id}`,
    total_cents: 12_000,
    snapshot_json: '{}',
    sent_at: AT,
    sent_by_user_id: refs.user,
  }),
  payment: (own: Ids, refs: Ids, id: string) => ({
    id,
    school_id: own.school,
    request_id: refs.request,
    kind: 'manual',
    method: 'cheque',
    amount_cents: 3_000,
    is_flagged: 0,
    received_at: AT,
    recorded_by_user_id: refs.user,
    created_at: AT,
  }),
  activity: (own: Ids, refs: Ids) => ({
    school_id: own.school,
    request_id: refs.request,
    actor_kind: 'staff',
    actor_user_id: refs.user,
    actor_name: 'Secrétaire',
    action: 'request.created',
    details_json: '{}',
    created_at: AT,
  }),
  notification: (own: Ids, refs: Ids, id: string) => ({
    id,
    school_id: own.school,
    user_id: refs.user,
    request_id: refs.request,
    kind: 'request.new',
    payload_json: '{}',
    created_at: AT,
  }),
};

/** A school with one row in every school-owned table, all pointing within the school. */
async function fillSchool(db: RawDb, dialect: DialectName, school: string): Promise<void> {
  const own = ids(school);
  await db
    .insertInto('schools')
    .values({
      id: own.school,
      slug: school,
      name: `École ${school}`,
      time_zone: 'Europe/Paris',
      currency: 'EUR',
      default_language: 'fr',
      settings_json: '{}',
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('users')
    .values(userRow(own, own.user, `${own.user}@ecole.test`))
    .execute();
  await db
    .insertInto('customers')
    .values({
      id: own.customer,
      school_id: own.school,
      email: `${own.customer}@example.fr`,
      email_normalized: `${own.customer}@example.fr`,
      first_name: 'Zoé',
      last_name: `Client${school}`,
      language: 'fr',
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('categories')
    .values({
      id: own.category,
      school_id: own.school,
      name: 'Groupes',
      position: 1,
      is_active: 1,
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('products')
    .values({
      id: own.product,
      school_id: own.school,
      kind: 'cours_collectif',
      name: 'Cours collectif',
      price_cents: 12_000,
      vat_rate_bp: 2000,
      is_online_sale: 0,
      is_optional: 0,
      is_active: 1,
      position: 1,
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('requests')
    .values(requestRow(own, own, own.request))
    .execute();
  await db
    .insertInto('sessions')
    .values(ROWS.session(own, own, `ses_${school}`))
    .execute();
  await db
    .insertInto('lines')
    .values(ROWS.line(own, own, `lin_${school}`))
    .execute();
  await db
    .insertInto('messages')
    .values(ROWS.message(own, own, `msg_${school}`))
    .execute();
  await db
    .insertInto('messages')
    .values(ROWS.noted_message(own, own, `msn_${school}`))
    .execute();
  await db
    .insertInto('offers')
    .values(ROWS.offer(own, own, `off_${school}`))
    .execute();
  await db
    .insertInto('payments')
    .values(ROWS.payment(own, own, `pay_${school}`))
    .execute();
  await db.insertInto('activity').values(ROWS.activity(own, own)).execute();
  await db
    .insertInto('notifications')
    .values(ROWS.notification(own, own, `ntf_${school}`))
    .execute();
  // The search document, written as the app writes it (SQLite: the request's own rowid).
  const content = `client${school} zoe 2026 ${own.request}`;
  if (dialect === 'postgres') {
    await sql`insert into search_fts (request_id, school_id, content) values (${own.request}, ${own.school}, ${content})`.execute(
      db,
    );
  } else {
    await sql`insert into search_fts (rowid, content, request_id, school_id)
      values ((select rowid from requests where id = ${own.request}), ${content}, ${own.request}, ${own.school})`.execute(
      db,
    );
  }
}

/**
 * The sale half of a school (migration 0012 on): a session of its product and an instructor, as
 * a line sold from a session or a custom lesson points at them.
 */
async function fillSales(db: RawDb, school: string): Promise<void> {
  const own = ids(school);
  await db
    .insertInto('product_sessions')
    .values({
      id: own.productSession,
      school_id: own.school,
      product_id: own.product,
      starts_on: '2027-01-11',
      ends_on: '2027-01-15',
      start_time: '09:00',
      end_time: '11:30',
      meeting_point: 'Front de neige',
      capacity: 8,
      is_active: 1,
      created_at: AT,
    })
    .execute();
  await db
    .insertInto('instructors')
    .values({
      id: own.instructor,
      school_id: own.school,
      first_name: 'Luc',
      last_name: `Moniteur${school}`,
      languages: 'fr',
      is_active: 1,
      created_at: AT,
    })
    .execute();
}

/** A line of school `own` sold from `refs`'s session and given by `refs`'s instructor. */
function salesLineRow(own: Ids, refs: Ids, id: string) {
  return {
    ...ROWS.line(own, own, id),
    session_id: refs.productSession,
    instructor_id: refs.instructor,
    participant_count: 1,
  };
}

/** The driver's "foreign key violated", whichever the database. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

async function refusal(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    if (isForeignKeyViolation(error)) return 'refused';
    throw error;
  }
  return 'accepted';
}

type Case = { name: string; write: (db: RawDb, own: Ids, refs: Ids, id: string) => Promise<unknown> };

/** Each reference between school-owned rows, written as a row of school `own` pointing at `refs`. */
const CASES: Case[] = [
  {
    name: 'a session of school A for a user of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('sessions')
        .values(ROWS.session(own, refs, id))
        .execute(),
  },
  {
    name: 'a request of school A for a customer of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('requests')
        .values({ ...requestRow(own, refs, id), category_id: own.category })
        .execute(),
  },
  {
    name: 'a request of school A in a category of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('requests')
        .values({ ...requestRow(own, refs, id), customer_id: own.customer })
        .execute(),
  },
  {
    name: 'a line of school A on a request of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('lines')
        .values({ ...ROWS.line(own, refs, id), product_id: own.product })
        .execute(),
  },
  {
    name: 'a line of school A selling a product of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('lines')
        .values({ ...ROWS.line(own, refs, id), request_id: own.request })
        .execute(),
  },
  {
    name: 'a line of school A sold from a session of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('lines')
        .values({ ...salesLineRow(own, own, id), session_id: refs.productSession })
        .execute(),
  },
  {
    name: 'a line of school A given by an instructor of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('lines')
        .values({ ...salesLineRow(own, own, id), instructor_id: refs.instructor })
        .execute(),
  },
  {
    name: 'a line of school A moved to a session of school B',
    write: (db, own, refs) =>
      db
        .updateTable('lines')
        .set({ session_id: refs.productSession })
        .where('id', '=', `lin_${own.school.slice(4)}`)
        .where('school_id', '=', own.school)
        .execute(),
  },
  {
    name: 'a message of school A on a request of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('messages')
        .values({ ...ROWS.message(own, refs, id), author_user_id: own.user })
        .execute(),
  },
  {
    name: 'a message of school A written by a user of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('messages')
        .values({ ...ROWS.message(own, refs, id), request_id: own.request })
        .execute(),
  },
  {
    name: 'a message of school A noted by a user of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('messages')
        .values(ROWS.noted_message(own, refs, id))
        .execute(),
  },
  {
    name: 'an offer of school A on a request of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('offers')
        .values({ ...ROWS.offer(own, refs, id), sent_by_user_id: own.user })
        .execute(),
  },
  {
    name: 'an offer of school A sent by a user of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('offers')
        .values({ ...ROWS.offer(own, refs, id), request_id: own.request })
        .execute(),
  },
  {
    name: 'a payment of school A on a request of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('payments')
        .values({ ...ROWS.payment(own, refs, id), recorded_by_user_id: own.user })
        .execute(),
  },
  {
    name: 'a payment of school A recorded by a user of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('payments')
        .values({ ...ROWS.payment(own, refs, id), request_id: own.request })
        .execute(),
  },
  {
    name: 'a journal entry of school A on a request of school B',
    write: (db, own, refs) =>
      db
        .insertInto('activity')
        .values({ ...ROWS.activity(own, refs), actor_user_id: own.user })
        .execute(),
  },
  {
    name: 'a journal entry of school A by a user of school B',
    write: (db, own, refs) =>
      db
        .insertInto('activity')
        .values({ ...ROWS.activity(own, refs), request_id: own.request })
        .execute(),
  },
  {
    name: 'a notification of school A for a user of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('notifications')
        .values({ ...ROWS.notification(own, refs, id), request_id: own.request })
        .execute(),
  },
  {
    name: 'a notification of school A about a request of school B',
    write: (db, own, refs, id) =>
      db
        .insertInto('notifications')
        .values({ ...ROWS.notification(own, refs, id), user_id: own.user })
        .execute(),
  },
  {
    name: 'a request of school A moved to a customer of school B',
    write: (db, own, refs) =>
      db
        .updateTable('requests')
        .set({ customer_id: refs.customer })
        .where('id', '=', own.request)
        .where('school_id', '=', own.school)
        .execute(),
  },
];

/** Every reference from a school-owned table to another one, as `table.column → parent.column`. */
async function references(db: RawDb, dialect: DialectName): Promise<string[]> {
  const found: string[] = [];
  if (dialect === 'postgres') {
    const { rows } = await sql<{ child: string; parent: string; columns: string[]; targets: string[] }>`
      select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
        array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
        array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as targets
      from pg_constraint c where c.contype = 'f'`.execute(db);
    for (const r of rows) {
      found.push(`${r.child}.${r.columns.join('+')} → ${r.parent}.${r.targets.join('+')}`);
    }
  } else {
    const tables = await sql<{ name: string }>`
      select name from sqlite_schema where type = 'table' and name not like 'sqlite_%'`.execute(db);
    for (const { name } of tables.rows) {
      const { rows } = await sql<{ id: number; seq: number; table: string; from: string; to: string }>`
        select id, seq, "table", "from", "to" from pragma_foreign_key_list(${name}) order by id, seq`.execute(
        db,
      );
      const byId = new Map<number, typeof rows>();
      for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
      for (const columns of byId.values()) {
        found.push(
          `${name}.${columns.map((c) => c.from).join('+')} → ${columns[0]!.table}.${columns.map((c) => c.to).join('+')}`,
        );
      }
    }
  }
  return found.filter((r) => !r.includes('→ schools.')).sort();
}

const EXPECTED_REFERENCES = [
  'activity.school_id+actor_user_id → users.school_id+id',
  'activity.school_id+request_id → requests.school_id+id',
  'archive_jobs.school_id+created_by_user_id → users.school_id+id',
  'instructor_unavailabilities.school_id+instructor_id → instructors.school_id+id',
  'lines.school_id+instructor_id → instructors.school_id+id',
  'lines.school_id+product_id → products.school_id+id',
  'lines.school_id+request_id → requests.school_id+id',
  'lines.school_id+session_id → product_sessions.school_id+id',
  'messages.school_id+author_user_id → users.school_id+id',
  'messages.school_id+noted_by_user_id → users.school_id+id',
  'messages.school_id+request_id → requests.school_id+id',
  'notifications.school_id+request_id → requests.school_id+id',
  'notifications.school_id+user_id → users.school_id+id',
  'offers.school_id+request_id → requests.school_id+id',
  'offers.school_id+sent_by_user_id → users.school_id+id',
  'payment_anomalies.school_id+resolved_by_user_id → users.school_id+id',
  'payment_attempts.school_id+request_id → requests.school_id+id',
  'payments.school_id+recorded_by_user_id → users.school_id+id',
  'payments.school_id+request_id → requests.school_id+id',
  'pos_key_uses.school_id+key_id → pos_keys.school_id+id',
  'pos_keys.school_id+created_by_user_id → users.school_id+id',
  'product_sessions.school_id+product_id → products.school_id+id',
  'requests.school_id+category_id → categories.school_id+id',
  'requests.school_id+customer_id → customers.school_id+id',
  'sessions.school_id+user_id → users.school_id+id',
];

/** The names of the indexes on lines (a rebuilt table must get every one back). */
async function lineIndexes(db: RawDb, dialect: DialectName): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where tablename = 'lines'`.execute(db)
      : await sql<{
          name: string;
        }>`select name from sqlite_schema where type = 'index' and tbl_name = 'lines'`.execute(db);
  return rows.map((r) => r.name).sort();
}

/** Every row of the school-owned tables, in a stable order (SQLite: with the rowids search relies on). */
async function snapshot(db: RawDb, dialect: DialectName): Promise<Record<string, unknown[]>> {
  const tables = [
    'users',
    'sessions',
    'customers',
    'categories',
    'products',
    'requests',
    'lines',
    'messages',
    'offers',
    'payments',
    'activity',
    'notifications',
  ];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rowid = dialect === 'sqlite' ? sql`rowid as row_id, ` : sql``;
    result[table] = (await sql`select ${rowid}* from ${sql.table(table)} order by id`.execute(db)).rows;
  }
  const rowid = dialect === 'sqlite' ? sql`rowid as row_id, ` : sql``;
  result.search_fts = (
    await sql`select ${rowid}request_id, school_id, content from search_fts order by request_id`.execute(db)
  ).rows;
  return result;
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !inject('pgAdminUrl'))(`tenant keys [${dialect}]`, () => {
    let database: TestDatabase | null = null;
    afterEach(async () => {
      await database?.drop();
      database = null;
    });

    it('every reference between school-owned rows carries the school', async () => {
      database = await createTestDatabase(dialect);
      const db = database.db.kysely as unknown as RawDb;
      await migrateToLatest(db);
      const expected =
        dialect === 'postgres'
          ? [...EXPECTED_REFERENCES, 'search_fts.school_id+request_id → requests.school_id+id'].sort()
          : EXPECTED_REFERENCES;
      expect(await references(db, dialect)).toEqual(expected);
    });

    it('the database itself refuses a row of one school pointing at another school’s row', async () => {
      database = await createTestDatabase(dialect);
      const db = database.db.kysely as unknown as RawDb;
      await migrateToLatest(db);
      await fillSchool(db, dialect, 'a');
      await fillSchool(db, dialect, 'b');
      await fillSales(db, 'a');
      await fillSales(db, 'b');
      const a = ids('a');
      const b = ids('b');
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      let n = 0;
      for (const { name, write } of CASES) {
        n += 1;
        // The same row within its own school is taken: the refusal is about the other school.
        expect(await refusal(write(db, a, a, `own_${n}`)), name).toBe('accepted');
        outcomes[name] = await refusal(write(db, a, b, `cross_${n}`));
        expected[name] = 'refused';
      }
      expect(outcomes).toEqual(expected);
      // An optional reference left empty is still allowed.
      await db
        .insertInto('requests')
        .values(ROWS.request_without_category(a, a, 'req_a_nocat'))
        .execute();
      if (dialect === 'postgres') {
        await db
          .insertInto('requests')
          .values(requestRow(b, b, 'req_b_nodoc'))
          .execute();
        const searchDocument = (school: string) =>
          sql`insert into search_fts (request_id, school_id, content) values ('req_b_nodoc', ${school}, 'x')`.execute(
            db,
          );
        expect(await refusal(searchDocument(a.school))).toBe('refused');
        expect(await refusal(searchDocument(b.school))).toBe('accepted');
      }
      // Removing a user still removes their sessions.
      await db
        .insertInto('users')
        .values(userRow(a, 'usr_a_leaving', 'leaving@ecole.test'))
        .execute();
      await db
        .insertInto('sessions')
        .values({ ...ROWS.session(a, a, 'ses_leaving'), user_id: 'usr_a_leaving' })
        .execute();
      await db.deleteFrom('users').where('id', '=', 'usr_a_leaving').execute();
      expect(await db.selectFrom('sessions').select('id').where('id', '=', 'ses_leaving').execute()).toEqual(
        [],
      );
    });

    it('keeps every row, the search and the append-only journal through the migration', async () => {
      database = await createTestDatabase(dialect);
      const db = database.db.kysely as unknown as RawDb;
      await migrateTo(db, BEFORE);
      await fillSchool(db, dialect, 'a');
      // A file removed leaves a gap in the rowids, which the search documents must keep following.
      await db
        .insertInto('requests')
        .values(requestRow(ids('a'), ids('a'), 'req_gone'))
        .execute();
      await fillSchool(db, dialect, 'b');
      await db.deleteFrom('requests').where('id', '=', 'req_gone').execute();
      await fillSchool(db, dialect, 'c');
      for (let i = 0; i < 50; i += 1) {
        await db
          .insertInto('activity')
          .values(ROWS.activity(ids('a'), ids('a')))
          .execute();
      }
      const before = await snapshot(db, dialect);
      const lastEntry = await db
        .selectFrom('activity')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();

      // This migration alone: later ones add columns of their own.
      await migrateTo(db, TARGET);
      const applied = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
      expect(applied.map((m: { name: string }) => m.name).slice(-2)).toEqual([BEFORE, TARGET]);

      expect(await snapshot(db, dialect)).toEqual(before);
      expect(before.requests).toHaveLength(3);
      const app = db as unknown as Kysely<Database>;
      expect(await searchRequestIds(app, 'sch_b', ['clientb'], 10)).toEqual(['req_b']);
      expect(await searchRequestIds(app, 'sch_a', ['zoe'], 10)).toEqual(['req_a']);
      // The journal still refuses to rewrite history, and goes on numbering after its last entry.
      await expect(db.updateTable('activity').set({ action: 'forged' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(db.deleteFrom('activity').execute()).rejects.toThrow(/append-only/);
      const next = await db
        .insertInto('activity')
        .values(ROWS.activity(ids('b'), ids('b')))
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(Number(next.id)).toBeGreaterThan(Number(lastEntry?.id));
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
        expect(rows).toEqual([{ foreign_keys: 1 }]);
        expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: 'ok' }]);
      }
      expect(
        await refusal(
          db
            .insertInto('messages')
            .values(ROWS.message(ids('a'), ids('b'), 'msg_after'))
            .execute(),
        ),
      ).toBe('refused');
    });

    /** Two schools with their sales rows, on a database as it was before migration 0013. */
    async function beforeLineKeys(): Promise<RawDb> {
      database = await createTestDatabase(dialect);
      const db = database.db.kysely as unknown as RawDb;
      await migrateTo(db, LINE_KEYS_BEFORE);
      for (const school of ['a', 'b']) {
        await fillSchool(db, dialect, school);
        await fillSales(db, school);
      }
      return db;
    }

    it('0013: keeps every line (rowids, indexes) and then refuses a line of another school’s session or instructor', async () => {
      const db = await beforeLineKeys();
      for (const school of ['a', 'b']) {
        await db
          .insertInto('lines')
          .values(salesLineRow(ids(school), ids(school), `lin_sold_${school}`))
          .execute();
      }
      const before = await snapshot(db, dialect);
      const indexes = await lineIndexes(db, dialect);

      await migrateTo(db, LINE_KEYS);

      expect(await snapshot(db, dialect)).toEqual(before);
      expect(await lineIndexes(db, dialect)).toEqual(indexes);
      expect(indexes).toEqual(expect.arrayContaining(['lines_instructor_idx', 'lines_session_idx']));
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
        expect(rows).toEqual([{ foreign_keys: 1 }]);
        expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: 'ok' }]);
      }
      const a = ids('a');
      const b = ids('b');
      expect(
        await refusal(
          db
            .insertInto('lines')
            .values(salesLineRow(a, b, 'lin_cross'))
            .execute(),
        ),
      ).toBe('refused');
      expect(
        await refusal(
          db
            .insertInto('lines')
            .values({ ...salesLineRow(a, a, 'lin_ghost'), instructor_id: 'ins_nobody' })
            .execute(),
        ),
      ).toBe('refused');
    });

    it('0013: stops, changing nothing, when a line already points at another school’s session', async () => {
      const db = await beforeLineKeys();
      // Accepted before: nothing checked the session column.
      await db
        .insertInto('lines')
        .values({ ...salesLineRow(ids('a'), ids('a'), 'lin_crossed'), session_id: ids('b').productSession })
        .execute();
      const before = await snapshot(db, dialect);
      const keysBefore = await references(db, dialect);

      await expect(migrateTo(db, LINE_KEYS)).rejects.toThrow();

      expect(await snapshot(db, dialect)).toEqual(before);
      expect(await references(db, dialect)).toEqual(keysBefore);
      const applied = await db.selectFrom('kysely_migration').select('name').execute();
      expect(applied.map((r) => r.name)).not.toContain(LINE_KEYS);
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
        expect(rows).toEqual([{ foreign_keys: 1 }]);
      }
    });

    it('stops, changing nothing, when existing rows already point at another school', async () => {
      database = await createTestDatabase(dialect);
      const db = database.db.kysely as unknown as RawDb;
      await migrateTo(db, BEFORE);
      await fillSchool(db, dialect, 'a');
      await fillSchool(db, dialect, 'b');
      // Accepted before: the single-column reference only asks that the customer exists.
      await db
        .insertInto('requests')
        .values(requestRow(ids('a'), ids('b'), 'req_crossed'))
        .execute();
      const before = await snapshot(db, dialect);
      const keysBefore = await references(db, dialect);

      await expect(migrateToLatest(db)).rejects.toThrow();

      expect(await snapshot(db, dialect)).toEqual(before);
      expect(await references(db, dialect)).toEqual(keysBefore);
      const applied = await db.selectFrom('kysely_migration').select('name').execute();
      expect(applied.map((r) => r.name)).not.toContain(TARGET);
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
        expect(rows).toEqual([{ foreign_keys: 1 }]);
      }
    });
  });
}
