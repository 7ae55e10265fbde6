import { resolveSession } from '../../app/auth/session.js';
import type { AppDeps } from '../../app/deps.js';
import { type LiveEvent, SESSIONS_ENDED } from '../../app/events.js';
import { AppError } from '../../domain/errors.js';
import { HTTP_MESSAGES } from '../http.messages.js';
import { countLiveConnection } from '../metrics.js';
import { SESSION_COOKIE, staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const KEEPALIVE_MS = 25_000;

/** Open streams of this process, per session and per user, for the caps. */
function streamCounter() {
  const counts = new Map<string, number>();
  return {
    count: (key: string) => counts.get(key) ?? 0,
    add(key: string, delta: number) {
      const next = (counts.get(key) ?? 0) + delta;
      if (next <= 0) counts.delete(key);
      else counts.set(key, next);
    },
  };
}

/**
 * Server-Sent Events for staff screens: the signed-in staff member's school's events only;
 * notifications addressed to one colleague go to that colleague only. A stream lives only as long
 * as its session: it closes on logout, when the account is disabled, demoted or its password
 * changed (on every process, through the event bus), and when a periodic re-check finds the
 * session gone or expired.
 */
export function eventsRoutes(app: App, deps: AppDeps): void {
  const perSession = streamCounter();
  const perUser = streamCounter();
  const tuning = deps.config.live;

  app.get(
    '/api/events',
    { preHandler: app.requireStaff, schema: { tags: ['live'], summary: 'Live events (text/event-stream)' } },
    (request, reply) => {
      const { actor, sessionId } = staffOf(request);
      const token = request.cookies[SESSION_COOKIE] ?? '';
      if (
        perSession.count(sessionId) >= tuning.maxStreamsPerSession ||
        perUser.count(actor.userId) >= tuning.maxStreamsPerUser
      ) {
        throw new AppError('RATE_LIMITED', HTTP_MESSAGES.tooManyWindows);
      }
      perSession.add(sessionId, 1);
      perUser.add(actor.userId, 1);
      countLiveConnection(1);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);

      let isClosed = false;
      const close = () => {
        if (isClosed) return;
        isClosed = true;
        clearInterval(keepAlive);
        clearInterval(recheck);
        unsubscribe();
        perSession.add(sessionId, -1);
        perUser.add(actor.userId, -1);
        countLiveConnection(-1);
        raw.end();
      };
      const send = (event: LiveEvent) => {
        if (event.type === SESSIONS_ENDED) {
          if (event.userId === actor.userId || event.data?.sessionId === sessionId) close();
          return;
        }
        if (event.type === 'notification' && event.userId && event.userId !== actor.userId) return;
        if (event.type === 'presence' && event.userId === actor.userId) return;
        const { schoolId: _school, ...visible } = event;
        raw.write(`event: ${event.type}\ndata: ${JSON.stringify(visible)}\n\n`);
      };
      const unsubscribe = deps.events.subscribe(actor.schoolId, send);
      const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEPALIVE_MS);
      keepAlive.unref();
      // Expiry (idle or absolute) and anything the bus may have missed end the stream too.
      const recheck = setInterval(() => {
        resolveSession(deps, token, { isActivity: false }).then(
          (session) => {
            if (!session || session.actor.userId !== actor.userId) close();
          },
          () => {},
        );
      }, tuning.sessionRecheckMs);
      recheck.unref();
      request.raw.on('close', close);
      raw.on('error', close);
    },
  );
}
