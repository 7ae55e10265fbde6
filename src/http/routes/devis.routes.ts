import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { addLine } from '../../app/devis/add-line.js';
import { getAvailability, validateCustomLesson } from '../../app/devis/custom-lesson.js';
import { editLine, removeLine } from '../../app/devis/edit-line.js';
import { getDevis } from '../../app/devis/get-devis.js';
import { staffLanguageOf } from '../../domain/errors.js';
import {
  AddLineSchema,
  AvailabilitySchema,
  DevisSchema,
  EditLineSchema,
  ValidateCustomLessonSchema,
} from '../../shared/contracts/sales.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = STAFF_ERRORS;
const IdParams = z.object({ id: z.string().max(64) });
const LineParams = z.object({ id: z.string().max(64), lineId: z.string().max(64) });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The Devis onglet of a file: its lines, totals and offers; "Ajouter une prestation"; "ÉDITER" a custom lesson. */
export function devisRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/requests/:id/devis',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary:
          'The Devis onglet: lines, totals with VAT per rate, quotes and payment links, can one be sent',
        params: IdParams,
        response: { 200: DevisSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return getDevis(deps, staff.actor, request.params.id, staffLanguageOf(staff.language));
    },
  );

  app.post(
    '/api/requests/:id/lines',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary:
          'Ajouter une prestation: a catalogue lesson with its participants, an extra, or a custom lesson',
        params: IdParams,
        body: AddLineSchema,
        response: { 201: DevisSchema, ...errors },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const devis = await addLine(
        deps,
        staff.actor,
        request.params.id,
        request.body,
        staffLanguageOf(staff.language),
      );
      return reply.code(201).send(devis);
    },
  );

  app.patch(
    '/api/requests/:id/lines/:lineId',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: 'Change a line (quantity, price, participants, session) while nothing is paid on the file',
        params: LineParams,
        body: EditLineSchema,
        response: { 200: DevisSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return editLine(
        deps,
        staff.actor,
        request.params.id,
        request.params.lineId,
        request.body,
        staffLanguageOf(staff.language),
      );
    },
  );

  app.delete(
    '/api/requests/:id/lines/:lineId',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: 'Remove a line while nothing is paid on the file',
        params: LineParams,
        querystring: z.object({ version: z.coerce.number().int().positive() }),
        response: { 200: DevisSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return removeLine(
        deps,
        staff.actor,
        request.params.id,
        request.params.lineId,
        request.query.version,
        staffLanguageOf(staff.language),
      );
    },
  );

  app.get(
    '/api/requests/:id/availability',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: 'An instructor’s days off and validated lessons between two days (ÉDITER)',
        params: IdParams,
        querystring: z.object({ instructorId: z.string().min(1).max(64), from: day, to: day }),
        response: { 200: AvailabilitySchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return getAvailability(
        deps,
        staff.actor,
        request.params.id,
        request.query,
        staffLanguageOf(staff.language),
      );
    },
  );

  app.post(
    '/api/requests/:id/custom-lesson',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: 'ÉDITER → Valider a custom lesson (an instructor conflict needs a reason, journaled)',
        params: IdParams,
        body: ValidateCustomLessonSchema,
        response: { 200: DevisSchema, ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      return validateCustomLesson(
        deps,
        staff.actor,
        request.params.id,
        request.body,
        staffLanguageOf(staff.language),
      );
    },
  );
}
