import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { type Language, pickLanguage } from '../../app/intake/intake.i18n.js';
import {
  findIntakeSchool,
  type IntakeSchool,
  isFormEnabled,
  offeredInstructors,
  offeredProductKinds,
} from '../../app/intake/intake-school.js';
import { checkFormToken, issueFormToken } from '../../app/intake/spam-guard.js';
import { submitPublicIntake } from '../../app/intake/submit-intake.js';
import { isAppError } from '../../domain/errors.js';
import { dayIn } from '../../domain/time-zone.js';
import { INTAKE_FORMS, type IntakeForm } from '../../shared/vocabulary.js';
import type { App } from '../types.js';
import { nestFields } from './form-fields.js';
import {
  FORM_PAGES,
  type FormView,
  type PageContext,
  renderFormPage,
  renderNoticePage,
  renderThanksPage,
} from './form-render.js';
import { ALTCHA_LANGUAGE_FILES, formLabels } from './forms.i18n.js';

const STATIC_DIR = resolve(import.meta.dirname, 'static');
const ALTCHA_DIST = dirname(dirname(createRequire(import.meta.url).resolve('altcha/external')));

/** The only files served under /f/assets: ours, and the altcha widget's browser build. */
const ASSET_FILES: Record<string, { file: string; type: string; maxAge: number }> = {
  'forms.css': { file: join(STATIC_DIR, 'forms.css'), type: 'text/css; charset=utf-8', maxAge: 300 },
  'forms.js': { file: join(STATIC_DIR, 'forms.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
  'altcha/altcha.js': {
    file: join(ALTCHA_DIST, 'external', 'altcha.min.js'),
    type: 'text/javascript; charset=utf-8',
    maxAge: 86_400,
  },
  'altcha/altcha.css': {
    file: join(ALTCHA_DIST, 'external', 'altcha.css'),
    type: 'text/css; charset=utf-8',
    maxAge: 86_400,
  },
  'altcha/pbkdf2.js': {
    file: join(ALTCHA_DIST, 'workers', 'pbkdf2.js'),
    type: 'text/javascript; charset=utf-8',
    maxAge: 86_400,
  },
  ...Object.fromEntries(
    ALTCHA_LANGUAGE_FILES.map((lang) => [
      `altcha/i18n/${lang}.js`,
      {
        file: join(ALTCHA_DIST, 'i18n', `${lang}.js`),
        type: 'text/javascript; charset=utf-8',
        maxAge: 86_400,
      },
    ]),
  ),
};

const assetCache = new Map<string, Buffer>();

/**
 * Pages are embeddable by the school's own sites only: `frame-ancestors` lists them (the
 * settings validated them as bare origins), and X-Frame-Options, which cannot, is left out.
 */
function pageHeaders(reply: FastifyReply, school: IntakeSchool | null): void {
  const ancestors = ["'self'", ...(school?.settings.embedOrigins ?? [])].join(' ');
  void reply
    .header(
      'content-security-policy',
      [
        "default-src 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        "script-src 'self'",
        "script-src-attr 'none'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "form-action 'self'",
        `frame-ancestors ${ancestors}`,
      ].join('; '),
    )
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8');
}

function context(school: IntakeSchool, language: Language): PageContext {
  return {
    school: { slug: school.slug, name: school.name },
    language,
    enabledForms: INTAKE_FORMS.filter((f) => isFormEnabled(school, f)),
  };
}

function languageOf(request: FastifyRequest): Language {
  const query = request.query as { lang?: unknown } | undefined;
  return pickLanguage(query?.lang, request.headers['accept-language']);
}

function slugOf(request: FastifyRequest): string {
  return String((request.params as { school?: unknown }).school ?? '');
}

async function formView(
  deps: AppDeps,
  school: IntakeSchool,
  form: IntakeForm,
  language: Language,
  state: Pick<FormView, 'values' | 'errors' | 'alert' | 'formToken'>,
): Promise<FormView> {
  const db = deps.db.kysely;
  const [productKinds, instructors] = await Promise.all([
    form === 'vel' ? offeredProductKinds(db, school.id) : Promise.resolve([]),
    form === 'custom' ? offeredInstructors(db, school) : Promise.resolve([]),
  ]);
  return {
    ...context(school, language),
    ...state,
    form,
    today: dayIn(deps.clock.now(), school.timeZone),
    choices: {
      productKinds,
      practices: form === 'custom' ? school.settings.custom.practices : school.settings.vel.practices,
      durations: school.settings.custom.durations,
      instructors,
    },
  };
}

/** The school of the page, or the page that says why there is no form here. */
async function openSchool(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  form: IntakeForm,
): Promise<IntakeSchool | null> {
  const language = languageOf(request);
  const school = await findIntakeSchool(deps.db.kysely, slugOf(request));
  const t = formLabels(language);
  if (!school) {
    pageHeaders(reply, null);
    const ctx: PageContext = {
      school: { slug: slugOf(request), name: 'Schuss' },
      language,
      enabledForms: [],
    };
    void reply.status(404).send(renderNoticePage(ctx, t.notFound));
    return null;
  }
  pageHeaders(reply, school);
  if (!isFormEnabled(school, form)) {
    void reply.status(404).send(renderNoticePage(context(school, language), t.closed));
    return null;
  }
  return school;
}

/**
 * The three public forms as server-rendered pages (`/f/:school/vel|contact|sur-mesure`). They
 * post to the same use case as the JSON API; errors come back beside the fields, values kept.
 */
export async function formPagesRoutes(app: App, deps: AppDeps): Promise<void> {
  await app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
    // The page sets its own CSP (frame-ancestors from the school's settings).
    const helmet = { contentSecurityPolicy: false, frameguard: false } as const;

    for (const form of INTAKE_FORMS) {
      const page = FORM_PAGES[form];

      scope.get(`/f/:school/${page}`, { helmet, schema: { hide: true } }, async (request, reply) => {
        const school = await openSchool(deps, request, reply, form);
        if (!school) return reply;
        const view = await formView(deps, school, form, languageOf(request), {
          values: {},
          errors: {},
          alert: null,
          formToken: issueFormToken(deps.intake.secrets, school.id, deps.clock.now().getTime()),
        });
        return reply.send(renderFormPage(view));
      });

      scope.post(`/f/:school/${page}`, { helmet, schema: { hide: true } }, async (request, reply) => {
        const school = await openSchool(deps, request, reply, form);
        if (!school) return reply;
        const language = languageOf(request);
        const values: Record<string, unknown> = {
          ...nestFields((request.body ?? {}) as Record<string, unknown>),
          form,
        };
        try {
          const { number } = await submitPublicIntake(deps, {
            slug: school.slug,
            body: values,
            ip: request.ip,
            intakeKey: null,
            language,
          });
          const thanks = `/f/${encodeURIComponent(school.slug)}/${page}/merci?n=${encodeURIComponent(number)}&lang=${language}`;
          return reply.header('cache-control', 'no-store').redirect(thanks, 303);
        } catch (error) {
          if (!isAppError(error) || (error.code !== 'VALIDATION' && error.code !== 'RATE_LIMITED'))
            throw error;
          const nowMs = deps.clock.now().getTime();
          const posted = typeof values.formToken === 'string' ? values.formToken : undefined;
          const check = checkFormToken(deps.intake.secrets, deps.config.intake, school.id, posted, nowMs);
          // Keep the original display time so the fill time keeps counting; a bad token is replaced.
          const formToken =
            posted && (check === 'ok' || check === 'too_fast')
              ? posted
              : issueFormToken(deps.intake.secrets, school.id, nowMs);
          const view = await formView(deps, school, form, language, {
            values,
            errors: error.fields ?? {},
            alert: error.message,
            formToken,
          });
          if (error.retryAfterSeconds) void reply.header('retry-after', String(error.retryAfterSeconds));
          return reply.status(error.code === 'RATE_LIMITED' ? 429 : 400).send(renderFormPage(view));
        }
      });

      scope.get(`/f/:school/${page}/merci`, { helmet, schema: { hide: true } }, async (request, reply) => {
        const school = await openSchool(deps, request, reply, form);
        if (!school) return reply;
        const number = String((request.query as { n?: unknown }).n ?? '');
        if (!/^\d{4}-\d{5,9}$/.test(number))
          return reply.redirect(`/f/${encodeURIComponent(school.slug)}/${page}`, 303);
        return reply.send(renderThanksPage(context(school, languageOf(request)), form, number));
      });
    }
  });

  app.get('/f/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    const asset = Object.hasOwn(ASSET_FILES, name) ? ASSET_FILES[name] : undefined;
    if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    let body = assetCache.get(name);
    if (!body) {
      body = await readFile(asset.file);
      assetCache.set(name, body);
    }
    return reply
      .type(asset.type)
      .header('cache-control', `public, max-age=${asset.maxAge}`)
      .header('cross-origin-resource-policy', 'same-origin')
      .send(body);
  });
}
