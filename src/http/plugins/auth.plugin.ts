import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { StaffSession } from '../../app/auth/session.js';
import { resolveSession } from '../../app/auth/session.js';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../domain/errors.js';
import { HTTP_MESSAGES } from '../http.messages.js';

export const SESSION_COOKIE = 'schuss_session';

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffSession | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless a staff member is signed in. */
    requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

/** Resolves the session cookie lazily, for the routes that ask for it. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { deps: AppDeps }) => {
  app.decorateRequest('staff', null);
  app.decorate('requireStaff', async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(opts.deps, token) : null;
    if (!session) throw new AppError('UNAUTHENTICATED', HTTP_MESSAGES.sessionExpired);
    request.staff = session;
  });
});

/** The signed-in staff member of a route guarded by `requireStaff`. */
export function staffOf(request: FastifyRequest): StaffSession {
  if (!request.staff) throw new AppError('UNAUTHENTICATED', HTTP_MESSAGES.sessionExpired);
  return request.staff;
}
