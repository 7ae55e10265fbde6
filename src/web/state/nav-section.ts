import { useEffect, useSyncExternalStore } from 'react';

/**
 * Which list the open file belongs to. Every file lives at /dossiers/:id, but a simple request
 * belongs to Gestion des demandes: the navigation highlights the right one.
 */
export type FileSection = 'requests' | 'dossiers';

let current: FileSection | null = null;
const listeners = new Set<() => void>();

function set(section: FileSection | null): void {
  current = section;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called by the file page once it knows the file's status. */
export function useDeclareFileSection(section: FileSection | null): void {
  useEffect(() => {
    set(section);
    return () => set(null);
  }, [section]);
}

export function useFileSection(): FileSection | null {
  return useSyncExternalStore(subscribe, () => current);
}
