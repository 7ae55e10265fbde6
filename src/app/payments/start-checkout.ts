import {
  findCheckoutFile,
  findRequest,
  findReusableAttempt,
  insertPaymentAttempt,
  lockRequestRow,
  setAttemptCheckout,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { type PayPurpose, payOptionsOf } from '../../domain/pay-options.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { transact } from '../tx.js';
import { loadPayFacts } from './pay-facts.js';
import { PAYMENTS_ONLINE_MESSAGES } from './payments-online.messages.js';

/** Private links are 256-bit base64url tokens; anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A second "Payer" within this window reuses the first checkout instead of opening another. */
const REUSE_WINDOW_MS = 30 * 60_000;

const DESCRIPTION: Record<string, Record<PayPurpose, string>> = {
  fr: { deposit: 'acompte', balance: 'solde' },
  en: { deposit: 'deposit', balance: 'balance' },
  de: { deposit: 'Anzahlung', balance: 'Restbetrag' },
  it: { deposit: 'acconto', balance: 'saldo' },
  es: { deposit: 'anticipo', balance: 'saldo' },
  nl: { deposit: 'aanbetaling', balance: 'saldo' },
};

export type CheckoutStart =
  | { kind: 'redirect'; url: string; attemptId: string }
  /** The link opens no file. */
  | { kind: 'unknown' }
  /** The file offers no such payment now (paid meanwhile, not allowed, expired…): back to the page. */
  | { kind: 'nothing_to_pay' };

/**
 * "Payer" on the customer's page: the purpose must be one `payOptionsOf` offers now, at its
 * amount. The attempt (our amount and binding, the provider's idempotency key) is written BEFORE
 * the provider is called; a second click while that checkout is open gets the same one.
 */
export async function startCheckout(deps: AppDeps, token: string, purpose: string): Promise<CheckoutStart> {
  if (!TOKEN_SHAPE.test(token)) return { kind: 'unknown' };
  const provider = deps.payments.active;
  const prepared = await transact(deps, async (tx) => {
    const file = await findCheckoutFile(tx.trx, sha256(token));
    if (!file) return { kind: 'unknown' } as const;
    await lockRequestRow(tx.trx, file.schoolId, file.requestId);
    const request = await findRequest(tx.trx, file.schoolId, file.requestId);
    if (!request) return { kind: 'unknown' } as const;
    const facts = await loadPayFacts(
      tx.trx,
      request,
      { timeZone: file.schoolTimeZone, settingsJson: file.schoolSettingsJson },
      tx.now,
    );
    const option = payOptionsOf(facts).find((o) => o.purpose === purpose);
    if (!option) return { kind: 'nothing_to_pay' } as const;
    const since = new Date(Date.parse(tx.now) - REUSE_WINDOW_MS).toISOString();
    const key = {
      schoolId: file.schoolId,
      requestId: file.requestId,
      provider: provider.name,
      purpose: option.purpose,
      amountCents: option.amountCents,
      since,
    };
    const open = await findReusableAttempt(tx.trx, key);
    if (open) return { kind: 'attempt', file, attempt: open } as const;
    const attempt = {
      id: newId('paymentAttempt'),
      schoolId: file.schoolId,
      requestId: file.requestId,
      offerId: facts.offerId,
      provider: provider.name,
      amountCents: option.amountCents,
      currency: 'eur',
      purpose: option.purpose,
      state: 'created' as const,
      providerSessionId: null,
      checkoutUrl: null,
      createdAt: tx.now,
      updatedAt: tx.now,
    };
    await insertPaymentAttempt(tx.trx, attempt);
    return { kind: 'attempt', file, attempt } as const;
  });
  if (prepared.kind !== 'attempt') return prepared;
  const { file, attempt } = prepared;
  if (attempt.checkoutUrl) return { kind: 'redirect', url: attempt.checkoutUrl, attemptId: attempt.id };

  const page = `${deps.config.publicUrl}/c/${token}`;
  const words = DESCRIPTION[file.language] ?? DESCRIPTION.fr!;
  let session: Awaited<ReturnType<typeof provider.createCheckout>>;
  try {
    // Same attempt id, same checkout: a retried or doubled call gets the provider's first answer.
    session = await provider.createCheckout({
      attemptId: attempt.id,
      schoolId: file.schoolId,
      requestId: file.requestId,
      amountCents: attempt.amountCents,
      currency: 'eur',
      description: `${file.schoolName} — ${file.number} — ${words[attempt.purpose as PayPurpose] ?? ''}`,
      customerEmail: file.customerEmail || null,
      locale: file.language,
      returnUrl: `${page}?paiement=${attempt.id}`,
      cancelUrl: page,
    });
  } catch {
    throw new AppError('PROVIDER', PAYMENTS_ONLINE_MESSAGES.providerFailed);
  }
  await transact(deps, (tx) =>
    setAttemptCheckout(tx.trx, file.schoolId, attempt.id, {
      providerSessionId: session.providerSessionId,
      checkoutUrl: session.url,
      at: tx.now,
    }),
  );
  return { kind: 'redirect', url: session.url, attemptId: attempt.id };
}
