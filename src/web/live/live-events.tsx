import { createContext, type ReactNode, use, useEffect, useMemo, useRef } from 'react';
import { ApiError, apiRequest } from '../api/http';

/** What GET /api/events sends (http/routes/events.routes.ts), the school id removed. */
export interface LiveEvent {
  type: 'request.changed' | 'counts.changed' | 'notification' | 'presence' | 'resync';
  requestId?: string;
  userId?: string;
  data?: Record<string, unknown>;
}

type Listener = (event: LiveEvent) => void;

const SERVER_TYPES = ['request.changed', 'counts.changed', 'notification', 'presence'] as const;
/** After the server refused the stream (not a network blip, which EventSource retries by itself). */
const REOPEN_AFTER_MS = 5_000;

const LiveContext = createContext<{ subscribe(listener: Listener): () => void } | null>(null);

function parse(type: LiveEvent['type'], raw: string): LiveEvent {
  try {
    const data: unknown = JSON.parse(raw);
    return typeof data === 'object' && data !== null ? { ...(data as object), type } : { type };
  } catch {
    return { type };
  }
}

/**
 * One Server-Sent Events stream per signed-in tab. Screens subscribe to it to refresh lists,
 * counts, the open file and the bell; after a reconnection they get a `resync` (events may
 * have been missed while the stream was down).
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let hasBeenReady = false;
    let stopped = false;
    const dispatch = (event: LiveEvent) => {
      for (const listener of listeners.current) listener(event);
    };

    const open = () => {
      source = new EventSource('/api/events', { withCredentials: true });
      source.addEventListener('ready', () => {
        if (hasBeenReady) dispatch({ type: 'resync' });
        hasBeenReady = true;
      });
      for (const type of SERVER_TYPES) {
        source.addEventListener(type, (message) => dispatch(parse(type, (message as MessageEvent).data)));
      }
      source.addEventListener('error', () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        // Refused for good (the session ended?): asking who I am sends a 401 to the login page.
        apiRequest('GET', '/api/auth/me').then(
          () => {
            if (!stopped) reopen = setTimeout(open, REOPEN_AFTER_MS);
          },
          (error: unknown) => {
            if (!(error instanceof ApiError && error.status === 401) && !stopped)
              reopen = setTimeout(open, REOPEN_AFTER_MS);
          },
        );
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      source?.close();
    };
  }, []);

  const value = useMemo(
    () => ({
      subscribe(listener: Listener) {
        listeners.current.add(listener);
        return () => {
          listeners.current.delete(listener);
        };
      },
    }),
    [],
  );
  return <LiveContext value={value}>{children}</LiveContext>;
}

/** Calls `handler` with every live event of my school; the latest handler is always used. */
export function useLiveEvents(handler: Listener): void {
  const context = use(LiveContext);
  if (!context) throw new Error('useLiveEvents must be used inside <LiveEventsProvider>');
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => context.subscribe((event) => latest.current(event)), [context]);
}
