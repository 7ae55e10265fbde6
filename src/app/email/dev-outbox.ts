import { z } from 'zod';
import {
  findSentMail,
  findUserEmailNotifications,
  listParkedOutboxRows,
  listSentMail,
  setUserEmailNotifications,
  unparkOutboxRow,
} from '../../db/repositories/index.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { EMAIL_MESSAGES } from './email.messages.js';
import { STAFF_EMAIL_EVENTS } from './staff-email.js';

export const SentMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  hasHtml: z.boolean(),
  transport: z.string(),
  messageId: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
  sentAt: z.string(),
});

export const ParkedMailSchema = z.object({
  id: z.string(),
  kind: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  parkedAt: z.string(),
});

export const OutboxViewSchema = z.object({
  /** No SMTP_URL: the development transport keeps every message, nothing leaves the machine. */
  isDevelopment: z.boolean(),
  sent: z.array(SentMailSchema),
  parked: z.array(ParkedMailSchema),
});
export type OutboxView = z.infer<typeof OutboxViewSchema>;

export const EmailNotificationsSchema = z.object({ events: z.array(z.enum(STAFF_EMAIL_EVENTS)) });

const PAGE = 100;

/**
 * Paramètres → Boîte d'envoi (admin): the e-mails sent for the school (all of them with the
 * development transport: recipient, subject, text, HTML, attachments) and those parked after
 * too many failed tries.
 */
export async function getOutboxView(deps: AppDeps, actor: StaffActor): Promise<OutboxView> {
  requireRole(actor, 'admin');
  const db = deps.db.kysely;
  const [sent, parked] = await Promise.all([
    listSentMail(db, actor.schoolId, PAGE),
    listParkedOutboxRows(db, actor.schoolId, PAGE),
  ]);
  return {
    isDevelopment: !deps.config.smtpUrl,
    sent: sent.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      hasHtml: m.html !== null,
      transport: m.transport,
      messageId: m.messageId,
      headers: m.headers,
      attachments: m.attachments,
      sentAt: m.createdAt,
    })),
    parked: parked.map((r) => ({
      id: r.id,
      kind: r.kind,
      attempts: r.attempts,
      lastError: r.last_error,
      parkedAt: String(r.parked_at),
    })),
  };
}

/** The HTML part of one sent e-mail of the school, for the sandboxed preview. */
export async function sentMailHtml(deps: AppDeps, actor: StaffActor, id: string): Promise<string> {
  requireRole(actor, 'admin');
  const mail = await findSentMail(deps.db.kysely, actor.schoolId, id);
  if (!mail?.html) throw notFound(EMAIL_MESSAGES.mailNotFound);
  return mail.html;
}

/** An admin sends a parked e-mail again (after fixing the address or the server). */
export async function retryParkedMail(deps: AppDeps, actor: StaffActor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  const isUnparked = await unparkOutboxRow(
    deps.db.kysely,
    actor.schoolId,
    id,
    deps.clock.now().toISOString(),
  );
  if (!isUnparked) throw notFound(EMAIL_MESSAGES.mailNotFound);
  deps.outbox.kick();
}

/** Which events the signed-in staff member is told about by e-mail. */
export async function getEmailNotifications(deps: AppDeps, actor: StaffActor) {
  const stored = await findUserEmailNotifications(deps.db.kysely, actor.schoolId, actor.userId);
  return { events: STAFF_EMAIL_EVENTS.filter((e) => stored.includes(e)) };
}

export async function setEmailNotifications(
  deps: AppDeps,
  actor: StaffActor,
  input: z.infer<typeof EmailNotificationsSchema>,
) {
  if (input.events.some((e) => !(STAFF_EMAIL_EVENTS as readonly string[]).includes(e)))
    throw new AppError('VALIDATION', EMAIL_MESSAGES.unknownEvent);
  await setUserEmailNotifications(deps.db.kysely, actor.schoolId, actor.userId, [...new Set(input.events)]);
  return getEmailNotifications(deps, actor);
}
