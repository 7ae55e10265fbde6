import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../schema.js';

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// On SQLite the FTS5 row of a request has the request's own rowid: finding it is a key lookup
// (FTS5 cannot index its `request_id` column). On PostgreSQL request_id is the primary key.

/** Writes the search document of a request (content is already folded by the caller). */
export async function upsertSearchDocument(
  db: Kysely<Database>,
  doc: { requestId: string; schoolId: string; content: string },
  options: { isNew?: boolean } = {},
): Promise<void> {
  if (isPostgres(db)) {
    await sql`insert into search_fts (request_id, school_id, content) values (${doc.requestId}, ${doc.schoolId}, ${doc.content})
      on conflict (request_id) do update set content = excluded.content`.execute(db);
    return;
  }
  if (!options.isNew) {
    await sql`delete from search_fts where rowid = (select rowid from requests where id = ${doc.requestId})`.execute(
      db,
    );
  }
  await sql`insert into search_fts (rowid, content, request_id, school_id)
    values ((select rowid from requests where id = ${doc.requestId}), ${doc.content}, ${doc.requestId}, ${doc.schoolId})`.execute(
    db,
  );
}

/** Appends words to a request's search document (a new message), without re-reading the rest. */
export async function appendSearchText(
  db: Kysely<Database>,
  requestId: string,
  schoolId: string,
  text: string,
): Promise<void> {
  const row = isPostgres(db)
    ? await db
        .selectFrom('search_fts')
        .select('content')
        .where('request_id', '=', requestId)
        .executeTakeFirst()
    : (
        await sql<{
          content: string;
        }>`select content from search_fts where rowid = (select rowid from requests where id = ${requestId})`.execute(
          db,
        )
      ).rows[0];
  await upsertSearchDocument(db, {
    requestId,
    schoolId,
    content: `${row?.content ?? ''} ${text}`.slice(0, 200_000),
  });
}

/**
 * The ids of a school's requests whose document has every term, newest first: the words before
 * the last must match whole, the last one may be the start of a word (search as you type).
 * Terms are folded words (letters and digits only), so they are safe in the query syntax.
 */
export async function searchRequestIds(
  db: Kysely<Database>,
  schoolId: string,
  terms: string[],
  limit: number,
): Promise<string[]> {
  if (terms.length === 0) return [];
  if (isPostgres(db)) {
    const query = terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ');
    const rows = await sql<{ request_id: string }>`
      select s.request_id from requests r join search_fts s on s.request_id = r.id
      where r.school_id = ${schoolId} and s.school_id = ${schoolId} and s.tsv @@ to_tsquery('simple', ${query})
      order by r.last_message_at desc, r.id desc
      limit ${limit}`.execute(db);
    return rows.rows.map((r) => r.request_id);
  }
  // Newest files first: FTS5 walks its doclists in rowid order and stops at the limit, so even
  // a word found in thousands of files costs little.
  const match = terms.map((t, i) => (i === terms.length - 1 ? `"${t}"*` : `"${t}"`)).join(' ');
  const rows = await sql<{ request_id: string }>`
    select request_id from search_fts
    where search_fts match ${match} and school_id = ${schoolId}
    order by rowid desc
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.request_id);
}

/** The file of a school with this number (numbers are unique per school). */
export async function findRequestIdsByNumber(
  db: Kysely<Database>,
  schoolId: string,
  number: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('requests')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('number', '=', number)
    .execute();
  return rows.map((r) => r.id);
}

/** The files of the school's customers whose normalised e-mail starts with `prefix`, latest first. */
export async function findRequestIdsByEmailPrefix(
  db: Kysely<Database>,
  schoolId: string,
  prefix: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('requests')
    .innerJoin('customers', 'customers.id', 'requests.customer_id')
    .select('requests.id')
    .where('customers.school_id', '=', schoolId)
    .where('customers.email_normalized', '>=', prefix)
    .where('customers.email_normalized', '<', `${prefix}\uffff`)
    .where('requests.school_id', '=', schoolId)
    .orderBy('requests.last_message_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
