import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { changeDepositRule } from '../../app/payments/deposit-rule.js';
import { addManualPayment } from '../../app/payments/manual-payment.js';
import { setOnlinePaymentAllowed } from '../../app/payments/online-payment-toggle.js';
import { getPaymentsView } from '../../app/payments/payments-view.js';
import { resolvePaymentAnomaly } from '../../app/payments/resolve-anomaly.js';
import {
  DepositRuleBodySchema,
  ManualPaymentSchema,
  OnlinePaymentBodySchema,
  PaymentsViewSchema,
  ResolveAnomalySchema,
} from '../../shared/contracts/payments.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const errors = STAFF_ERRORS;
const IdParams = z.object({ id: z.string().max(64) });
const AnomalyParams = z.object({ id: z.string().max(64), anomalyId: z.string().max(64) });

/** The "Paiement" onglet, staff side: the view, "Ajouter un paiement manuel", the toggle, the deposit rule, anomalies. */
export function paymentsRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/requests/:id/payments',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['payments'],
        summary: 'The Paiement onglet: payments and refunds, paid and remaining, schedule, anomalies',
        params: IdParams,
        response: { 200: PaymentsViewSchema, ...errors },
      },
    },
    async (request) => getPaymentsView(deps, staffOf(request).actor, request.params.id),
  );

  app.post(
    '/api/requests/:id/payments',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['payments'],
        summary:
          '"Ajouter un paiement manuel": cash, cheque, transfer, chèques-vacances, ANCV Connect, card at the desk',
        params: IdParams,
        body: ManualPaymentSchema,
        response: { 201: PaymentsViewSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addManualPayment(deps, staffOf(request).actor, request.params.id, request.body)),
  );

  app.put(
    '/api/requests/:id/online-payment',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['payments'],
        summary: '"Autoriser le paiement en ligne" (offered once a quote or payment link was sent)',
        params: IdParams,
        body: OnlinePaymentBodySchema,
        response: { 200: PaymentsViewSchema, ...errors },
      },
    },
    async (request) => setOnlinePaymentAllowed(deps, staffOf(request).actor, request.params.id, request.body),
  );

  app.put(
    '/api/requests/:id/deposit-rule',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['payments'],
        summary:
          'The file’s own deposit rule (percentage or fixed amount, balance due N days before), or null for the school’s',
        params: IdParams,
        body: DepositRuleBodySchema,
        response: { 200: PaymentsViewSchema, ...errors },
      },
    },
    async (request) => changeDepositRule(deps, staffOf(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/requests/:id/payment-anomalies/:anomalyId/resolve',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['payments'],
        summary: '"Résoudre" a payment anomaly with a note',
        params: AnomalyParams,
        body: ResolveAnomalySchema,
        response: { 200: PaymentsViewSchema, ...errors },
      },
    },
    async (request) =>
      resolvePaymentAnomaly(
        deps,
        staffOf(request).actor,
        request.params.id,
        request.params.anomalyId,
        request.body,
      ),
  );
}
