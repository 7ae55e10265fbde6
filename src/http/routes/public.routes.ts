import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { intakeMessages, pickLanguage } from '../../app/intake/intake.i18n.js';
import { IntakeRequestDocSchema } from '../../app/intake/intake.schemas.js';
import { requireIntakeSchool } from '../../app/intake/intake-school.js';
import { rateLimited } from '../../app/intake/spam-gate.js';
import { issueChallenge, issueFormToken } from '../../app/intake/spam-guard.js';
import { submitPublicIntake } from '../../app/intake/submit-intake.js';
import { AppError } from '../../domain/errors.js';
import { ErrorBodySchema } from '../errors.js';
import type { App } from '../types.js';

const SchoolParams = z.object({ school: z.string().min(1).max(100) });
const LangQuery = z.object({ lang: z.string().max(10).optional() });
const IntakeKeyHeaders = z.object({
  'x-intake-key': z
    .string()
    .max(200)
    .optional()
    .describe('Per-school intake key: a school’s web server posting for its visitors (no proof of work).'),
});

export const IntakeCreatedSchema = z.object({ number: z.string() });

const ChallengeSchema = z.object({
  parameters: z.record(z.string(), z.unknown()),
  signature: z.string().optional(),
});

/** Reads the raw part of a request: this route parses its body itself, in the visitor's language. */
const passThrough = () => (data: unknown) => ({ value: data });

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? '') : value;
}

/** The public intake API: the three forms as JSON, and what a browser needs to post them. */
export function publicRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/public/:school/requests',
    {
      // Field errors must speak the visitor's language: the use case parses the body itself.
      validatorCompiler: passThrough,
      schema: {
        tags: ['public'],
        summary: 'Submit a public form (vel, contact or custom)',
        description:
          'Opens a request (vel, contact) or a custom-lesson dossier (custom) in the school. Browsers send `formToken` (from GET …/forms) and `altcha` (the solved proof of work); a school’s server sends `x-intake-key` instead. Errors come in the visitor’s language (`language`, `?lang=`, Accept-Language). The answer is the file number, whatever the e-mail.',
        params: SchoolParams,
        querystring: LangQuery,
        headers: IntakeKeyHeaders,
        body: IntakeRequestDocSchema,
        response: {
          201: IntakeCreatedSchema,
          400: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const params = SchoolParams.safeParse(request.params);
      const body = request.body as unknown;
      const query = request.query as { lang?: unknown } | undefined;
      const language = pickLanguage(
        query?.lang ?? (body as { language?: unknown } | null)?.language,
        request.headers['accept-language'],
      );
      if (!params.success) throw new AppError('NOT_FOUND', intakeMessages(language).schoolNotFound);
      const result = await submitPublicIntake(deps, {
        slug: params.data.school,
        body,
        ip: request.ip,
        intakeKey: headerValue(request.headers['x-intake-key']),
        language,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/public/:school/challenge',
    {
      schema: {
        tags: ['public'],
        summary: 'A fresh ALTCHA proof-of-work challenge (usable once)',
        params: SchoolParams,
        response: { 200: ChallengeSchema, 404: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const language = pickLanguage(undefined, request.headers['accept-language']);
      const school = await requireIntakeSchool(deps, request.params.school, language);
      const nowMs = deps.clock.now().getTime();
      const limit = deps.intake.limits.challengePerIp;
      const wait = await limit.hit(deps.db.kysely, `${school.id}|${request.ip}`, nowMs);
      if (wait > 0) throw rateLimited(intakeMessages(language), wait);
      const challenge = await issueChallenge(deps.intake.secrets, deps.config.intake, nowMs);
      void reply.header('cache-control', 'no-store');
      return {
        parameters: Object.fromEntries(Object.entries(challenge.parameters)),
        signature: challenge.signature,
      };
    },
  );

  app.get(
    '/api/public/:school/forms',
    {
      schema: {
        tags: ['public'],
        summary: 'Which forms are open, and a form token to submit them with',
        params: SchoolParams,
        response: {
          200: z.object({
            school: z.object({ name: z.string() }),
            forms: z.object({ vel: z.boolean(), contact: z.boolean(), custom: z.boolean() }),
            formToken: z.string(),
          }),
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const language = pickLanguage(undefined, request.headers['accept-language']);
      const school = await requireIntakeSchool(deps, request.params.school, language);
      void reply.header('cache-control', 'no-store');
      return {
        school: { name: school.name },
        forms: {
          vel: school.settings.vel.isEnabled,
          contact: school.settings.contact.isEnabled,
          custom: school.settings.custom.isEnabled,
        },
        formToken: issueFormToken(deps.intake.secrets, school.id, deps.clock.now().getTime()),
      };
    },
  );
}
