import {
  insertCategories,
  insertInstructors,
  insertProducts,
  insertSchool,
  insertUsers,
} from '../../db/repositories/index.js';
import type { Role } from '../../db/schema.js';
import {
  DEFAULT_SCHOOL_CURRENCY,
  DEFAULT_SCHOOL_LANGUAGE,
  DEFAULT_SCHOOL_TIME_ZONE,
} from '../../domain/school-defaults.js';
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
    const createdAt = tx.now;
    await insertSchool(tx.trx, {
      id: schoolId,
      slug: input.slug,
      name: input.name,
      timeZone: input.timeZone ?? DEFAULT_SCHOOL_TIME_ZONE,
      currency: DEFAULT_SCHOOL_CURRENCY,
      defaultLanguage: input.defaultLanguage ?? DEFAULT_SCHOOL_LANGUAGE,
      createdAt,
    });
    const users = input.staff.map((s, i) => ({
      id: newId('user'),
      schoolId,
      email: normalizeEmail(s.email),
      name: s.name,
      role: s.role,
      passwordHash: hashes[i]!,
      language: DEFAULT_SCHOOL_LANGUAGE,
      isActive: true,
      createdAt,
      updatedAt: createdAt,
    }));
    await insertUsers(tx.trx, users);
    await insertCategories(
      tx.trx,
      (input.categories ?? []).map((name, position) => ({
        id: newId('category'),
        schoolId,
        name,
        isActive: true,
        position,
        createdAt,
      })),
    );
    await insertProducts(
      tx.trx,
      (input.products ?? []).map((p, position) => ({
        id: newId('product'),
        schoolId,
        kind: p.kind,
        name: p.name,
        description: p.description ?? null,
        priceCents: p.priceCents,
        vatRateBp: p.vatRateBp ?? 1000,
        isOnlineSale: p.isOnlineSale,
        isOptional: p.isOptional ?? false,
        position,
        createdAt,
      })),
    );
    await insertInstructors(
      tx.trx,
      (input.instructors ?? []).map((ins) => ({
        id: newId('instructor'),
        schoolId,
        firstName: ins.firstName,
        lastName: ins.lastName,
        languages: ins.languages,
        createdAt,
      })),
    );
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
