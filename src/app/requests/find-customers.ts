import { z } from 'zod';
import { foldForSearch } from '../../domain/search-text.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';

export const CustomerHitSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  language: z.string(),
});

/** "Nouvelle demande": find an existing customer of the school by name or e-mail prefix. */
export async function findCustomers(deps: AppDeps, actor: StaffActor, query: string) {
  const q = foldForSearch(query.trim()).replace(/[%_\\]/g, '');
  if (q.length < 2) return [];
  const like = `${q}%`;
  const rows = await deps.db.kysely
    .selectFrom('customers')
    .selectAll()
    .where('school_id', '=', actor.schoolId)
    .where((eb) =>
      eb.or([
        eb('email_normalized', 'like', like),
        eb(eb.fn('lower', ['last_name']), 'like', like),
        eb(eb.fn('lower', ['first_name']), 'like', like),
      ]),
    )
    .orderBy('last_name')
    .limit(10)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    language: r.language,
  }));
}
