import { CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';
import { executeRead, nameStatement } from '../prepared-query.js';
import type { Database } from '../schema.js';

/** One row of a list page (Gestion des demandes / des dossiers / search results). */
export interface ListRow {
  id: string;
  number: string;
  status: string;
  source: 'vel' | 'contact' | 'custom' | 'email' | 'staff';
  language: string;
  category_id: string | null;
  category_name: string | null;
  last_message_at: string;
  last_message_preview: string;
  last_message_key: string | null;
  last_message_params_json: string | null;
  last_message_author: 'customer' | 'staff' | 'system';
  total_cents: number;
  paid_cents: number;
  is_to_be_priced: number;
  customer_name: string;
  customer_email: string;
  services_json: string;
  offer_valid_until: string | null;
  balance_due_on: string | null;
}

export interface ListFilter {
  status?: string;
  source?: string;
  categoryId?: string;
  isToHandle?: boolean;
  /** "Solde en retard": a deposit paid and the balance due before this day (the school's today). */
  balanceDueBefore?: string;
  /** Keyset pagination: rows strictly after this one in (last_message_at desc, id desc). */
  after?: { at: string; id: string };
  ids?: readonly string[];
  limit: number;
}

/**
 * A page of a school's requests, newest activity first. Written as one SQL template rather than
 * with the query builder: this is the hottest read of the staff app. Served by
 * requests_school_status_activity_idx. The text of each combination of filters is compiled once
 * per dialect (a named statement on PostgreSQL); a list of ids is compiled each time.
 */
export async function selectListRows(
  db: Kysely<Database>,
  schoolId: string,
  filter: ListFilter,
): Promise<ListRow[]> {
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    return executeRead(db, listQuery(db, schoolId, filter));
  }
  // The parameters in the order the text takes them (listQuery's), and which filters are there.
  const values: unknown[] = [schoolId];
  let shape = '';
  const take = (flag: string, ...given: unknown[]) => {
    shape += flag;
    values.push(...given);
  };
  if (filter.status !== undefined) take('s', filter.status);
  if (filter.source !== undefined) take('o', filter.source);
  if (filter.categoryId !== undefined) take('c', filter.categoryId);
  if (filter.isToHandle) take('h');
  if (filter.balanceDueBefore !== undefined) take('b', filter.balanceDueBefore);
  if (filter.after) take('a', filter.after.at, filter.after.at, filter.after.id);
  values.push(filter.limit);
  const adapter = db.getExecutor().adapter;
  let texts = listTexts.get(adapter);
  if (!texts) {
    texts = new Map();
    listTexts.set(adapter, texts);
  }
  let text = texts.get(shape);
  if (text === undefined) {
    const compiled = listQuery(db, schoolId, filter);
    if (JSON.stringify(compiled.parameters) !== JSON.stringify(values)) {
      throw new Error('selectListRows: the parameters are not in the order of the query text');
    }
    text = compiled.sql;
    nameStatement(db, text);
    texts.set(shape, text);
  }
  return executeRead(db, CompiledQuery.raw(text, values) as CompiledQuery<ListRow>);
}

/** The compiled texts of the list page, by dialect adapter and combination of filters. */
const listTexts = new WeakMap<object, Map<string, string>>();

function listQuery(db: Kysely<Database>, schoolId: string, filter: ListFilter): CompiledQuery<ListRow> {
  const where: RawBuilder<unknown>[] = [sql`r.school_id = ${schoolId}`];
  if (filter.status !== undefined) where.push(sql`r.status = ${filter.status}`);
  if (filter.source !== undefined) where.push(sql`r.source = ${filter.source}`);
  if (filter.categoryId !== undefined) where.push(sql`r.category_id = ${filter.categoryId}`);
  if (filter.isToHandle) where.push(sql`r.last_message_author = 'customer'`);
  if (filter.balanceDueBefore !== undefined)
    where.push(sql`r.status = 'deposit_paid' and r.balance_due_on < ${filter.balanceDueBefore}`);
  if (filter.after) {
    where.push(
      sql`(r.last_message_at < ${filter.after.at} or (r.last_message_at = ${filter.after.at} and r.id < ${filter.after.id}))`,
    );
  }
  if (filter.ids) where.push(sql`r.id in (${sql.join(filter.ids)})`);
  return sql<ListRow>`
    select r.id, r.number, r.status, r.source, r.language, r.category_id, c.name as category_name,
      r.last_message_at, r.last_message_preview, r.last_message_key, r.last_message_params_json,
      r.last_message_author, r.total_cents, r.paid_cents, r.is_to_be_priced,
      r.customer_name, r.customer_email, r.services_json, r.offer_valid_until, r.balance_due_on
    from requests r left join categories c on c.id = r.category_id
    where ${sql.join(where, sql` and `)}
    order by r.last_message_at desc, r.id desc
    limit ${filter.limit}`.compile(db);
}
