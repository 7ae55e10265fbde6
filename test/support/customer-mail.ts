import type { Kysely } from 'kysely';
import {
  CUSTOMER_EMAIL_KIND,
  type CustomerEmailPayload,
  CustomerEmailPayloadSchema,
} from '../../src/app/email/customer-email.js';
import { renderCustomerEmail } from '../../src/app/email/render-email.js';
import { findEmailSchool, readSalesSettings } from '../../src/db/repositories/index.js';
import type { Database } from '../../src/db/schema.js';

export type RenderedOutboxMail = CustomerEmailPayload & { subject: string; text: string; html: string };

/**
 * The customer e-mails in the outbox (the contract rows), rendered as the customer will read them
 * (the real renderer), oldest first — optionally only those to `to` or of one school.
 */
export async function customerMailsInOutbox(
  db: Kysely<Database>,
  filter: { to?: string; schoolId?: string } = {},
): Promise<RenderedOutboxMail[]> {
  let query = db
    .selectFrom('outbox')
    .select(['payload_json', 'created_at', 'id'])
    .where('kind', '=', CUSTOMER_EMAIL_KIND)
    .orderBy('created_at')
    .orderBy('id');
  if (filter.schoolId) query = query.where('school_id', '=', filter.schoolId);
  const rows = await query.execute();
  const mails: RenderedOutboxMail[] = [];
  for (const row of rows) {
    const payload = CustomerEmailPayloadSchema.parse(JSON.parse(row.payload_json));
    if (filter.to !== undefined && payload.to !== filter.to) continue;
    const school = await findEmailSchool(db, payload.schoolId);
    if (!school) throw new Error(`school ${payload.schoolId} not found`);
    const rendered = await renderCustomerEmail(payload, {
      name: school.name,
      defaultLanguage: school.defaultLanguage,
      signature: [readSalesSettings(school.settingsJson).legal.address],
    });
    mails.push({ ...payload, ...rendered });
  }
  return mails;
}
