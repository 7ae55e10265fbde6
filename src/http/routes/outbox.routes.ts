import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import {
  EmailNotificationsSchema,
  getEmailNotifications,
  getOutboxView,
  OutboxViewSchema,
  retryParkedMail,
  sentMailHtml,
  setEmailNotifications,
} from '../../app/email/dev-outbox.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = STAFF_ERRORS;
const MailIdSchema = z.object({ id: z.string().max(64) });

/** Paramètres → Boîte d'envoi (admin), and each staff member's e-mail notifications. */
export function outboxRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/outbox',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['mail'],
        summary: 'The e-mails sent for the school and those parked (admin)',
        response: { 200: OutboxViewSchema, ...errors },
      },
    },
    async (request) => getOutboxView(deps, staffOf(request).actor),
  );

  app.get(
    '/api/outbox/:id/html',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['mail'],
        summary: 'The HTML part of a sent e-mail, for a sandboxed preview (admin)',
        params: MailIdSchema,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const html = await sentMailHtml(deps, staffOf(request).actor, request.params.id);
      // Shown only inside <iframe sandbox>: no script runs, nothing is fetched, no form is sent.
      return reply
        .header(
          'content-security-policy',
          "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );

  app.post(
    '/api/outbox/:id/retry',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['mail'],
        summary: 'Try a parked e-mail again (admin)',
        params: MailIdSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      await retryParkedMail(deps, staffOf(request).actor, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me/email-notifications',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['mail'],
        summary: 'Which events the signed-in staff member is told about by e-mail',
        response: { 200: EmailNotificationsSchema, ...errors },
      },
    },
    async (request) => getEmailNotifications(deps, staffOf(request).actor),
  );

  app.put(
    '/api/me/email-notifications',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['mail'],
        summary: 'Choose which events to be told about by e-mail',
        body: EmailNotificationsSchema,
        response: { 200: EmailNotificationsSchema, ...errors },
      },
    },
    async (request) => setEmailNotifications(deps, staffOf(request).actor, request.body),
  );
}
