import { type Kysely, type RawBuilder, sql } from 'kysely';
import { nameStatement } from '../prepared-query.js';
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
 * with the query builder: this is the hottest read of the staff app, and building it costs
 * nothing this way. Served by requests_school_status_activity_idx.
 */
export async function selectListRows(
  db: Kysely<Database>,
  schoolId: string,
  filter: ListFilter,
): Promise<ListRow[]> {
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
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    where.push(sql`r.id in (${sql.join(filter.ids)})`);
  }
  const query = sql<ListRow>`
    select r.id, r.number, r.status, r.source, r.language, r.category_id, c.name as category_name,
      r.last_message_at, r.last_message_preview, r.last_message_key, r.last_message_params_json,
      r.last_message_author, r.total_cents, r.paid_cents, r.is_to_be_priced,
      r.customer_name, r.customer_email, r.services_json, r.offer_valid_until, r.balance_due_on
    from requests r left join categories c on c.id = r.category_id
    where ${sql.join(where, sql` and `)}
    order by r.last_message_at desc, r.id desc
    limit ${filter.limit}`.compile(db);
  // One text per combination of filters: a named statement on PostgreSQL (not with a list of ids).
  if (!filter.ids) nameStatement(db, query.sql);
  return (await db.executeQuery(query)).rows;
}
