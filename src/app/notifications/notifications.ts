import { z } from 'zod';
import { isNotificationOf, markUnreadNotificationsRead } from '../../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  requestId: z.string().nullable(),
  requestNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  createdAt: z.string(),
  isRead: z.boolean(),
});
export const NotificationsResponseSchema = z.object({
  unread: z.number().int(),
  items: z.array(NotificationSchema),
});

/** The signed-in staff member's bell: unread count and the latest notifications. */
export async function listNotifications(deps: AppDeps, actor: StaffActor) {
  const db = deps.db.kysely;
  const [unread, rows] = await Promise.all([
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', actor.schoolId)
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
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
      .where('notifications.school_id', '=', actor.schoolId)
      .where('notifications.user_id', '=', actor.userId)
      .orderBy('notifications.created_at', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(30)
      .execute(),
  ]);
  return {
    unread: Number(unread.n),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      requestId: r.request_id,
      requestNumber: r.number,
      customerName: r.first_name !== null ? `${r.first_name} ${r.last_name ?? ''}`.trim() : null,
      createdAt: r.created_at,
      isRead: r.read_at !== null,
    })),
  };
}

/**
 * Marks one notification (or all of them) read, for this staff member only. Someone else's
 * notification — a colleague's or another school's — is not found, as if it did not exist.
 */
export async function markNotificationsRead(
  deps: AppDeps,
  actor: StaffActor,
  id: string | 'all',
): Promise<void> {
  const db = deps.db.kysely;
  const target = { schoolId: actor.schoolId, userId: actor.userId };
  const changed = await markUnreadNotificationsRead(db, {
    ...target,
    id: id === 'all' ? null : id,
    now: deps.clock.now().toISOString(),
  });
  if (changed === 0 && id !== 'all' && !(await isNotificationOf(db, { ...target, id }))) {
    throw notFound(NOT_FOUND.notification);
  }
  deps.events.publish({ schoolId: actor.schoolId, type: 'notification', userId: actor.userId });
}
