import type { AppDeps } from '../../app/deps.js';
import type { LiveEvent } from '../../app/events.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const KEEPALIVE_MS = 25_000;

/**
 * Server-Sent Events for staff screens: the signed-in staff member's school's events only;
 * notifications addressed to one colleague go to that colleague only.
 */
export function eventsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/events',
    { preHandler: app.requireStaff, schema: { tags: ['live'], summary: 'Live events (text/event-stream)' } },
    (request, reply) => {
      const { actor } = staffOf(request);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
      const send = (event: LiveEvent) => {
        if (event.type === 'notification' && event.userId && event.userId !== actor.userId) return;
        if (event.type === 'presence' && event.userId === actor.userId) return;
        const { schoolId: _school, ...visible } = event;
        raw.write(`event: ${event.type}\ndata: ${JSON.stringify(visible)}\n\n`);
      };
      const unsubscribe = deps.events.subscribe(actor.schoolId, send);
      const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEPALIVE_MS);
      keepAlive.unref();
      const close = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.raw.on('close', close);
      raw.on('error', close);
    },
  );
}
