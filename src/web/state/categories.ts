import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { type Category, listCategories } from '../api/categories.api';

/**
 * The school's categories, fetched once and shared by the lists, the file page and the
 * settings page (which puts its changes back here).
 */
let snapshot: Category[] | null = null;
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function setCategories(categories: Category[]): void {
  snapshot = [...categories].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  emit();
}

function load(): Promise<void> {
  inflight ??= listCategories()
    .then(setCategories)
    .catch(() => {
      // Lists still work without category names; the next screen asks again.
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** null while loading. */
export function useCategories(): { categories: Category[] | null; reload(): Promise<void> } {
  const categories = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (snapshot === null) void load();
  }, []);
  const reload = useCallback(() => load(), []);
  return { categories, reload };
}

/** Forget everything when the person signs out (another school may sign in next). */
export function clearCategories(): void {
  snapshot = null;
  emit();
}
