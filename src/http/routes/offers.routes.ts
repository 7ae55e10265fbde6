import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { extendOffer, reissuePrivateLink } from '../../app/offers/extend-offer.js';
import { offerPdf } from '../../app/offers/offer-pdf.js';
import { sendPaymentLink, sendQuote } from '../../app/offers/send-offer.js';
import { staffLanguageOf } from '../../domain/errors.js';
import {
  DevisSchema,
  ExtendOfferSchema,
  SendPaymentLinkSchema,
  SendQuoteSchema,
} from '../../shared/contracts/sales.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';

/** The staff member's language: the Devis answer renders generated labels in it. */
function readerOf(request: FastifyRequest) {
  return staffLanguageOf(staffOf(request).language);
}

import type { App } from '../types.js';

const errors = STAFF_ERRORS;
const IdParams = z.object({ id: z.string().max(64) });
const OfferParams = z.object({ id: z.string().max(64), offerId: z.string().max(64) });

/** "Envoyer un devis", "Envoyer un lien de paiement", "Prolonger", the quote PDF and the private link. */
export function offersRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/requests/:id/quotes',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary:
          '"Envoyer un devis": a numbered quote of the lines, e-mailed with the private link and its PDF',
        params: IdParams,
        body: SendQuoteSchema,
        response: { 201: DevisSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await sendQuote(deps, staffOf(request).actor, request.params.id, request.body, readerOf(request)),
        ),
  );

  app.post(
    '/api/requests/:id/payment-links',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: '"Envoyer un lien de paiement": the balance, the school’s deposit or a typed amount',
        params: IdParams,
        body: SendPaymentLinkSchema,
        response: { 201: DevisSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await sendPaymentLink(
            deps,
            staffOf(request).actor,
            request.params.id,
            request.body,
            readerOf(request),
          ),
        ),
  );

  app.post(
    '/api/requests/:id/offers/:offerId/extend',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: 'A new last valid day for a quote or payment link (not in the past)',
        params: OfferParams,
        body: ExtendOfferSchema,
        response: { 200: DevisSchema, ...errors },
      },
    },
    async (request) =>
      extendOffer(
        deps,
        staffOf(request).actor,
        request.params.id,
        request.params.offerId,
        request.body,
        readerOf(request),
      ),
  );

  app.get(
    '/api/requests/:id/offers/:offerId/pdf',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: 'The quote (or payment link) as sent, as a PDF',
        params: OfferParams,
      },
    },
    async (request, reply) => {
      const { filename, pdf } = await offerPdf(
        deps,
        staffOf(request).actor,
        request.params.id,
        request.params.offerId,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .send(pdf);
    },
  );

  app.post(
    '/api/requests/:id/private-link',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['devis'],
        summary: 'Revoke the customer’s private link and issue a new one (the old link opens nothing)',
        params: IdParams,
        body: z.object({ version: z.number().int().positive() }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => reissuePrivateLink(deps, staffOf(request).actor, request.params.id, request.body),
  );
}
