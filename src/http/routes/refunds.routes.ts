import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { refundPayment } from '../../app/payments/refund-payment.js';
import { RefundSchema } from '../../shared/contracts/payments.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const Params = z.object({ id: z.string().max(64), paymentId: z.string().max(64) });

/**
 * "Rembourser" (`POST /api/requests/:id/payments/:paymentId/refunds`). It answers the new refund's
 * id until the "Paiement" onglet's PaymentsViewSchema lands (the lead wires it at merge).
 */
export function refundsRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/requests/:id/payments/:paymentId/refunds',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['paiement'],
        summary:
          '"Rembourser": a full or partial refund of a payment, never more than what remains refundable',
        params: Params,
        body: RefundSchema,
        response: { 201: z.object({ refundId: z.string() }), ...STAFF_ERRORS, 502: STAFF_ERRORS[400] },
      },
    },
    async (request, reply) => {
      const { refundId } = await refundPayment(
        deps,
        staffOf(request).actor,
        request.params.id,
        request.params.paymentId,
        request.body,
      );
      return reply.status(201).send({ refundId });
    },
  );
}
