import { z } from 'zod';
import { searchCustomersByPrefix } from '../../db/repositories/index.js';
import { customerSearchPrefixes } from '../../domain/search-text.js';
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

/**
 * "Nouvelle demande": find an existing customer of the school by the start of their name (either
 * way round), e-mail or phone, accents and case ignored as in the main search.
 */
export async function findCustomers(deps: AppDeps, actor: StaffActor, query: string) {
  const prefixes = customerSearchPrefixes(query);
  const isLongEnough = [prefixes.name, prefixes.email, prefixes.phone].some((p) => p.length >= 2);
  if (!isLongEnough) return [];
  const rows = await searchCustomersByPrefix(deps.db.kysely, actor.schoolId, prefixes, 10);
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    language: r.language,
  }));
}
