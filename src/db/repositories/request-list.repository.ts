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
 * The list's filters, in the order of the SQL text: whether a call has one (its values, or null)
 * and its condition. One table for both the text and its parameters, so they cannot disagree.
 */
const FILTERS: {
  flag: string;
  valuesOf: (filter: ListFilter) => unknown[] | null;
  where: (...values: unknown[]) => RawBuilder<unknown>;
}[] = [
  {
    flag: 's',
    valuesOf: (f) => (f.status === undefined ? null : [f.status]),
    where: (v) => sql`r.status = ${v}`,
  },
  {
    flag: 'o',
    valuesOf: (f) => (f.source === undefined ? null : [f.source]),
    where: (v) => sql`r.source = ${v}`,
  },
  {
    flag: 'c',
    valuesOf: (f) => (f.categoryId === undefined ? null : [f.categoryId]),
    where: (v) => sql`r.category_id = ${v}`,
  },
  {
    flag: 'h',
    valuesOf: (f) => (f.isToHandle ? [] : null),
    where: () => sql`r.last_message_author = 'customer'`,
  },
  {
    // "Solde en retard": a deposit paid and the balance due before this day (the school's today).
    flag: 'b',
    valuesOf: (f) => (f.balanceDueBefore === undefined ? null : [f.balanceDueBefore]),
    where: (day) => sql`r.status = 'deposit_paid' and r.balance_due_on < ${day}`,
  },
  {
    // Keyset pagination: strictly after this row in (last_message_at desc, id desc).
    flag: 'a',
    valuesOf: (f) => (f.after ? [f.after.at, f.after.at, f.after.id] : null),
    where: (at, same, id) =>
      sql`(r.last_message_at < ${at} or (r.last_message_at = ${same} and r.id < ${id}))`,
  },
];

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
  if (filter.ids?.length === 0) return [];
  let shape = '';
  const values: unknown[] = [schoolId];
  const where: RawBuilder<unknown>[] = [sql`r.school_id = ${schoolId}`];
  for (const { flag, valuesOf, where: condition } of FILTERS) {
    const given = valuesOf(filter);
    if (!given) continue;
    shape += flag;
    values.push(...given);
    where.push(condition(...given));
  }
  if (filter.ids) {
    where.push(sql`r.id in (${sql.join(filter.ids)})`);
    return executeRead(db, listQuery(where, filter.limit).compile(db));
  }
  values.push(filter.limit);
  const adapter = db.getExecutor().adapter;
  let texts = listTexts.get(adapter);
  if (!texts) {
    texts = new Map();
    listTexts.set(adapter, texts);
  }
  let text = texts.get(shape);
  if (text === undefined) {
    text = listQuery(where, filter.limit).compile(db).sql;
    nameStatement(db, text);
    texts.set(shape, text);
  }
  return executeRead(db, CompiledQuery.raw(text, values) as CompiledQuery<ListRow>);
}

/** The compiled texts of the list page, by dialect adapter and combination of filters. */
const listTexts = new WeakMap<object, Map<string, string>>();

function listQuery(where: RawBuilder<unknown>[], limit: number) {
  return sql<ListRow>`
    select r.id, r.number, r.status, r.source, r.language, r.category_id, c.name as category_name,
      r.last_message_at, r.last_message_preview, r.last_message_key, r.last_message_params_json,
      r.last_message_author, r.total_cents, r.paid_cents, r.is_to_be_priced,
      r.customer_name, r.customer_email, r.services_json, r.offer_valid_until, r.balance_due_on
    from requests r left join categories c on c.id = r.category_id
    where ${sql.join(where, sql` and `)}
    order by r.last_message_at desc, r.id desc
    limit ${limit}`;
}
