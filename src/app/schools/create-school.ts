import type { z } from 'zod';
import {
  insertCategories,
  insertDaysOff,
  insertInstructors,
  insertProductSessions,
  insertProducts,
  insertSchool,
  insertUsers,
  saveSchoolSalesSettings,
} from '../../db/repositories/index.js';
import type { Role } from '../../db/schema.js';
import {
  DEFAULT_SCHOOL_CURRENCY,
  DEFAULT_SCHOOL_LANGUAGE,
  DEFAULT_SCHOOL_TIME_ZONE,
} from '../../domain/school-defaults.js';
import {
  type PriceUnit,
  type SalesSettings,
  SalesSettingsSchema,
  type SessionInputSchema,
} from '../../shared/contracts/sales.js';
import type { Level, Practice } from '../../shared/vocabulary.js';
import { hashPassword } from '../auth/password.js';
import { normalizeEmail } from '../common.schemas.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { journal, transact } from '../tx.js';

type SessionInput = z.infer<typeof SessionInputSchema>;

export interface NewSchool {
  slug: string;
  name: string;
  timeZone?: string;
  defaultLanguage?: string;
  staff: { email: string; name: string; role: Role; password: string }[];
  categories?: string[];
  products?: NewSchoolProduct[];
  instructors?: NewSchoolInstructor[];
  /** Paramètres → Devis et paiements; defaults when absent. */
  sales?: Partial<SalesSettings>;
}

export interface NewSchoolProduct {
  kind: string;
  name: string;
  names?: Readonly<Record<string, string>>;
  description?: string;
  practice?: Practice;
  ageMin?: number;
  ageMax?: number;
  levels?: readonly Level[];
  priceCents: number;
  priceUnit?: PriceUnit;
  vatRateBp?: number;
  isOnlineSale: boolean;
  isOptional?: boolean;
  sessions?: readonly SessionInput[];
}

export interface NewSchoolInstructor {
  firstName: string;
  lastName: string;
  languages: readonly string[];
  practices?: readonly Practice[];
  daysOff?: readonly { day: string; reason: string }[];
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
    const products = (input.products ?? []).map((p, position) => ({ ...p, id: newId('product'), position }));
    await insertProducts(
      tx.trx,
      products.map((p) => ({
        id: p.id,
        schoolId,
        kind: p.kind,
        name: p.name,
        names: p.names ?? {},
        description: p.description ?? null,
        practice: p.practice ?? null,
        ageMin: p.ageMin ?? null,
        ageMax: p.ageMax ?? null,
        levels: p.levels ?? [],
        priceCents: p.priceCents,
        priceUnit: p.priceUnit ?? 'participant',
        vatRateBp: p.vatRateBp ?? 1000,
        isOnlineSale: p.isOnlineSale,
        isOptional: p.isOptional ?? false,
        position: p.position,
        createdAt,
      })),
    );
    await insertProductSessions(
      tx.trx,
      products.flatMap((p) =>
        (p.sessions ?? []).map((session) => ({
          ...session,
          id: newId('productSession'),
          schoolId,
          productId: p.id,
          createdAt,
        })),
      ),
    );
    const instructors = (input.instructors ?? []).map((ins) => ({ ...ins, id: newId('instructor') }));
    await insertInstructors(
      tx.trx,
      instructors.map((ins) => ({
        id: ins.id,
        schoolId,
        firstName: ins.firstName,
        lastName: ins.lastName,
        languages: ins.languages,
        practices: ins.practices ?? [],
        createdAt,
      })),
    );
    await insertDaysOff(
      tx.trx,
      instructors.flatMap((ins) =>
        (ins.daysOff ?? []).map((d) => ({
          ...d,
          id: newId('dayOff'),
          schoolId,
          instructorId: ins.id,
          createdAt,
        })),
      ),
    );
    if (input.sales) {
      await saveSchoolSalesSettings(tx.trx, schoolId, SalesSettingsSchema.parse(input.sales));
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
