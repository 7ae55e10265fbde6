import type { Category, CategoryBody } from '../../shared/contracts/categories';
import { apiRequest } from './http';

export type { Category, CategoryBody };

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
