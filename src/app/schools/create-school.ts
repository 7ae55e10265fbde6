import type { Role } from '../../db/schema.js';
import { hashPassword } from '../auth/password.js';
import { normalizeEmail } from '../common.schemas.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { journal, transact } from '../tx.js';

export interface NewSchool {
  slug: string;
  name: string;
  timeZone?: string;
  defaultLanguage?: string;
  staff: { email: string; name: string; role: Role; password: string }[];
  categories?: string[];
  products?: {
    kind: string;
    name: string;
    description?: string;
    priceCents: number;
    vatRateBp?: number;
    isOnlineSale: boolean;
    isOptional?: boolean;
  }[];
  instructors?: { firstName: string; lastName: string; languages: string[] }[];
}

export interface CreatedSchool {
  id: string;
  slug: string;
  users: { id: string; email: string; role: Role; name: string }[];
}

/** Creates a school with its staff, categories, catalogue and instructors, in one transaction. */
export async function createSchool(deps: AppDeps, input: NewSchool): Promise<CreatedSchool> {
  const hashes = await Promise.all(input.staff.map((s) => hashPassword(s.password)));
  return transact(deps, async (tx) => {
    const schoolId = newId('school');
    await tx.trx
      .insertInto('schools')
      .values({
        id: schoolId,
        slug: input.slug,
        name: input.name,
        time_zone: input.timeZone ?? 'Europe/Paris',
        currency: 'EUR',
        default_language: input.defaultLanguage ?? 'fr',
        settings_json: '{}',
        pos_key_hash: null,
        intake_key_hash: null,
        created_at: tx.now,
      })
      .execute();
    const users = input.staff.map((s, i) => ({
      id: newId('user'),
      school_id: schoolId,
      email: normalizeEmail(s.email),
      name: s.name,
      role: s.role,
      password_hash: hashes[i]!,
      language: 'fr',
      is_active: 1 as const,
      created_at: tx.now,
      updated_at: tx.now,
    }));
    if (users.length > 0) await tx.trx.insertInto('users').values(users).execute();
    const categories = input.categories ?? [];
    if (categories.length > 0) {
      await tx.trx
        .insertInto('categories')
        .values(
          categories.map((name, position) => ({
            id: newId('category'),
            school_id: schoolId,
            name,
            color: null,
            position,
            is_active: 1 as const,
            created_at: tx.now,
          })),
        )
        .execute();
    }
    const products = input.products ?? [];
    if (products.length > 0) {
      await tx.trx
        .insertInto('products')
        .values(
          products.map((p, position) => ({
            id: newId('product'),
            school_id: schoolId,
            kind: p.kind,
            name: p.name,
            description: p.description ?? null,
            price_cents: p.priceCents,
            vat_rate_bp: p.vatRateBp ?? 1000,
            is_online_sale: p.isOnlineSale ? (1 as const) : (0 as const),
            is_optional: p.isOptional ? (1 as const) : (0 as const),
            is_active: 1 as const,
            position,
            created_at: tx.now,
          })),
        )
        .execute();
    }
    const instructors = input.instructors ?? [];
    if (instructors.length > 0) {
      await tx.trx
        .insertInto('instructors')
        .values(
          instructors.map((ins) => ({
            id: newId('instructor'),
            school_id: schoolId,
            first_name: ins.firstName,
            last_name: ins.lastName,
            languages: ins.languages.join(','),
            is_active: 1 as const,
            created_at: tx.now,
          })),
        )
        .execute();
    }
    await journal(tx, {
      schoolId,
      actor: { kind: 'system', schoolId, name: 'Système' },
      action: 'school.created',
      details: { slug: input.slug, name: input.name },
    });
    return {
      id: schoolId,
      slug: input.slug,
      users: users.map(({ id, email, role, name }) => ({ id, email, role, name })),
    };
  });
}
