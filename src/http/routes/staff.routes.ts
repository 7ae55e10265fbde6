import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { createStaff, listStaff, updateStaff } from '../../app/staff/manage-staff.js';
import { CreateStaffSchema, StaffUserSchema, UpdateStaffSchema } from '../../app/staff/staff.schemas.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = STAFF_ERRORS;

/** Paramètres → Personnel: admins manage their school's staff logins. */
export function staffRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/staff',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['staff'],
        summary: 'List the school staff (admin)',
        response: { 200: z.object({ items: z.array(StaffUserSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listStaff(deps, staffOf(request).actor) }),
  );

  app.post(
    '/api/staff',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['staff'],
        summary: 'Create a staff login (admin)',
        body: CreateStaffSchema,
        response: { 201: StaffUserSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createStaff(deps, staffOf(request).actor, request.body)),
  );

  app.patch(
    '/api/staff/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['staff'],
        summary: 'Edit or disable a staff login (admin)',
        params: z.object({ id: z.string().max(64) }),
        body: UpdateStaffSchema,
        response: { 200: StaffUserSchema, ...errors },
      },
    },
    async (request) => updateStaff(deps, staffOf(request).actor, request.params.id, request.body),
  );
}
