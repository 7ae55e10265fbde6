/**
 * A staff member's bell, for the staff app: the schemas live with their use case in
 * `src/app/notifications` and are handed on type-only (no server code in `src/shared` at run time).
 */
import type { z } from 'zod';
import type {
  NotificationSchema,
  NotificationsResponseSchema,
} from '../../app/notifications/notifications.js';

export type { NotificationSchema, NotificationsResponseSchema };
export type NotificationsResponse = z.infer<typeof NotificationsResponseSchema>;
export type StaffNotification = z.infer<typeof NotificationSchema>;
