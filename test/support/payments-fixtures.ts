import { expect } from 'vitest';
import { portalTokenOf } from '../../src/app/portal/private-link.js';
import type { App } from '../../src/http/types.js';
import { SandboxProvider } from '../../src/integrations/payments/sandbox.provider.js';
import { makeSchool } from './factories.js';
import type { TestContext } from './harness.js';
import { appFor, Client } from './http.js';

/** A free loopback port, for a server the test starts later (the sandbox posts its webhooks to it). */
export { freePort } from './postgres-cluster.js';

/**
 * The app of a payments suite on the harness's database, at the fake clock's 2 December: a school
 * with a 30 % deposit and its secretary signed in; listening on `port` when the sandbox must reach it.
 */
export async function paymentsApp(ctx: TestContext, port?: number) {
  ctx.clock.set('2026-12-02T09:00:00.000Z');
  const app = await appFor(ctx);
  if (port !== undefined) await app.listen({ port, host: '127.0.0.1' });
  const school = await makeSchool(ctx.deps);
  await setSales(ctx, school.id);
  const marie = new Client(app);
  await marie.login(school.secretary.email);
  return { app, school, marie };
}

/** The installation's sandbox provider (to sign its webhooks, or refund from its "dashboard"). */
export function sandboxOf(ctx: TestContext): SandboxProvider {
  const provider = ctx.deps.payments.get('sandbox');
  if (!(provider instanceof SandboxProvider)) throw new Error('no sandbox');
  return provider;
}

let seq = 0;

/** The school's sales settings: a 30 % deposit, quotes valid 14 days. */
export async function setSales(ctx: TestContext, schoolId: string): Promise<void> {
  await ctx.deps.db.kysely
    .updateTable('schools')
    .set({ settings_json: JSON.stringify({ sales: { quoteValidityDays: 14, defaultDepositBp: 3000 } }) })
    .where('id', '=', schoolId)
    .execute();
}

/** A file with one €400 line (and €20 of insurance), its quote sent: what the customer can pay. */
export async function quotedFile(
  ctx: TestContext,
  client: Client,
  school: Awaited<ReturnType<typeof makeSchool>>,
): Promise<{ id: string; token: string; email: string }> {
  const n = ++seq;
  const email = `payeur-${n}-${ctx.dialect}@example.fr`;
  const created = await client.post('/api/requests', {
    customer: { email, firstName: 'Anaïs', lastName: 'Payeur', language: 'fr' },
    message: 'Des cours pour mes enfants',
  });
  expect(created.statusCode).toBe(201);
  const file = created.json() as { id: string; version: number };
  await ctx.deps.db.kysely
    .insertInto('lines')
    .values(
      [
        { label: 'Cours collectif enfants', total: 40_000 },
        { label: 'Assurance Carré Neige', total: 2_000 },
      ].map((l, position) => ({
        id: `lin_pay_${n}_${position}_${ctx.dialect}`,
        school_id: school.id,
        request_id: file.id,
        kind: 'catalog' as const,
        product_id: null,
        label: l.label,
        label_key: null,
        label_params_json: null,
        quantity: 1,
        unit_price_cents: l.total,
        total_cents: l.total,
        vat_rate_bp: 1000,
        is_online_sale: 1,
        is_optional: 0,
        is_active: 1,
        details_json: '{}',
        pos_imported_at: null,
        position,
        created_at: '2026-12-02T09:00:00.000Z',
        updated_at: '2026-12-02T09:00:00.000Z',
        session_id: null,
        instructor_id: null,
        participant_count: 1,
      })),
    )
    .execute();
  const quote = await client.post(`/api/requests/${file.id}/quotes`, { version: file.version });
  expect(quote.statusCode, quote.body).toBe(201);
  const row = await ctx.deps.db.kysely
    .selectFrom('requests')
    .select('portal_nonce')
    .where('id', '=', file.id)
    .executeTakeFirstOrThrow();
  return { id: file.id, token: portalTokenOf(ctx.deps.portalLinkKey, file.id, row.portal_nonce!), email };
}

/** "Payer" as the customer's browser posts it (a form), answering the 303's target. */
export async function pay(app: App, token: string, purpose: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/c/${token}/pay`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `purpose=${purpose}`,
  });
  expect(response.statusCode, response.body).toBe(303);
  return String(response.headers.location);
}

export async function requestRow(ctx: TestContext, id: string) {
  return ctx.deps.db.kysely
    .selectFrom('requests')
    .select(['status', 'paid_cents', 'total_cents', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function paymentsOf(ctx: TestContext, requestId: string) {
  return ctx.deps.db.kysely
    .selectFrom('payments')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
