import { useCallback, useEffect, useRef, useState } from 'react';
import { type Devis, getDevis } from '../../../api/devis.api';
import { ApiError } from '../../../api/http';
import type { EditResult, RunEdit } from '../run-edit';

export type DevisState =
  | { status: 'loading' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; devis: Devis };

/**
 * The Devis answer of a file, fetched again whenever the file's version moves (the page reloads
 * on every live change, so a colleague's line shows here too). A write's answer is put on screen
 * at once; `write` runs it through the page's edit path (conflicts said once, page reloaded).
 */
export function useDevis(requestId: string, fileVersion: number, runEdit: RunEdit) {
  const [state, setState] = useState<DevisState>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    try {
      const devis = await getDevis(requestId);
      if (current === generation.current) setState({ status: 'ready', devis });
    } catch (error) {
      if (current !== generation.current) return;
      setState((previous) =>
        previous.status === 'ready'
          ? previous
          : { status: 'failed', message: error instanceof ApiError ? error.message : null },
      );
    }
  }, [requestId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the file's version is the signal to refetch
  useEffect(() => {
    void reload();
  }, [reload, fileVersion]);

  const accept = useCallback((devis: Devis) => {
    generation.current++;
    setState((previous) =>
      previous.status === 'ready' && previous.devis.version > devis.version
        ? previous
        : { status: 'ready', devis },
    );
  }, []);

  /** One write of the Devis: its answer shown, the page refreshed; field errors left to the form. */
  const write = useCallback(
    (action: () => Promise<Devis>): Promise<EditResult> =>
      runEdit(async () => {
        accept(await action());
        return undefined;
      }),
    [runEdit, accept],
  );

  return { state, reload, write };
}
