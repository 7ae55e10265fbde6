import { z } from 'zod';
import {
  type Category,
  findCategoryIdByName,
  insertCategories,
  listCategoriesOfSchool,
  nextCategoryPosition,
  updateCategory,
} from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { text } from '../requests/requests.schemas.js';
import { journal, transact } from '../tx.js';
import { CATEGORY_MESSAGES, CATEGORY_NAME_LABEL } from './categories.messages.js';

export const CategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  position: z.number().int(),
});
export const CategoryInputSchema = z.object({
  name: text(60, CATEGORY_NAME_LABEL, { required: CATEGORY_MESSAGES.nameRequired }),
  isActive: z.boolean().default(true),
});

/** The school's categories, in their order (every staff member reads them). */
export async function listCategories(deps: AppDeps, actor: StaffActor): Promise<Category[]> {
  return listCategoriesOfSchool(deps.db.kysely, actor.schoolId);
}

/** An admin adds or renames a category; names are unique within the school. */
export async function saveCategory(
  deps: AppDeps,
  actor: StaffActor,
  id: string | null,
  input: z.infer<typeof CategoryInputSchema>,
): Promise<Category> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const clash = await findCategoryIdByName(tx.trx, actor.schoolId, input.name);
    if (clash !== null && clash !== id) {
      throw new AppError('CONFLICT', CATEGORY_MESSAGES.nameTaken, {
        fields: { name: CATEGORY_MESSAGES.nameTaken },
      });
    }
    if (id === null) {
      const category: Category = {
        id: newId('category'),
        name: input.name,
        isActive: input.isActive,
        position: await nextCategoryPosition(tx.trx, actor.schoolId),
      };
      await insertCategories(tx.trx, [{ ...category, schoolId: actor.schoolId, createdAt: tx.now }]);
      await journal(tx, {
        schoolId: actor.schoolId,
        actor,
        action: 'category.created',
        details: { name: input.name },
      });
      return category;
    }
    const updated = await updateCategory(tx.trx, actor.schoolId, id, input);
    if (!updated) throw notFound(NOT_FOUND.category);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'category.updated',
      details: { name: input.name },
    });
    return updated;
  });
}
