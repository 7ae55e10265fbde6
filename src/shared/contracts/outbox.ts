/**
 * Paramètres → Boîte d'envoi (admin) and a staff member's e-mail notifications, for the staff app.
 * Routes:
 *   GET  /api/outbox                      → OutboxView (sent e-mails, parked ones)
 *   GET  /api/outbox/:id/html             → the HTML part, for a sandboxed iframe
 *   POST /api/outbox/:id/retry            → a parked e-mail is tried again
 *   GET  /api/me/email-notifications      → { events }
 *   PUT  /api/me/email-notifications      → { events }
 * The schemas live with their use case in `src/app/email/dev-outbox.ts`, handed on type-only.
 */
import type { z } from 'zod';
import type {
  EmailNotificationsSchema,
  OutboxViewSchema,
  ParkedMailSchema,
  SentMailSchema,
} from '../../app/email/dev-outbox.js';

export type { EmailNotificationsSchema, OutboxViewSchema };
export type OutboxView = z.infer<typeof OutboxViewSchema>;
export type SentMail = z.infer<typeof SentMailSchema>;
export type ParkedMail = z.infer<typeof ParkedMailSchema>;
export type EmailNotifications = z.infer<typeof EmailNotificationsSchema>;
export const STAFF_EMAIL_EVENT_NAMES = ['request.created', 'customer.replied', 'payment'] as const;
