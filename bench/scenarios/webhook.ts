import { randomBytes } from 'node:crypto';
import {
  SANDBOX_SIGNATURE_HEADER,
  SandboxProvider,
} from '../../src/integrations/payments/sandbox.provider.js';
import type { Scenario } from './types.js';

/** Where the sandbox delivers its signed events (src/app/payments/sandbox-checkout.ts). */
export const WEBHOOK_PATH = '/api/webhooks/payments/sandbox';

/**
 * The payer chose "paiement accepté" on the sandbox's page: one correctly signed
 * `payment.succeeded` event (a fresh event id) for a seeded open checkout, for its amount — the
 * deposit, so the file moves from "En attente de paiement" to "Acompte versé" (issue 10).
 */
export const webhook: Scenario = {
  name: 'webhook: payment succeeded',
  issue: 10,
  description: `POST ${WEBHOOK_PATH} (a signed sandbox payment.succeeded for the deposit of an open checkout) on files "en attente de paiement" of the big school`,
  baseline: 'twin:webhook',
  budget: { minRatio: 0.5, maxP99Ms: 25, maxErrors: 0 },
  isWriting: true,
  operations(ctx) {
    const { bigSchool } = ctx.dataset;
    if (!bigSchool.sandboxSecret || !ctx.dataset.writeTargets.openAttempt?.length) {
      // A dataset seeded before this scenario: its unsigned request is refused (a FAIL row, not a crash).
      ctx.note('this dataset has no open checkouts nor sandbox key: seed it again (without --reuse)');
      return [
        { method: 'POST', path: WEBHOOK_PATH, headers: { 'content-type': 'application/json' }, body: '{}' },
      ];
    }
    // The app's own sandbox, with the key it derives: the same signature and payment id it gives.
    const sandbox = new SandboxProvider({
      secret: bigSchool.sandboxSecret,
      publicUrl: ctx.appUrl,
      now: () => new Date(),
    });
    let n = 0;
    return () => {
      const target = ctx.nextTarget('openAttempt');
      const attempt = target.attempt!;
      const now = new Date();
      const body = JSON.stringify({
        id: `evt_sbx_${ctx.runTag}${(n++).toString(36)}${randomBytes(6).toString('hex')}`,
        type: 'payment.succeeded',
        created: now.toISOString(),
        data: {
          sessionId: attempt.providerSessionId,
          paymentRef: sandbox.paymentRefOf(attempt.providerSessionId, attempt.amountCents),
          refundRef: null,
          amountCents: attempt.amountCents,
          currency: 'eur',
          metadata: { schoolId: bigSchool.id, requestId: target.id, attemptId: attempt.id },
        },
      });
      return [
        {
          method: 'POST',
          path: WEBHOOK_PATH,
          headers: {
            'content-type': 'application/json',
            [SANDBOX_SIGNATURE_HEADER]: sandbox.signatureHeader(body, now),
          },
          body,
        },
      ];
    };
  },
};
