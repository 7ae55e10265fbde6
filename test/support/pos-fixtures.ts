import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { changeRequest } from '../../src/app/requests/change-request.js';
import { transact } from '../../src/app/tx.js';
import { insertPayment } from '../../src/db/repositories/payment.repository.js';
import { cents } from '../../src/domain/money.js';
import type { App } from '../../src/http/types.js';
import type { Devis } from '../../src/shared/contracts/sales.js';
import { insertProduct, insertSession } from './catalogue-fixtures.js';
import type { makeSchool } from './factories.js';
import type { TestContext } from './harness.js';
import type { Client } from './http.js';
import { uniqueEmail } from './intake-client.js';

export type School = Awaited<ReturnType<typeof makeSchool>>;

export const KIDS = [
  { firstName: 'Léa', birthDate: '2016-03-02', level: 'beginner' },
  { firstName: 'Tom', birthDate: '2018-07-14', level: 'first_time' },
];

/** An online-sale lesson (215 € a child) and a desk-only one (90 €), each with a session. */
export async function posCatalogue(ctx: TestContext, schoolId: string) {
  const db = ctx.deps.db.kysely;
  const online = await insertProduct(db, schoolId, { name: 'Cours collectif enfants', priceCents: 21_500 });
  const desk = await insertProduct(db, schoolId, {
    name: 'Cours particulier',
    priceCents: 9_000,
    isOnlineSale: false,
  });
  return {
    online: { productId: online, sessionId: await insertSession(db, schoolId, online, { capacity: 50 }) },
    desk: { productId: desk, sessionId: await insertSession(db, schoolId, desk, { capacity: 50 }) },
  };
}
export type PosCatalogue = Awaited<ReturnType<typeof posCatalogue>>;

/** A file opened by staff with the given lessons (each for one or two children). */
export async function fileWith(
  client: Client,
  catalogue: PosCatalogue,
  kinds: readonly ('online' | 'desk')[],
  customer: { firstName?: string; lastName?: string; email?: string } = {},
): Promise<{ id: string; number: string; version: number; totalCents: number }> {
  const opened = await client.post('/api/requests', {
    customer: {
      email: customer.email ?? uniqueEmail(),
      firstName: customer.firstName ?? 'Anaïs',
      lastName: customer.lastName ?? `Roux${randomBytes(2).toString('hex')}`,
      language: 'fr',
    },
    message: 'Bonjour, deux enfants.',
  });
  expect(opened.statusCode).toBe(201);
  const file = opened.json() as { id: string; number: string; version: number };
  let version = file.version;
  let totalCents = 0;
  for (const kind of kinds) {
    const r = await client.post(`/api/requests/${file.id}/lines`, {
      kind: 'catalog',
      version,
      ...catalogue[kind],
      participants: KIDS,
    });
    expect(r.statusCode, r.body).toBe(201);
    const devis = r.json() as Devis;
    version = devis.version;
    totalCents = devis.totals.totalCents;
  }
  return { id: file.id, number: file.number, version, totalCents };
}

/** A payment (or refund, negative) written as the payments code does: beside the file, then factsChanged. */
export async function pay(
  ctx: TestContext,
  schoolId: string,
  requestId: string,
  amountCents: number,
  extra: { payerName?: string; payerAddress?: string; providerRef?: string; method?: string } = {},
): Promise<void> {
  await transact(ctx.deps, (tx) =>
    changeRequest(
      tx,
      { schoolId, requestId, actor: { kind: 'system', schoolId, name: 'Schuss' } },
      async (file) => {
        const id = `pay_${randomBytes(6).toString('hex')}`;
        await insertPayment(tx.trx, {
          id,
          schoolId,
          requestId,
          kind: amountCents < 0 ? 'refund' : extra.providerRef ? 'online' : 'manual',
          method: extra.method ?? (extra.providerRef ? 'online' : 'cheque'),
          amountCents: cents(amountCents),
          provider: extra.providerRef ? 'sandbox' : null,
          providerRef: extra.providerRef ?? null,
          payerName: extra.payerName ?? null,
          payerAddress: extra.payerAddress ?? null,
          reference: null,
          voucherCount: null,
          note: extra.payerName ? `Payé par ${extra.payerName}` : null,
          refundOfPaymentId: null,
          attemptId: null,
          isFlagged: false,
          receivedAt: tx.now,
          recordedByUserId: null,
          createdAt: tx.now,
        });
        file.factsChanged();
      },
    ),
  );
}

/** The file's status and version as the database holds them. */
export async function statusOf(ctx: TestContext, requestId: string) {
  return ctx.deps.db.kysely
    .selectFrom('requests')
    .select(['status', 'version', 'is_entered_in_pos'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
}

/** A POS key created by the school's admin through Paramètres. */
export async function createKey(admin: Client, name = 'Caisse 4807'): Promise<{ id: string; key: string }> {
  const r = await admin.post('/api/settings/pos-keys', { name });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

export function bearer(key: string) {
  return { authorization: `Bearer ${key}` };
}

export type { App };
