import type { Db } from './db.js';

export interface NewProduct {
  id: string;
  schoolId: string;
  kind: string;
  name: string;
  description: string | null;
  priceCents: number;
  vatRateBp: number;
  isOnlineSale: boolean;
  isOptional: boolean;
  position: number;
  createdAt: string;
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
        description: p.description,
        price_cents: p.priceCents,
        vat_rate_bp: p.vatRateBp,
        is_online_sale: p.isOnlineSale ? (1 as const) : (0 as const),
        is_optional: p.isOptional ? (1 as const) : (0 as const),
        is_active: 1 as const,
        position: p.position,
        created_at: p.createdAt,
      })),
    )
    .execute();
}
