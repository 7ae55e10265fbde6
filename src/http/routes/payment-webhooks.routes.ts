import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { receivePaymentWebhook } from '../../app/payments/apply-payment-event.js';

const Params = z.object({ provider: z.string().max(32) });

/**
 * Provider webhooks (`POST /api/webhooks/payments/:provider`): the body is kept raw — the
 * signature is over its exact bytes — by a content-type parser of this route's scope only. A
 * refused signature is a 400 that says why; anything signed is answered 200 (applied, ignored,
 * anomaly or duplicate), so the provider stops retrying.
 */
export async function paymentWebhooksRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
    scope.post('/api/webhooks/payments/:provider', { schema: { hide: true } }, async (request, reply) => {
      const { provider } = Params.parse(request.params);
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { outcome } = await receivePaymentWebhook(deps, provider, raw, request.headers);
      return reply.status(200).send({ received: true, outcome });
    });
  });
}
