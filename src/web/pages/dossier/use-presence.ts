import { useEffect, useState } from 'react';
import { beatPresence, type Viewer } from '../../api/requests.api';
import { useLiveEvents } from '../../live/live-events';
import { useMe } from '../../session/session';

/** The server forgets a viewer 45 s after their last heartbeat (app/presence.ts). */
const HEARTBEAT_MS = 20_000;

function byName(a: Viewer, b: Viewer): number {
  return a.name.localeCompare(b.name, 'fr');
}

/**
 * "Luc consulte ce dossier": says every 20 s that I have the file open (and that I left it when
 * I leave), and keeps the list of colleagues who have it open, live.
 */
export function usePresence(requestId: string): Viewer[] {
  const { user } = useMe();
  const [viewers, setViewers] = useState<Viewer[]>([]);

  useEffect(() => {
    let stopped = false;
    const beat = () =>
      beatPresence(requestId).then(
        (others) => {
          if (!stopped) setViewers([...others].sort(byName));
        },
        () => {
          // A missed heartbeat is not worth a message: the next one comes in 20 s.
        },
      );
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    const leave = () => {
      beatPresence(requestId, true).catch(() => {});
    };
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      setViewers([]);
      leave();
    };
  }, [requestId]);

  useLiveEvents((event) => {
    if (event.type === 'resync') {
      beatPresence(requestId).then(
        (others) => setViewers([...others].sort(byName)),
        () => {},
      );
      return;
    }
    if (event.type !== 'presence' || event.requestId !== requestId) return;
    const userId = event.userId;
    if (!userId || userId === user.id) return;
    const name = typeof event.data?.name === 'string' ? event.data.name : '';
    const isLeaving = event.data?.leaving === true;
    setViewers((current) => {
      const others = current.filter((viewer) => viewer.userId !== userId);
      return isLeaving ? others : [...others, { userId, name }].sort(byName);
    });
  });

  return viewers;
}
