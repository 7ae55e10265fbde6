import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import {
  CreateStaffRequestSchema,
  RequestSummarySchema,
  UpdateRequestSchema,
} from '../../app/requests/requests.schemas.js';
import { createStaffRequest, getRequest, updateRequest } from '../../app/requests/staff-requests.js';
import { ErrorBodySchema } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: z.string().max(64) });

export function requestsRoutes(app: App, deps: AppDeps): void {
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
        summary: 'One request or dossier',
        params: IdParams,
        response: { 200: RequestSummarySchema, ...errors },
      },
    },
    async (request) => getRequest(deps, staffOf(request).actor, request.params.id),
  );

  app.patch(
    '/api/requests/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['requests'],
        summary: 'Change category, language or staff comment (with the version you read)',
        params: IdParams,
        body: UpdateRequestSchema,
        response: { 200: RequestSummarySchema, ...errors },
      },
    },
    async (request) => updateRequest(deps, staffOf(request).actor, request.params.id, request.body),
  );
}
