import { z } from 'zod';
import { AUTH_MESSAGES } from '../../app/auth/auth.messages.js';
import { MeSchema } from '../../app/auth/auth.schemas.js';
import { login } from '../../app/auth/login.js';
import { logout } from '../../app/auth/session.js';
import type { AppDeps } from '../../app/deps.js';
import { setOwnLanguage } from '../../app/staff/manage-staff.js';
import { staffError } from '../../domain/schema-texts.js';
import { ErrorBodySchema } from '../errors.js';
import { SESSION_COOKIE, staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

/** Tells the login that this browser has signed in to an account before (see app/auth/login.ts). */
export const DEVICE_COOKIE = 'schuss_device';
const DEVICE_MAX_AGE_S = 180 * 86_400;

export function authRoutes(app: App, deps: AppDeps): void {
  const secure = deps.config.publicUrl.startsWith('https://');
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff login: sets the session cookie',
        body: z.object({
          email: z.string().trim().min(1, staffError(AUTH_MESSAGES.emailRequired)).max(254),
          password: z.string().min(1, staffError(AUTH_MESSAGES.passwordRequired)).max(200),
        }),
        response: { 200: MeSchema, 401: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { token, deviceCookie } = await login(deps, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        previousToken: request.cookies[SESSION_COOKIE] ?? null,
        deviceCookie: request.cookies[DEVICE_COOKIE] ?? null,
      });
      void reply.setCookie(DEVICE_COOKIE, deviceCookie, {
        ...cookieOptions,
        path: '/api/auth/login',
        maxAge: DEVICE_MAX_AGE_S,
      });
      void reply.setCookie(SESSION_COOKIE, token, {
        ...cookieOptions,
        maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
      });
      request.cookies[SESSION_COOKIE] = token;
      await app.requireStaff(request, reply);
      return toMe(staffOf(request));
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Ends the session', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(deps, token);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in staff member',
        response: { 200: MeSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => toMe(staffOf(request)),
  );

  registerMeLanguage(app, deps);
}

function registerMeLanguage(app: App, deps: AppDeps): void {
  app.patch(
    '/api/auth/me',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['auth'],
        summary: 'Choose the language of my screens',
        body: z.object({ language: z.enum(['fr', 'en']) }),
        response: { 204: z.null(), 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await setOwnLanguage(deps, staffOf(request).actor, request.body.language);
      return reply.status(204).send(null);
    },
  );
}

function toMe(session: ReturnType<typeof staffOf>) {
  return {
    user: {
      id: session.actor.userId,
      email: session.email,
      name: session.actor.name,
      role: session.actor.role,
      language: session.language,
    },
    school: session.school,
  };
}
