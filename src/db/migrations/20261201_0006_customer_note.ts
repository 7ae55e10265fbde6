import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

export interface FileComment {
  /** The file's number ("2026-00042"), written before each comment when there are several. */
  number: string;
  text: string;
  /** When the comment was last written: its last journal entry, else the file's last change. */
  writtenAt: string;
}

function time(value: string): number {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * The one customer note made of a customer's per-file comments: newest first, each under its
 * file's number when there are several (so a colleague still knows where it came from); the
 * same text written on several files is kept once, at its newest place.
 */
export function mergeCustomerComments(comments: readonly FileComment[]): string {
  const sorted = comments
    .map((c) => ({ ...c, text: c.text.trim() }))
    .filter((c) => c.text !== '')
    .sort((a, b) => time(b.writtenAt) - time(a.writtenAt) || b.number.localeCompare(a.number));
  const seen = new Set<string>();
  const kept = sorted.filter((c) => {
    if (seen.has(c.text)) return false;
    seen.add(c.text);
    return true;
  });
  if (kept.length === 1) return kept[0]!.text;
  return kept.map((c) => `${c.number} — ${c.text}`).join('\n\n');
}

/**
 * "Commentaire client" is a note about the customer, shown on every file of theirs: it moves
 * from the file to the customer. Customers also get a version, who changed them last and the
 * latest change of each field, and files the latest change of each of their fields, so a stale
 * edit is refused naming who changed what.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('customers')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('customers')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('customers').addColumn('updated_by_name', 'text').execute();
  await db.schema
    .alterTable('customers')
    .addColumn('change_marks_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('requests')
    .addColumn('change_marks_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  const rows = await db
    .selectFrom('requests as r')
    .select([
      'r.school_id',
      'r.customer_id',
      'r.number',
      'r.staff_comment',
      'r.updated_at',
      (eb) =>
        eb
          .selectFrom('activity as a')
          .select((x) => x.fn.max('a.created_at').as('at'))
          .whereRef('a.request_id', '=', 'r.id')
          .where('a.action', '=', 'request.comment_changed')
          .as('commented_at'),
    ])
    .where(sql<boolean>`trim(r.staff_comment) <> ''`)
    .execute();
  const byCustomer = new Map<string, { schoolId: string; customerId: string; comments: FileComment[] }>();
  for (const row of rows) {
    const key = `${row.school_id}\u0000${row.customer_id}`;
    const entry = byCustomer.get(key) ?? {
      schoolId: row.school_id as string,
      customerId: row.customer_id as string,
      comments: [] as FileComment[],
    };
    const writtenAt = row.commented_at ?? row.updated_at;
    entry.comments.push({
      number: row.number,
      text: row.staff_comment,
      writtenAt: writtenAt instanceof Date ? writtenAt.toISOString() : String(writtenAt),
    });
    byCustomer.set(key, entry);
  }
  for (const { schoolId, customerId, comments } of byCustomer.values()) {
    await db
      .updateTable('customers')
      .set({ note: mergeCustomerComments(comments) })
      .where('school_id', '=', schoolId)
      .where('id', '=', customerId)
      .execute();
  }

  await db.schema.alterTable('requests').dropColumn('staff_comment').execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted.');
}
