import type { NotificationsTable } from '../schema.js';
import type { Db } from './db.js';

/** Marks a staff member's unread notifications read: one (`id`) or all of them. */
export async function markUnreadNotificationsRead(
  db: Db,
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
  db: Db,
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

export async function insertNotifications(db: Db, rows: readonly NotificationsTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('notifications')
      .values([...rows])
      .execute();
}

/** One line of a staff member's bell. */
export interface StaffNotification {
  id: string;
  kind: string;
  requestId: string | null;
  requestNumber: string | null;
  customerName: string | null;
  createdAt: string;
  isRead: boolean;
}

/** How many of this staff member's notifications are unread. */
export async function countUnreadNotifications(
  db: Db,
  target: { schoolId: string; userId: string },
): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', target.schoolId)
    .where('user_id', '=', target.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** This staff member's latest notifications, newest first, with the request and customer they are about. */
export async function listLatestNotifications(
  db: Db,
  target: { schoolId: string; userId: string },
  limit: number,
): Promise<StaffNotification[]> {
  const rows = await db
    .selectFrom('notifications')
    .leftJoin('requests', 'requests.id', 'notifications.request_id')
    .leftJoin('customers', 'customers.id', 'requests.customer_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.request_id',
      'notifications.created_at',
      'notifications.read_at',
      'requests.number',
      'customers.first_name',
      'customers.last_name',
    ])
    .where('notifications.school_id', '=', target.schoolId)
    .where('notifications.user_id', '=', target.userId)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    requestId: r.request_id,
    requestNumber: r.number,
    customerName: r.first_name !== null ? `${r.first_name} ${r.last_name ?? ''}`.trim() : null,
    createdAt: r.created_at,
    isRead: r.read_at !== null,
  }));
}
