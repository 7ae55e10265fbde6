import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { ordersCsv } from '../../app/pos/pos-csv.js';
import { authenticatePosKey, createPosKey, getPosKeys, revokePosKey } from '../../app/pos/pos-keys.js';
import { acknowledgeOrder, listReadyOrders } from '../../app/pos/pos-orders.js';
import { exportReadyOrdersCsv, markImportedByStaff, setEnteredInPos } from '../../app/pos/pos-staff.js';
import {
  CreatedPosKeySchema,
  CreatePosKeySchema,
  EnteredInPosBodySchema,
  FileStatusSchema,
  POS_SCHEMA_VERSION,
  PosAckSchema,
  PosImportBodySchema,
  PosKeysViewSchema,
  PosKeyViewSchema,
  PosOrderPageSchema,
  PosOrdersQuerySchema,
} from '../../shared/contracts/pos.js';
import { ErrorBodySchema, STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const IdParams = z.object({ id: z.string().max(64) });
const NumberParams = z.object({ number: z.string().max(40) });
const POS_PREFIX = '/api/pos/v1';
const POS_ERRORS = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };
const posSecurity = [{ posKey: [] }];
const CSV_TYPE = 'text/csv; charset=utf-8';

function wantsCsv(accept: string | undefined): boolean {
  return /\btext\/csv\b/i.test(accept ?? '');
}

/**
 * The point-of-sale software's API (versioned under /api/pos/v1, Bearer POS key) and the staff
 * side of it: Paramètres → Logiciel de caisse, "Export pour le logiciel", "Marquer comme importé",
 * "Saisi dans logiciel".
 */
export function posRoutes(app: App, deps: AppDeps): void {
  app.get(
    `${POS_PREFIX}/orders`,
    {
      schema: {
        tags: ['pos'],
        summary: 'Orders ready for the POS software (fully paid, online lines not yet imported)',
        description: `Schema \`${POS_SCHEMA_VERSION}\`. A page of at most \`limit\` files in number order; pass \`nextCursor\` back as \`cursor\` for the next one. With \`Accept: text/csv\`: every order of the page as a CSV (UTF-8 with BOM, \`;\`, CRLF, one row per line to import, formula-like cells prefixed with \`'\`).`,
        querystring: PosOrdersQuerySchema,
        security: posSecurity,
        produces: ['application/json', 'text/csv'],
        response: { 200: PosOrderPageSchema, ...POS_ERRORS },
      },
    },
    async (request, reply) => {
      const key = await authenticatePosKey(deps, request.headers.authorization);
      const page = await listReadyOrders(deps, key, request.query);
      if (!wantsCsv(request.headers.accept)) return page;
      if (page.nextCursor) void reply.header('x-next-cursor', page.nextCursor);
      // A string with its own type is sent as it is (no JSON serialisation).
      return reply.type(CSV_TYPE).send(ordersCsv(page.orders) as never);
    },
  );

  app.post(
    `${POS_PREFIX}/orders/:number/ack`,
    {
      schema: {
        tags: ['pos'],
        summary: 'Acknowledge an order: its online lines are imported (idempotent)',
        description:
          'Marks the file’s active online lines imported; the status rule moves the file on (“Commande traitée” once nothing else is missing). Acknowledging again answers 200 with importedLines 0. An unknown number, or another school’s, is 404.',
        params: NumberParams,
        security: posSecurity,
        response: { 200: PosAckSchema, ...POS_ERRORS },
      },
    },
    async (request) => {
      const key = await authenticatePosKey(deps, request.headers.authorization);
      return acknowledgeOrder(deps, key, request.params.number);
    },
  );

  app.get(
    `${POS_PREFIX}/openapi.json`,
    { schema: { tags: ['pos'], summary: 'This API (POS v1) as an OpenAPI 3 document', hide: true } },
    async () => {
      const document = app.swagger() as { paths?: Record<string, unknown>; [key: string]: unknown };
      const paths = Object.fromEntries(
        Object.entries(document.paths ?? {}).filter(([path]) => path.startsWith(POS_PREFIX)),
      );
      return { ...document, info: { title: 'Schuss POS API', version: POS_SCHEMA_VERSION }, paths };
    },
  );

  // ── Paramètres → Logiciel de caisse (admin) ──

  app.get(
    '/api/settings/pos-keys',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'The school’s POS keys and their latest uses (admin)',
        response: { 200: PosKeysViewSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => getPosKeys(deps, staffOf(request).actor),
  );

  app.post(
    '/api/settings/pos-keys',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'Create a named POS key; the key is shown this once (admin)',
        body: CreatePosKeySchema,
        response: { 201: CreatedPosKeySchema, ...STAFF_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPosKey(deps, staffOf(request).actor, request.body)),
  );

  app.delete(
    '/api/settings/pos-keys/:id',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'Revoke a POS key (admin)',
        params: IdParams,
        response: { 200: PosKeyViewSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => revokePosKey(deps, staffOf(request).actor, request.params.id),
  );

  // ── The staff app ──

  app.get(
    '/api/pos/export.csv',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['pos'],
        summary: '“Export pour le logiciel”: every ready order as CSV',
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await exportReadyOrdersCsv(deps, staffOf(request).actor);
      return reply
        .type(CSV_TYPE)
        .header('content-disposition', 'attachment; filename="export-logiciel.csv"')
        .send(csv);
    },
  );

  app.post(
    '/api/requests/:id/pos-import',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['pos'],
        summary: '“Marquer comme importé”: the file’s online lines are in the POS software',
        params: IdParams,
        body: PosImportBodySchema,
        response: { 200: FileStatusSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => markImportedByStaff(deps, staffOf(request).actor, request.params.id, request.body),
  );

  app.put(
    '/api/requests/:id/entered-in-pos',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['pos'],
        summary: '“Saisi dans logiciel”: tick or untick',
        params: IdParams,
        body: EnteredInPosBodySchema,
        response: { 200: FileStatusSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => setEnteredInPos(deps, staffOf(request).actor, request.params.id, request.body),
  );
}
