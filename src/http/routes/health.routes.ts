import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import type { App } from '../types.js';

export function healthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
          503: z.object({
            status: z.enum(['unavailable', 'busy']),
            database: z.enum(['sqlite', 'postgres']),
          }),
        },
      },
    },
    async (_request, reply) => {
      try {
        if ((await deps.db.probe()) === 'busy') {
          // Another process holds SQLite's write lock: reads work, writes would wait.
          return reply
            .status(503)
            .header('retry-after', '2')
            .send({ status: 'busy' as const, database: deps.db.dialect });
        }
        return { status: 'ok' as const, database: deps.db.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: deps.db.dialect });
      }
    },
  );
}
