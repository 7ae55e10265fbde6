import { z } from 'zod';
import {
  CategoryInputSchema,
  CategorySchema,
  listCategories,
  saveCategory,
} from '../../app/categories/categories.js';
import type { AppDeps } from '../../app/deps.js';
import {
  listNotifications,
  markNotificationsRead,
  NotificationsResponseSchema,
} from '../../app/notifications/notifications.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = STAFF_ERRORS;

/** The bell, and the categories (Paramètres → Catégories). */
export function notificationsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/notifications',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['notifications'],
        summary: 'My notifications and unread count',
        response: { 200: NotificationsResponseSchema, ...errors },
      },
    },
    async (request) => listNotifications(deps, staffOf(request).actor),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification read (id "all" marks them all)',
        params: z.object({ id: z.string().max(64) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await markNotificationsRead(deps, staffOf(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/categories',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'The school’s categories',
        response: { 200: z.object({ items: z.array(CategorySchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listCategories(deps, staffOf(request).actor) }),
  );

  app.post(
    '/api/categories',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'Add a category (admin)',
        body: CategoryInputSchema,
        response: { 201: CategorySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await saveCategory(deps, staffOf(request).actor, null, request.body)),
  );

  app.put(
    '/api/categories/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'Rename or hide a category (admin)',
        params: z.object({ id: z.string().max(64) }),
        body: CategoryInputSchema,
        response: { 200: CategorySchema, ...errors },
      },
    },
    async (request) => saveCategory(deps, staffOf(request).actor, request.params.id, request.body),
  );
}
