import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/http';
import {
  type ListItem,
  type ListParams,
  listRequests,
  PAGE_SIZE,
  type TabCounts,
} from '../../api/requests.api';
import { useLiveEvents } from '../../live/live-events';

/** The most rows a live refresh reloads in one call (the API's page limit). */
const MAX_REFRESH = 100;
/** Live events come in bursts (a change, its counts): one refresh for the lot. */
const COALESCE_MS = 250;

export type ListState =
  | { status: 'loading' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; items: ListItem[]; nextCursor: string | null };

export interface RequestList {
  state: ListState;
  /** The last counts of every tab (kept while another tab loads, so the tab bar never blinks). */
  counts: TabCounts | null;
  isLoadingMore: boolean;
  /** Rows beyond what a live refresh can reload have changed: offer "Actualiser". */
  isStale: boolean;
  loadMore(): void;
  reload(): void;
}

function mergeById(current: ListItem[], next: ListItem[]): ListItem[] {
  const seen = new Set(current.map((item) => item.id));
  return [...current, ...next.filter((item) => !seen.has(item.id))];
}

/**
 * One list of files (Gestion des demandes, or one dossier tab), newest activity first, with
 * "Charger plus" keyset pagination; refreshed live when another secretary or a customer acts.
 */
export function useRequestList(params: ListParams): RequestList {
  const key = JSON.stringify(params);
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [counts, setCounts] = useState<TabCounts | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [isStale, setIsStale] = useState(false);
  const [attempt, setAttempt] = useState(0);
  /** Bumped on every new query: answers to an older one are dropped. */
  const generation = useRef(0);
  const latest = useRef({ state, params });
  latest.current = { state, params };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the params; a new attempt reloads
  useEffect(() => {
    const current = ++generation.current;
    const controller = new AbortController();
    setState({ status: 'loading' });
    setIsStale(false);
    listRequests(params, controller.signal).then(
      (page) => {
        if (controller.signal.aborted || current !== generation.current) return;
        setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
        setCounts(page.counts);
      },
      (error: unknown) => {
        if (controller.signal.aborted || current !== generation.current) return;
        setState({ status: 'failed', message: error instanceof ApiError ? error.message : null });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    const { state: now, params: query } = latest.current;
    if (now.status !== 'ready' || !now.nextCursor) return;
    const current = generation.current;
    setIsLoadingMore(true);
    listRequests({ ...query, cursor: now.nextCursor })
      .then(
        (page) => {
          if (current !== generation.current) return;
          setState((s) =>
            s.status === 'ready'
              ? { status: 'ready', items: mergeById(s.items, page.items), nextCursor: page.nextCursor }
              : s,
          );
          setCounts(page.counts);
        },
        () => {
          // The button stays: the next click tries again.
        },
      )
      .finally(() => setIsLoadingMore(false));
  }, []);

  const refreshQuietly = useCallback(() => {
    const { state: now, params: query } = latest.current;
    if (now.status !== 'ready') return;
    const current = generation.current;
    if (now.items.length > MAX_REFRESH) {
      // Deep in the list: keep the rows still, update the counts and offer a refresh.
      listRequests({ ...query, limit: 1 }).then(
        (page) => {
          if (current !== generation.current) return;
          setCounts(page.counts);
          setIsStale(true);
        },
        () => {},
      );
      return;
    }
    const limit = Math.min(MAX_REFRESH, Math.max(PAGE_SIZE, now.items.length));
    listRequests({ ...query, limit }).then(
      (page) => {
        if (current !== generation.current) return;
        setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor });
        setCounts(page.counts);
      },
      () => {},
    );
  }, []);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents((event) => {
    if (event.type === 'request.changed' || event.type === 'counts.changed' || event.type === 'resync') {
      clearTimeout(timer.current);
      timer.current = setTimeout(refreshQuietly, COALESCE_MS);
    }
  });

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, counts, isLoadingMore, isStale, loadMore, reload };
}
