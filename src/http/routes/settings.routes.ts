import type { AppDeps } from '../../app/deps.js';
import {
  FormSettingsViewSchema,
  getFormSettings,
  IntakeKeySchema,
  rotateIntakeKey,
  updateFormSettings,
} from '../../app/settings/form-settings.js';
import { FormSettingsSchema } from '../../app/settings/form-settings.schemas.js';
import { ErrorBodySchema } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
};

/** Paramètres → Formulaires (admin). */
export function settingsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/settings/forms',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'The public forms’ settings, with the choices they can offer (admin)',
        response: { 200: FormSettingsViewSchema, ...errors },
      },
    },
    async (request) => getFormSettings(deps, staffOf(request).actor),
  );

  app.put(
    '/api/settings/forms',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'Save the public forms’ settings (admin)',
        body: FormSettingsSchema,
        response: { 200: FormSettingsViewSchema, ...errors },
      },
    },
    async (request) => updateFormSettings(deps, staffOf(request).actor, request.body),
  );

  app.post(
    '/api/settings/intake-key',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['settings'],
        summary: 'Create a new intake key for server-to-server posting; shown once (admin)',
        response: { 201: IntakeKeySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await rotateIntakeKey(deps, staffOf(request).actor)),
  );
}
