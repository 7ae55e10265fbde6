import { findAttemptBySession, findCheckoutFileById, type OutboxRow } from '../../db/repositories/index.js';
import type { PaymentAttemptState } from '../../db/schema.js';
import type { Cents } from '../../domain/money.js';
import { SandboxProvider } from '../../integrations/payments/sandbox.provider.js';
import type { AppDeps } from '../deps.js';
import { newSecretToken } from '../ids.js';
import type { OutboxHandler } from '../outbox.js';
import { privateLinkOf } from '../portal/private-link.js';
import { enqueue, transact } from '../tx.js';

/** Outbox rows of this kind are the sandbox's webhook deliveries (signed when sent). */
export const SANDBOX_WEBHOOK_KIND = 'sandbox_webhook';

export const SANDBOX_WEBHOOK_PATH = '/api/webhooks/payments/sandbox';

/** What the payer may choose on the sandbox's page. */
export const SANDBOX_CHOICES = ['accepted', 'refused', 'pending', 'accept_pending'] as const;
export type SandboxChoice = (typeof SANDBOX_CHOICES)[number];

const EVENT_OF: Record<SandboxChoice, string> = {
  accepted: 'payment.succeeded',
  refused: 'payment.failed',
  pending: 'payment.pending',
  accept_pending: 'payment.succeeded',
};

export interface SandboxSession {
  sessionId: string;
  attemptId: string;
  state: PaymentAttemptState;
  amountCents: Cents;
  purpose: string;
  schoolName: string;
  fileNumber: string;
  language: string;
  /** The customer's page to go back to (their private link, with the attempt). */
  returnUrl: string;
}

function sandboxOf(deps: AppDeps): SandboxProvider {
  const sandbox = deps.payments.get('sandbox');
  if (!(sandbox instanceof SandboxProvider)) throw new Error('The sandbox provider is not wired');
  return sandbox;
}

/** The sandbox's hosted checkout page: which attempt a session pays, or null for an unknown one. */
export async function findSandboxSession(deps: AppDeps, sessionId: string): Promise<SandboxSession | null> {
  if (!/^sbx_cs_[0-9a-f]{32}$/.test(sessionId)) return null;
  return transact(deps, async (tx) => {
    const attempt = await findAttemptBySession(tx.trx, 'sandbox', sessionId);
    if (!attempt) return null;
    const file = await findCheckoutFileById(tx.trx, attempt.schoolId, attempt.requestId);
    if (!file) return null;
    const link = await privateLinkOf(deps, tx, { schoolId: attempt.schoolId, id: attempt.requestId });
    return {
      sessionId,
      attemptId: attempt.id,
      state: attempt.state,
      amountCents: attempt.amountCents,
      purpose: attempt.purpose,
      schoolName: file.schoolName,
      fileNumber: file.number,
      language: file.language,
      returnUrl: `${link}?paiement=${attempt.id}`,
    };
  });
}

/**
 * The payer chose on the sandbox page: the sandbox answers as a provider would, with a signed
 * webhook — written to the outbox now and delivered (signed at delivery) by `sandboxWebhookHandler`,
 * so it survives a restart and may arrive late, twice or out of order like a real one.
 */
export async function chooseOnSandbox(
  deps: AppDeps,
  sessionId: string,
  choice: SandboxChoice,
): Promise<SandboxSession | null> {
  const session = await findSandboxSession(deps, sessionId);
  if (!session) return null;
  const sandbox = sandboxOf(deps);
  await transact(deps, async (tx) => {
    const attempt = await findAttemptBySession(tx.trx, 'sandbox', sessionId);
    if (!attempt) return;
    const body = JSON.stringify({
      id: `evt_sbx_${newSecretToken().slice(0, 24)}`,
      type: EVENT_OF[choice],
      created: tx.now,
      data: {
        sessionId,
        paymentRef: sandbox.paymentRefOf(sessionId, attempt.amountCents),
        refundRef: null,
        amountCents: attempt.amountCents,
        currency: attempt.currency,
        metadata: { schoolId: attempt.schoolId, requestId: attempt.requestId, attemptId: attempt.id },
      },
    });
    await enqueue(tx, { schoolId: attempt.schoolId, kind: SANDBOX_WEBHOOK_KIND, payload: { body } });
  });
  return session;
}

/** The sandbox's own events (its refunds' webhooks) wait in the outbox like the payer's choices. */
export function queueSandboxEvents(deps: AppDeps): (body: string) => Promise<void> {
  return async (body) => {
    await transact(deps, (tx) =>
      enqueue(tx, { schoolId: null, kind: SANDBOX_WEBHOOK_KIND, payload: { body } }),
    );
  };
}

/** Delivers one sandbox webhook: POSTs the body, signed now, to the app's own webhook route. */
export function sandboxWebhookHandler(deps: AppDeps): OutboxHandler {
  return async (row: OutboxRow) => {
    const { body } = JSON.parse(row.payload_json) as { body: string };
    const response = await fetch(`${deps.config.sandboxWebhookUrl}${SANDBOX_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'schuss-sandbox-signature': sandboxOf(deps).signatureHeader(body, deps.clock.now()),
      },
      body,
    });
    if (!response.ok)
      throw new Error(`sandbox webhook answered ${response.status}: ${await response.text()}`);
  };
}
