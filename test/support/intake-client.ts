import { randomBytes } from 'node:crypto';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { LightMyRequestResponse } from 'fastify';
import type { AppDeps } from '../../src/app/deps.js';
import { DEFAULT_INTAKE_TUNING, type IntakeTuning } from '../../src/config/env.js';
import type { App } from '../../src/http/types.js';
import { makeSchool } from './factories.js';
import type { TestContext } from './harness.js';

/** A real proof of work, made cheap: tests solve genuine challenges in a few milliseconds. */
export const TEST_INTAKE: IntakeTuning = {
  ...DEFAULT_INTAKE_TUNING,
  powCost: 10,
  powCounterMin: 5,
  powCounterMax: 40,
};

/** A school whose catalogue and instructors the VEL and custom forms can offer. */
export async function makeIntakeSchool(deps: AppDeps) {
  return makeSchool(deps, {
    products: [
      { kind: 'cours_collectif', name: 'Cours collectif enfants', priceCents: 21_500, isOnlineSale: true },
      { kind: 'cours_particulier', name: 'Cours particulier 1 h', priceCents: 6_200, isOnlineSale: true },
      { kind: 'extra', name: 'Assurance', priceCents: 1_900, isOnlineSale: false, isOptional: true },
    ],
    instructors: [
      { firstName: 'Léa', lastName: 'Perrière', languages: ['fr', 'en'] },
      { firstName: 'Mathis', lastName: 'Bérard', languages: ['fr', 'de'] },
    ],
  });
}

/** A fresh address and IP per test keep the per-address and per-IP limits out of the way. */
export function uniqueEmail(prefix = 'client'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.fr`;
}

export function uniqueIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export function customer(email = uniqueEmail()) {
  return { firstName: 'Héloïse', lastName: 'Février', email, phone: '+33 6 12 34 56 78' };
}

export function contactBody(overrides: Record<string, unknown> = {}) {
  return {
    form: 'contact',
    customer: customer(),
    message: 'Bonjour, vos cours commencent à quelle heure ?',
    ...overrides,
  };
}

export function velBody(overrides: Record<string, unknown> = {}) {
  return {
    form: 'vel',
    customer: customer(),
    participants: [
      { firstName: 'Léo', birthDate: '2018-03-14', level: 'beginner' },
      { firstName: 'Inès', birthDate: '2020-07-02', level: 'first_time' },
    ],
    productType: 'cours_collectif',
    practice: 'ski_alpin',
    dates: { from: '2027-02-08', to: '2027-02-13' },
    message: 'Des cours le matin pour les deux enfants.',
    ...overrides,
  };
}

export function customBody(overrides: Record<string, unknown> = {}) {
  return {
    form: 'custom',
    customer: customer(),
    participants: [{ firstName: 'Marc', birthDate: '1988-02-17', level: 'advanced' }],
    practice: 'ski_de_randonnee',
    dates: { from: '2027-01-11', to: '2027-01-13' },
    slots: ['morning', 'afternoon'],
    duration: 'half_day',
    sessions: 3,
    lessonLanguage: 'en',
    message: 'Première sortie en randonnée.',
    ...overrides,
  };
}

export async function formToken(app: App, slug: string): Promise<string> {
  const response = await app.inject({ url: `/api/public/${slug}/forms` });
  if (response.statusCode !== 200) throw new Error(`forms: ${response.statusCode} ${response.body}`);
  return response.json().formToken;
}

export async function challenge(app: App, slug: string, ip = uniqueIp()): Promise<Challenge> {
  const response = await app.inject({ url: `/api/public/${slug}/challenge`, remoteAddress: ip });
  if (response.statusCode !== 200) throw new Error(`challenge: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Solves a challenge the way the widget does, and encodes the payload it would post. */
export async function solve(c: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge: c, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return Buffer.from(JSON.stringify({ challenge: c, solution })).toString('base64');
}

export async function postIntake(
  app: App,
  slug: string,
  body: unknown,
  options: { ip?: string; headers?: Record<string, string>; query?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests${options.query ?? ''}`,
    remoteAddress: options.ip ?? uniqueIp(),
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: JSON.stringify(body),
  });
}

/**
 * What a visitor's browser does: display the form (form token), wait past the minimum fill
 * time (fake clock), solve the proof of work, post.
 */
export async function browserSubmit(
  ctx: TestContext,
  app: App,
  slug: string,
  body: Record<string, unknown>,
  options: { ip?: string; headers?: Record<string, string>; query?: string } = {},
): Promise<LightMyRequestResponse> {
  const token = await formToken(app, slug);
  const altcha = await solve(await challenge(app, slug));
  ctx.clock.advance(ctx.deps.config.intake.minFillMs + 1);
  return postIntake(app, slug, { ...body, formToken: token, altcha }, options);
}

/** Row counts of one school, to prove that a refused submission wrote nothing. */
export async function footprint(deps: AppDeps, schoolId: string) {
  const db = deps.db.kysely;
  const count = async (table: 'customers' | 'requests' | 'messages' | 'lines' | 'notifications' | 'outbox') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('school_id', '=', schoolId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const activity = Number(
    (
      await db
        .selectFrom('activity')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('school_id', '=', schoolId)
        .where('action', '=', 'request.created')
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    customers: await count('customers'),
    requests: await count('requests'),
    messages: await count('messages'),
    lines: await count('lines'),
    notifications: await count('notifications'),
    outbox: await count('outbox'),
    activity,
  };
}
