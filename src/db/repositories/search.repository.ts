import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../schema.js';

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Replaces the search document of a request (content is already folded by the caller). */
export async function upsertSearchDocument(
  db: Kysely<Database>,
  doc: { requestId: string; schoolId: string; content: string },
): Promise<void> {
  await db.deleteFrom('search_fts').where('request_id', '=', doc.requestId).execute();
  await db
    .insertInto('search_fts')
    .values({ request_id: doc.requestId, school_id: doc.schoolId, content: doc.content })
    .execute();
}

/** Appends words to a request's search document (a new message), without re-reading the rest. */
export async function appendSearchText(
  db: Kysely<Database>,
  requestId: string,
  schoolId: string,
  text: string,
): Promise<void> {
  const row = await db
    .selectFrom('search_fts')
    .select('content')
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  await upsertSearchDocument(db, {
    requestId,
    schoolId,
    content: `${row?.content ?? ''} ${text}`.slice(0, 200_000),
  });
}

/**
 * The ids of a school's requests whose document has every term as a word prefix, best first.
 * Terms are folded words (letters and digits only), so they are safe inside the query syntax.
 */
export async function searchRequestIds(
  db: Kysely<Database>,
  schoolId: string,
  terms: string[],
  limit: number,
): Promise<string[]> {
  if (terms.length === 0) return [];
  if (isPostgres(db)) {
    const query = terms.map((t) => `${t}:*`).join(' & ');
    const rows = await sql<{ request_id: string }>`
      select request_id from search_fts
      where school_id = ${schoolId} and tsv @@ to_tsquery('simple', ${query})
      order by ts_rank(tsv, to_tsquery('simple', ${query})) desc, request_id
      limit ${limit}`.execute(db);
    return rows.rows.map((r) => r.request_id);
  }
  const match = terms.map((t) => `"${t}"*`).join(' ');
  const rows = await sql<{ request_id: string }>`
    select request_id from search_fts
    where search_fts match ${match} and school_id = ${schoolId}
    order by rank
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.request_id);
}
