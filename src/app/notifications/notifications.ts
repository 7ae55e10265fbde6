import { z } from 'zod';
import {
  countUnreadNotifications,
  isNotificationOf,
  listLatestNotifications,
  markUnreadNotificationsRead,
} from '../../db/repositories/index.js';
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

/** How many notifications the bell lists. */
const BELL_SIZE = 30;

/** The signed-in staff member's bell: unread count and the latest notifications. */
export async function listNotifications(deps: AppDeps, actor: StaffActor) {
  const db = deps.db.kysely;
  const target = { schoolId: actor.schoolId, userId: actor.userId };
  const [unread, items] = await Promise.all([
    countUnreadNotifications(db, target),
    listLatestNotifications(db, target, BELL_SIZE),
  ]);
  return { unread, items };
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
