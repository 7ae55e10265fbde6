import { z } from 'zod';
import {
  addSession,
  createProduct,
  listCatalogue,
  updateProduct,
  updateSession,
} from '../../app/catalogue/catalogue.js';
import {
  addDayOff,
  createInstructor,
  removeDayOff,
  updateInstructor,
} from '../../app/catalogue/instructors.js';
import type { AppDeps } from '../../app/deps.js';
import { getSalesSettings, updateSalesSettings } from '../../app/settings/sales-settings.js';
import {
  CatalogueSchema,
  DayOffInputSchema,
  InstructorInputSchema,
  InstructorPatchSchema,
  InstructorSchema,
  ProductInputSchema,
  ProductPatchSchema,
  ProductSchema,
  SalesSettingsSchema,
  SessionInputSchema,
  SessionPatchSchema,
  SessionSchema,
} from '../../shared/contracts/sales.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = STAFF_ERRORS;
const idParams = z.object({ id: z.string().max(64) });

/** Paramètres → Catalogue, Moniteurs, Devis et paiements (writes: admin). */
export function catalogueRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/catalogue',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary:
          'The catalogue: products with their sessions and places taken, extras, instructors with their days off',
        response: { 200: CatalogueSchema, ...errors },
      },
    },
    async (request) => listCatalogue(deps, staffOf(request).actor),
  );

  app.post(
    '/api/catalogue/products',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Add a product or an extra to the catalogue (admin)',
        body: ProductInputSchema,
        response: { 201: ProductSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProduct(deps, staffOf(request).actor, request.body)),
  );

  app.patch(
    '/api/catalogue/products/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Edit a product, or archive it (isArchived): no longer offered, kept on old files (admin)',
        params: idParams,
        body: ProductPatchSchema,
        response: { 200: ProductSchema, ...errors },
      },
    },
    async (request) => updateProduct(deps, staffOf(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/catalogue/products/:id/sessions',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Add a session (dates, times, meeting point, capacity) to a product (admin)',
        params: idParams,
        body: SessionInputSchema,
        response: { 201: SessionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addSession(deps, staffOf(request).actor, request.params.id, request.body)),
  );

  app.patch(
    '/api/catalogue/sessions/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Edit or close a session; its capacity never goes below the places taken (admin)',
        params: idParams,
        body: SessionPatchSchema,
        response: { 200: SessionSchema, ...errors },
      },
    },
    async (request) => updateSession(deps, staffOf(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/catalogue/instructors',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Add an instructor (admin)',
        body: InstructorInputSchema,
        response: { 201: InstructorSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createInstructor(deps, staffOf(request).actor, request.body)),
  );

  app.patch(
    '/api/catalogue/instructors/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Edit an instructor or mark them inactive (admin)',
        params: idParams,
        body: InstructorPatchSchema,
        response: { 200: InstructorSchema, ...errors },
      },
    },
    async (request) => updateInstructor(deps, staffOf(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/catalogue/instructors/:id/days-off',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Note a day off of an instructor (admin)',
        params: idParams,
        body: DayOffInputSchema,
        response: { 201: InstructorSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addDayOff(deps, staffOf(request).actor, request.params.id, request.body)),
  );

  app.delete(
    '/api/catalogue/instructors/:id/days-off/:day',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['catalogue'],
        summary: 'Remove a day off of an instructor (admin)',
        params: z.object({ id: z.string().max(64), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
        response: { 200: InstructorSchema, ...errors },
      },
    },
    async (request) => removeDayOff(deps, staffOf(request).actor, request.params.id, request.params.day),
  );

  app.get(
    '/api/settings/sales',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary:
          'Quote and payment settings: custom lessons’ label, validity, deposit, reminder, legal details',
        response: { 200: SalesSettingsSchema, ...errors },
      },
    },
    async (request) => getSalesSettings(deps, staffOf(request).actor),
  );

  app.put(
    '/api/settings/sales',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'Save the quote and payment settings (admin)',
        body: SalesSettingsSchema,
        response: { 200: SalesSettingsSchema, ...errors },
      },
    },
    async (request) => updateSalesSettings(deps, staffOf(request).actor, request.body),
  );
}
