/**
 * The school's categories, for the staff app: the schemas live with their use cases in
 * `src/app/categories` and are handed on type-only (no server code in `src/shared` at run time).
 */
import type { z } from 'zod';
import type { CategoryInputSchema, CategorySchema } from '../../app/categories/categories.js';

export type { CategoryInputSchema, CategorySchema };
export type Category = z.infer<typeof CategorySchema>;
export type CategoryBody = z.input<typeof CategoryInputSchema>;
