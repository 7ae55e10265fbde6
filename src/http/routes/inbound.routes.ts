import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { requireInboundSecret } from '../../app/inbound/inbound-secret.js';
import { receiveInboundEmail } from '../../app/inbound/receive-email.js';
import { ErrorBodySchema } from '../errors.js';
import type { App } from '../types.js';

export const INBOUND_SECRET_HEADER = 'x-inbound-secret';

const OutcomeSchema = z.object({
  outcome: z.enum(['threaded', 'opened', 'ignored', 'duplicate']),
  requestId: z.string().optional(),
  number: z.string().optional(),
  reason: z.string().optional(),
});

/**
 * `POST /api/inbound/email`: the raw RFC 5322 message as the body (any content type, e.g.
 * message/rfc822), posted by the school's mail relay with the shared secret header.
 */
export function inboundRoutes(app: App, deps: AppDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: deps.config.inboundEmailMaxBytes },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/inbound/email',
      {
        bodyLimit: deps.config.inboundEmailMaxBytes,
        // The secret is checked before the body is read: a stranger cannot make us parse 10 MB.
        onRequest: async (request) => {
          const secret = request.headers[INBOUND_SECRET_HEADER];
          requireInboundSecret(
            deps.config.inboundEmailSecret,
            typeof secret === 'string' ? secret : undefined,
          );
        },
        schema: {
          tags: ['mail'],
          summary: 'Receive an e-mail (raw RFC 5322) from the mail relay',
          response: {
            200: OutcomeSchema,
            201: OutcomeSchema,
            202: OutcomeSchema,
            400: ErrorBodySchema,
            401: ErrorBodySchema,
            403: ErrorBodySchema,
            409: ErrorBodySchema,
            413: ErrorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const result = await receiveInboundEmail(deps, body);
        // A duplicate is already stored: 200, so the relay stops retrying.
        const status = ({ opened: 201, threaded: 200, duplicate: 200, ignored: 202 } as const)[
          result.outcome
        ];
        return reply.status(status).send(result);
      },
    );
  });
}
