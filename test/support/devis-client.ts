import type { App } from '../../src/http/types.js';
import type { Devis } from '../../src/shared/contracts/sales.js';
import type { TestContext } from './harness.js';
import type { Client } from './http.js';
import { browserSubmit, customBody } from './intake-client.js';

/** The Devis tests' view of a file: what the custom-lesson form opened, and what the journal says. */

/**
 * A custom-lesson form submission to the school, as a browser sends it: a file in "Nouveaux
 * dossiers" with the lesson the customer asked for, and its Devis as `client` reads it.
 */
export async function customRequest(
  ctx: TestContext,
  app: App,
  client: Client,
  school: { id: string; slug: string },
) {
  const body = customBody();
  const r = await browserSubmit(ctx, app, school.slug, body);
  if (r.statusCode !== 201) throw new Error(`custom-lesson form: ${r.statusCode} ${r.body}`);
  const row = await ctx.deps.db.kysely
    .selectFrom('requests')
    .select(['id', 'version', 'status'])
    .where('school_id', '=', school.id)
    .where('customer_email', '=', body.customer.email)
    .executeTakeFirstOrThrow();
  const devis = (await client.get(`/api/requests/${row.id}/devis`)).json() as Devis;
  return { ...row, devis };
}

/** The file's journal, as sentences in `client`'s language. */
export async function journalOf(client: Client, requestId: string): Promise<string[]> {
  const page = (await client.get(`/api/requests/${requestId}`)).json() as {
    activity: { sentence: string }[];
  };
  return page.activity.map((a) => a.sentence);
}
