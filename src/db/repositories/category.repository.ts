import type { CategoriesTable } from '../schema.js';
import type { Db } from './db.js';

/** A school's category (Paramètres → Catégories). */
export interface Category {
  id: string;
  name: string;
  isActive: boolean;
  position: number;
}

export interface NewCategory extends Category {
  schoolId: string;
  createdAt: string;
}

function toCategory(row: Pick<CategoriesTable, 'id' | 'name' | 'is_active' | 'position'>): Category {
  return { id: row.id, name: row.name, isActive: row.is_active === 1, position: Number(row.position) };
}

/** The school's categories, in their order. */
export async function listCategoriesOfSchool(db: Db, schoolId: string): Promise<Category[]> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'name', 'is_active', 'position'])
    .where('school_id', '=', schoolId)
    .orderBy('position')
    .orderBy('name')
    .execute();
  return rows.map(toCategory);
}

/** The id of the school's category of this exact name, if any. */
export async function findCategoryIdByName(db: Db, schoolId: string, name: string): Promise<string | null> {
  const row = await db
    .selectFrom('categories')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The position after the school's last category (0 for the first). */
export async function nextCategoryPosition(db: Db, schoolId: string): Promise<number> {
  const row = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return Number(row?.p ?? -1) + 1;
}

export async function insertCategories(db: Db, categories: readonly NewCategory[]): Promise<void> {
  if (categories.length === 0) return;
  await db
    .insertInto('categories')
    .values(
      categories.map((c) => ({
        id: c.id,
        school_id: c.schoolId,
        name: c.name,
        color: null,
        position: c.position,
        is_active: c.isActive ? (1 as const) : (0 as const),
        created_at: c.createdAt,
      })),
    )
    .execute();
}

/** Renames or hides one of the school's categories; answers it as stored, or null when it is not the school's. */
export async function updateCategory(
  db: Db,
  schoolId: string,
  id: string,
  change: { name: string; isActive: boolean },
): Promise<Category | null> {
  const row = await db
    .updateTable('categories')
    .set({ name: change.name, is_active: change.isActive ? 1 : 0 })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .returning(['id', 'name', 'is_active', 'position'])
    .executeTakeFirst();
  return row ? toCategory(row) : null;
}
