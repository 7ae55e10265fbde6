import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/http';
import { getPayments, type PaymentsView } from '../../../api/payments.api';
import type { EditResult, RunEdit } from '../run-edit';

export type PaymentsState =
  | { status: 'loading' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; view: PaymentsView };

/**
 * The Paiement onglet of a file, fetched again whenever the file's version moves (a payment
 * arriving online, a colleague's manual payment). A write's answer is shown at once; `write` runs
 * it through the page's edit path (conflicts said once, the page reloaded).
 */
export function usePayments(requestId: string, fileVersion: number, runEdit: RunEdit) {
  const [state, setState] = useState<PaymentsState>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    try {
      const view = await getPayments(requestId);
      if (current === generation.current) setState({ status: 'ready', view });
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

  const write = useCallback(
    (action: () => Promise<PaymentsView>): Promise<EditResult> =>
      runEdit(async () => {
        const view = await action();
        generation.current++;
        setState({ status: 'ready', view });
        return undefined;
      }),
    [runEdit],
  );

  return { state, reload, write };
}
