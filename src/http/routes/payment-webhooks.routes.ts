import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { receivePaymentWebhook } from '../../app/payments/apply-payment-event.js';
import { AppError } from '../../domain/errors.js';
import { countWebhook } from '../metrics.js';

const Params = z.object({ provider: z.string().max(32) });

/**
 * Provider webhooks (`POST /api/webhooks/payments/:provider`): the body is kept raw — the
 * signature is over its exact bytes — by a content-type parser of this route's scope only. A
 * refused signature is a 400 that says why; anything signed is answered 200 (applied, ignored,
 * anomaly or duplicate), so the provider stops retrying. Each delivery is counted by what became
 * of it (`schuss_webhook_events_total{outcome}`): a refused one is `rejected`, a crash `failed`.
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
      let outcome: Awaited<ReturnType<typeof receivePaymentWebhook>>['outcome'];
      try {
        ({ outcome } = await receivePaymentWebhook(deps, provider, raw, request.headers));
      } catch (error) {
        const isRefused =
          error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'NOT_FOUND');
        countWebhook(isRefused ? 'rejected' : 'failed');
        throw error;
      }
      countWebhook(outcome);
      return reply.status(200).send({ received: true, outcome });
    });
  });
}
