import type { Selectable, Updateable } from 'kysely';
import { z } from 'zod';
import { PRICE_UNITS, type PriceUnit, type Product } from '../../shared/contracts/sales.js';
import { LEVELS, type Level, PRACTICES, type Practice } from '../../shared/vocabulary.js';
import type { ProductsTable } from '../schema.js';
import type { Db } from './db.js';

/** A catalogue product as stored, without its sessions (`Product` of the contract gets them beside). */
export type ProductRecord = Omit<Product, 'sessions'>;

export interface NewProduct {
  id: string;
  schoolId: string;
  kind: string;
  name: string;
  names?: Readonly<Record<string, string>>;
  description: string | null;
  practice?: Practice | null;
  ageMin?: number | null;
  ageMax?: number | null;
  levels?: readonly Level[];
  priceCents: number;
  priceUnit?: PriceUnit;
  vatRateBp: number;
  isOnlineSale: boolean;
  isOptional: boolean;
  position: number;
  createdAt: string;
}

/** What an admin may change on a product; absent fields stay as they are. */
export interface ProductChange {
  kind?: string;
  name?: string;
  names?: Readonly<Record<string, string>>;
  description?: string | null;
  practice?: Practice | null;
  ageMin?: number | null;
  ageMax?: number | null;
  levels?: readonly Level[];
  priceCents?: number;
  priceUnit?: PriceUnit;
  vatRateBp?: number;
  isOnlineSale?: boolean;
  isOptional?: boolean;
  /** An instant archives it, null brings it back. */
  archivedAt?: string | null;
}

const PRODUCT_COLUMNS = [
  'id',
  'kind',
  'name',
  'names_json',
  'description',
  'practice',
  'age_min',
  'age_max',
  'levels',
  'price_cents',
  'price_unit',
  'vat_rate_bp',
  'is_online_sale',
  'is_optional',
  'archived_at',
] as const;

type ProductRow = Pick<Selectable<ProductsTable>, (typeof PRODUCT_COLUMNS)[number]>;

const NamesSchema = z.record(z.string(), z.string());
const PracticeSchema = z.enum(PRACTICES);
const PriceUnitSchema = z.enum(PRICE_UNITS);
const LEVEL_SET = new Set<string>(LEVELS);

function parseNames(json: string): Record<string, string> {
  try {
    const parsed = NamesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Comma-separated level keys, in the vocabulary's order; unknown keys are dropped. */
function parseLevels(text: string): Level[] {
  const stored = new Set(text.split(',').filter((l) => LEVEL_SET.has(l)));
  return LEVELS.filter((l) => stored.has(l));
}

const levelsText = (levels: readonly Level[]): string => LEVELS.filter((l) => levels.includes(l)).join(',');
const bool = (value: boolean) => (value ? (1 as const) : (0 as const));

function toProduct(row: ProductRow): ProductRecord {
  const practice = PracticeSchema.safeParse(row.practice);
  const unit = PriceUnitSchema.safeParse(row.price_unit);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    names: parseNames(row.names_json),
    description: row.description,
    practice: practice.success ? practice.data : null,
    ageMin: row.age_min === null ? null : Number(row.age_min),
    ageMax: row.age_max === null ? null : Number(row.age_max),
    levels: parseLevels(row.levels),
    priceCents: Number(row.price_cents),
    priceUnit: unit.success ? unit.data : 'participant',
    vatRateBp: Number(row.vat_rate_bp),
    isOnlineSale: row.is_online_sale === 1,
    isOptional: row.is_optional === 1,
    isArchived: row.archived_at !== null,
  };
}

/** The school's catalogue, archived products included, in the school's order. */
export async function listProductsOfSchool(db: Db, schoolId: string): Promise<ProductRecord[]> {
  const rows = await db
    .selectFrom('products')
    .select(PRODUCT_COLUMNS)
    .where('school_id', '=', schoolId)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toProduct);
}

/** One product of the school; another school's id finds nothing. */
export async function findProductInSchool(
  db: Db,
  schoolId: string,
  id: string,
): Promise<ProductRecord | null> {
  const row = await db
    .selectFrom('products')
    .select(PRODUCT_COLUMNS)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toProduct(row) : null;
}

/** The position after the school's last product: a new product goes at the end. */
export async function nextProductPosition(db: Db, schoolId: string): Promise<number> {
  const row = await db
    .selectFrom('products')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** Adds products to a school's catalogue, active. */
export async function insertProducts(db: Db, products: readonly NewProduct[]): Promise<void> {
  if (products.length === 0) return;
  await db
    .insertInto('products')
    .values(
      products.map((p) => ({
        id: p.id,
        school_id: p.schoolId,
        kind: p.kind,
        name: p.name,
        names_json: JSON.stringify(p.names ?? {}),
        description: p.description,
        practice: p.practice ?? null,
        age_min: p.ageMin ?? null,
        age_max: p.ageMax ?? null,
        levels: levelsText(p.levels ?? []),
        price_cents: p.priceCents,
        price_unit: p.priceUnit ?? 'participant',
        vat_rate_bp: p.vatRateBp,
        is_online_sale: bool(p.isOnlineSale),
        is_optional: bool(p.isOptional),
        is_active: 1 as const,
        position: p.position,
        created_at: p.createdAt,
      })),
    )
    .execute();
}

/** Changes a product of the school; null when the school has no such product. */
export async function updateProductInSchool(
  db: Db,
  schoolId: string,
  id: string,
  change: ProductChange,
): Promise<ProductRecord | null> {
  const set: Updateable<ProductsTable> = {
    ...(change.kind !== undefined && { kind: change.kind }),
    ...(change.name !== undefined && { name: change.name }),
    ...(change.names !== undefined && { names_json: JSON.stringify(change.names) }),
    ...(change.description !== undefined && { description: change.description }),
    ...(change.practice !== undefined && { practice: change.practice }),
    ...(change.ageMin !== undefined && { age_min: change.ageMin }),
    ...(change.ageMax !== undefined && { age_max: change.ageMax }),
    ...(change.levels !== undefined && { levels: levelsText(change.levels) }),
    ...(change.priceCents !== undefined && { price_cents: change.priceCents }),
    ...(change.priceUnit !== undefined && { price_unit: change.priceUnit }),
    ...(change.vatRateBp !== undefined && { vat_rate_bp: change.vatRateBp }),
    ...(change.isOnlineSale !== undefined && { is_online_sale: bool(change.isOnlineSale) }),
    ...(change.isOptional !== undefined && { is_optional: bool(change.isOptional) }),
    ...(change.archivedAt !== undefined && { archived_at: change.archivedAt }),
  };
  if (Object.keys(set).length === 0) return findProductInSchool(db, schoolId, id);
  const row = await db
    .updateTable('products')
    .set(set)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .returning(PRODUCT_COLUMNS)
    .executeTakeFirst();
  return row ? toProduct(row) : null;
}
