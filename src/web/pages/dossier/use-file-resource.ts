import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/http';
import type { EditResult, RunEdit } from './run-edit';

export type FileResourceState<T> =
  | { status: 'loading' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; value: T };

/**
 * One onglet's answer about a file (the Devis, the Paiement view), fetched by `loader` and again
 * whenever the file's version moves (the page reloads on every live change, so a colleague's line
 * or an online payment shows here too). A failed refetch keeps what is on screen. A write's answer
 * is shown at once, unless a newer one already is; `write` runs it through the page's edit path
 * (conflicts said once, the page reloaded, field errors left to the form). `loader` must be a
 * stable function (a module's API call).
 */
export function useFileResource<T extends { version: number }>(
  loader: (requestId: string) => Promise<T>,
  requestId: string,
  fileVersion: number,
  runEdit: RunEdit,
) {
  const [state, setState] = useState<FileResourceState<T>>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    try {
      const value = await loader(requestId);
      if (current === generation.current) setState({ status: 'ready', value });
    } catch (error) {
      if (current !== generation.current) return;
      setState((previous) =>
        previous.status === 'ready'
          ? previous
          : { status: 'failed', message: error instanceof ApiError ? error.message : null },
      );
    }
  }, [loader, requestId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the file's version is the signal to refetch
  useEffect(() => {
    void reload();
  }, [reload, fileVersion]);

  const write = useCallback(
    (action: () => Promise<T>): Promise<EditResult> =>
      runEdit(async () => {
        const value = await action();
        generation.current++;
        setState((previous) =>
          previous.status === 'ready' && previous.value.version > value.version
            ? previous
            : { status: 'ready', value },
        );
        return undefined;
      }),
    [runEdit],
  );

  return { state, reload, write };
}
