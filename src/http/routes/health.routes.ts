import { sql } from 'kysely';
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
          503: z.object({ status: z.literal('unavailable'), database: z.enum(['sqlite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(deps.db.kysely);
        return { status: 'ok' as const, database: deps.db.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: deps.db.dialect });
      }
    },
  );
}
