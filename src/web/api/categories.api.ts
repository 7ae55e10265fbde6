import type { z } from 'zod';
import type { CategoryInputSchema, CategorySchema } from '../../app/categories/categories';
import { apiRequest } from './http';

export type Category = z.infer<typeof CategorySchema>;
export type CategoryBody = z.input<typeof CategoryInputSchema>;

/** Same limit as the server (CategoryInputSchema). */
export const CATEGORY_NAME_MAX_LENGTH = 60;

export async function listCategories(signal?: AbortSignal): Promise<Category[]> {
  const { items } = await apiRequest<{ items: Category[] }>('GET', '/api/categories', { signal });
  return items;
}

export function createCategory(body: CategoryBody): Promise<Category> {
  return apiRequest<Category>('POST', '/api/categories', { body });
}

export function updateCategory(id: string, body: CategoryBody): Promise<Category> {
  return apiRequest<Category>('PUT', `/api/categories/${encodeURIComponent(id)}`, { body });
}
