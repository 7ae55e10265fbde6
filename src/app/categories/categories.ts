import { z } from 'zod';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { text } from '../requests/requests.schemas.js';
import { journal, transact } from '../tx.js';

export const CategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  position: z.number().int(),
});
export const CategoryInputSchema = z.object({
  name: text(60, 'Nom de la catégorie', { required: 'Indiquez le nom de la catégorie.' }),
  isActive: z.boolean().default(true),
});

/** The school's categories, in their order (every staff member reads them). */
export async function listCategories(deps: AppDeps, actor: StaffActor) {
  const rows = await deps.db.kysely
    .selectFrom('categories')
    .selectAll()
    .where('school_id', '=', actor.schoolId)
    .orderBy('position')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isActive: r.is_active === 1, position: r.position }));
}

/** An admin adds or renames a category; names are unique within the school. */
export async function saveCategory(
  deps: AppDeps,
  actor: StaffActor,
  id: string | null,
  input: z.infer<typeof CategoryInputSchema>,
) {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const clash = await tx.trx
      .selectFrom('categories')
      .select('id')
      .where('school_id', '=', actor.schoolId)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash && clash.id !== id) {
      throw new AppError('CONFLICT', 'Une catégorie porte déjà ce nom.', {
        fields: { name: 'Une catégorie porte déjà ce nom.' },
      });
    }
    if (id === null) {
      const max = await tx.trx
        .selectFrom('categories')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('school_id', '=', actor.schoolId)
        .executeTakeFirst();
      const row = {
        id: newId('category'),
        school_id: actor.schoolId,
        name: input.name,
        color: null,
        position: Number(max?.p ?? -1) + 1,
        is_active: input.isActive ? (1 as const) : (0 as const),
        created_at: tx.now,
      };
      await tx.trx.insertInto('categories').values(row).execute();
      await journal(tx, {
        schoolId: actor.schoolId,
        actor,
        action: 'category.created',
        details: { name: input.name },
      });
      return { id: row.id, name: row.name, isActive: input.isActive, position: row.position };
    }
    const result = await tx.trx
      .updateTable('categories')
      .set({ name: input.name, is_active: input.isActive ? 1 : 0 })
      .where('school_id', '=', actor.schoolId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notFound(NOT_FOUND.category);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'category.updated',
      details: { name: input.name },
    });
    const row = await tx.trx
      .selectFrom('categories')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, isActive: row.is_active === 1, position: row.position };
  });
}
