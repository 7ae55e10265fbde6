import type { Kysely } from 'kysely';
import type { Database, NotificationsTable } from '../schema.js';

/** Marks a staff member's unread notifications read: one (`id`) or all of them. */
export async function markUnreadNotificationsRead(
  db: Kysely<Database>,
  target: { schoolId: string; userId: string; id: string | null; now: string },
): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: target.now })
    .where('school_id', '=', target.schoolId)
    .where('user_id', '=', target.userId)
    .where('read_at', 'is', null);
  if (target.id !== null) q = q.where('id', '=', target.id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Is this notification addressed to this staff member of this school (read or not)? */
export async function isNotificationOf(
  db: Kysely<Database>,
  target: { schoolId: string; userId: string; id: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('school_id', '=', target.schoolId)
    .where('user_id', '=', target.userId)
    .where('id', '=', target.id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The active staff of a school: who a new notification may go to. */
export async function listActiveStaffIds(db: Kysely<Database>, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('is_active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertNotifications(
  db: Kysely<Database>,
  rows: readonly NotificationsTable[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('notifications')
      .values([...rows])
      .execute();
}
