import type { Scenario } from './types.js';

/** "Envoyer un lien de paiement"; `:id` is a seeded dossier with lines and nothing sent or paid. */
export const PAYMENT_LINK_PATH = '/api/requests/:id/payment-links';

export const paymentLink: Scenario = {
  name: 'send a payment link',
  issue: 9,
  description: `POST ${PAYMENT_LINK_PATH} (the school's deposit) on dossiers "en cours" of the big school, as a secretary`,
  baseline: 'twin:payment-link',
  budget: { minRatio: 0.5, maxP99Ms: 25, maxErrors: 0 },
  isWriting: true,
  operations(ctx) {
    const headers = { cookie: ctx.staffCookie, origin: ctx.appUrl };
    return () => {
      const target = ctx.nextTarget('lineNothingSent');
      return [
        {
          method: 'POST',
          path: PAYMENT_LINK_PATH.replace(':id', encodeURIComponent(target.id)),
          headers,
          body: JSON.stringify({ version: target.version, amount: 'deposit' }),
        },
      ];
    };
  },
};
