import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { refundPayment } from '../../app/payments/refund-payment.js';
import { PaymentsViewSchema, RefundSchema } from '../../shared/contracts/payments.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const Params = z.object({ id: z.string().max(64), paymentId: z.string().max(64) });

/**
 * "Rembourser" (`POST /api/requests/:id/payments/:paymentId/refunds`): it answers the "Paiement"
 * onglet as it stands once the refund is recorded (PaymentsViewSchema), like the onglet's other writes.
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
        response: { 201: PaymentsViewSchema, ...STAFF_ERRORS, 502: STAFF_ERRORS[400] },
      },
    },
    async (request, reply) => {
      const { view } = await refundPayment(
        deps,
        staffOf(request).actor,
        request.params.id,
        request.params.paymentId,
        request.body,
      );
      return reply.status(201).send(view);
    },
  );
}
