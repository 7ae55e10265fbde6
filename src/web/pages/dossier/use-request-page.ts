import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/http';
import { getRequestPage, type RequestPage, type RequestSummary } from '../../api/requests.api';
import { useLiveEvents } from '../../live/live-events';
import { useMe } from '../../session/session';

const COALESCE_MS = 150;

export type PageState =
  | { status: 'loading' }
  | { status: 'failed'; isNotFound: boolean; message: string | null }
  | { status: 'ready'; data: RequestPage };

/**
 * The dossier page's data, reloaded live when anyone changes the file. A reload replaces only
 * the server's data: what the secretary is typing lives in the components and stays.
 */
export function useRequestPage(id: string) {
  // The journal's sentences come in the language kept on my account (saved when I switch).
  const readerLanguage = useMe().user.language;
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    try {
      const data = await getRequestPage(id);
      if (current === generation.current) setState({ status: 'ready', data });
    } catch (error) {
      if (current !== generation.current) return;
      setState((previous) =>
        // A failed background refresh keeps the page on screen; only the first load shows the error.
        previous.status === 'ready' && !(error instanceof ApiError && error.status === 404)
          ? previous
          : {
              status: 'failed',
              isNotFound: error instanceof ApiError && error.status === 404,
              message: error instanceof ApiError ? error.message : null,
            },
      );
    }
  }, [id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the file or my language changes
  useEffect(() => {
    setState((previous) =>
      previous.status === 'ready' && previous.data.request.id === id ? previous : { status: 'loading' },
    );
    void reload();
  }, [reload, readerLanguage]);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents((event) => {
    if ((event.type === 'request.changed' && event.requestId === id) || event.type === 'resync') {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void reload(), COALESCE_MS);
    }
  });

  /** Puts a PATCH answer on screen at once (new version, comment…), before the full reload. */
  const applySummary = useCallback((summary: RequestSummary) => {
    setState((previous) =>
      previous.status === 'ready' &&
      previous.data.request.id === summary.id &&
      summary.version >= previous.data.request.version
        ? { status: 'ready', data: { ...previous.data, request: summary } }
        : previous,
    );
  }, []);

  return { state, reload, applySummary };
}
