import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { beatPresence } from '../../app/presence.js';
import { replyToCustomer } from '../../app/requests/conversation.js';
import { updateCustomer } from '../../app/requests/customer-edits.js';
import { CustomerHitSchema, findCustomers } from '../../app/requests/find-customers.js';
import {
  ListItemSchema,
  ListQuerySchema,
  ListResponseSchema,
  listRequests,
  searchRequests,
} from '../../app/requests/list-requests.js';
import { getRequestPage, RequestPageSchema } from '../../app/requests/request-page.js';
import {
  CreateStaffRequestSchema,
  ReplySchema,
  RequestSummarySchema,
  UpdateCustomerSchema,
  UpdateRequestSchema,
} from '../../app/requests/requests.schemas.js';
import { createStaffRequest, updateRequest } from '../../app/requests/staff-requests.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = STAFF_ERRORS;
const IdParams = z.object({ id: z.string().max(64) });

function readerLanguage(language: string): 'fr' | 'en' {
  return language === 'en' ? 'en' : 'fr';
}

export function requestsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/requests',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'Gestion des demandes (tab=request) or a dossier tab, with the counts of every tab',
        querystring: ListQuerySchema,
        response: { 200: ListResponseSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const school = { timeZone: staff.school.timeZone, settingsJson: staff.schoolSettingsJson };
      return listRequests(deps, staff.actor, request.query, school);
    },
  );

  app.get(
    '/api/search',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'Search customer name, e-mail, phone, file number and message words (accents ignored)',
        querystring: z.object({ q: z.string().max(200) }),
        response: { 200: z.object({ items: z.array(ListItemSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await searchRequests(deps, staffOf(request).actor, request.query.q) }),
  );

  app.get(
    '/api/customers',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'Find a customer of the school by name or e-mail (Nouvelle demande)',
        querystring: z.object({ q: z.string().max(200) }),
        response: { 200: z.object({ items: z.array(CustomerHitSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await findCustomers(deps, staffOf(request).actor, request.query.q) }),
  );

  app.post(
    '/api/requests',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'Nouvelle demande (origin Staff)',
        body: CreateStaffRequestSchema,
        response: { 201: RequestSummarySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createStaffRequest(deps, staffOf(request).actor, request.body)),
  );

  app.get(
    '/api/requests/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'The dossier page: file, customer, services, conversation, journal, other files',
        params: IdParams,
        response: { 200: RequestPageSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return getRequestPage(deps, staff.actor, request.params.id, readerLanguage(staff.language));
    },
  );

  app.patch(
    '/api/requests/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary:
          'Change the category or the language of a file (with the file version the edit started from)',
        params: IdParams,
        body: UpdateRequestSchema,
        response: { 200: RequestSummarySchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return updateRequest(deps, staff.actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/requests/:id/messages',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'Reply to the customer in the conversation',
        params: IdParams,
        body: ReplySchema,
        response: { 201: z.object({ id: z.string(), createdAt: z.string() }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await replyToCustomer(deps, staffOf(request).actor, request.params.id, request.body.body)),
  );

  app.patch(
    '/api/requests/:id/customer',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary:
          'Change the customer of a file — contact details, "Commentaire client" — sending only the changed fields and the customer version the edit started from',
        params: IdParams,
        body: UpdateCustomerSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      await updateCustomer(deps, staff.actor, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/requests/:id/presence',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'Heartbeat: I have this file open (or leaving=true); returns who else has it open',
        params: IdParams,
        body: z.object({ leaving: z.boolean().default(false) }),
        response: {
          200: z.object({ viewers: z.array(z.object({ userId: z.string(), name: z.string() })) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const viewers = await beatPresence(
        deps,
        staffOf(request).actor,
        request.params.id,
        request.body.leaving,
      );
      return { viewers };
    },
  );
}
