import { findRequestInSchool } from '../db/repositories/index.js';
import { NOT_FOUND, notFound } from '../domain/errors.js';
import type { StaffActor } from './actor.js';
import type { AppDeps } from './deps.js';
import type { LiveEvent } from './events.js';

/** A viewer disappears when no heartbeat came for this long (the staff app beats every 20 s). */
export const PRESENCE_TTL_MS = 45_000;

interface Viewer {
  userId: string;
  name: string;
  until: number;
}

/**
 * Who has which file open ("Luc consulte ce dossier"). Heartbeats travel as live events, so
 * every process (PostgreSQL LISTEN/NOTIFY) knows the viewers of every file.
 */
export class PresenceTracker {
  readonly #byRequest = new Map<string, Map<string, Viewer>>();

  apply(event: LiveEvent, nowMs: number): void {
    if (event.type !== 'presence' || !event.requestId || !event.userId) return;
    const key = `${event.schoolId}:${event.requestId}`;
    const viewers = this.#byRequest.get(key) ?? new Map<string, Viewer>();
    if (event.data?.leaving === true) viewers.delete(event.userId);
    else
      viewers.set(event.userId, {
        userId: event.userId,
        name: String(event.data?.name ?? ''),
        until: nowMs + PRESENCE_TTL_MS,
      });
    if (viewers.size === 0) this.#byRequest.delete(key);
    else this.#byRequest.set(key, viewers);
  }

  viewers(schoolId: string, requestId: string, nowMs: number): { userId: string; name: string }[] {
    const viewers = this.#byRequest.get(`${schoolId}:${requestId}`);
    if (!viewers) return [];
    const alive: { userId: string; name: string }[] = [];
    for (const [id, v] of viewers) {
      if (v.until <= nowMs) viewers.delete(id);
      else alive.push({ userId: v.userId, name: v.name });
    }
    return alive.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }
}

/** A staff member says "I have this file open" (or "I left it"). */
/**
 * "J'ai ce dossier ouvert": a heartbeat of a staff member on a file of their school (another
 * school's id is not found), shared with every process; answers who else has it open.
 */
export async function beatPresence(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  leaving = false,
): Promise<{ userId: string; name: string }[]> {
  if (!(await findRequestInSchool(deps.db.kysely, actor.schoolId, requestId))) throw notFound(NOT_FOUND.file);
  deps.events.publish({
    schoolId: actor.schoolId,
    type: 'presence',
    requestId,
    userId: actor.userId,
    data: { name: actor.name, leaving },
  });
  const viewers = deps.presence.viewers(actor.schoolId, requestId, deps.clock.now().getTime());
  return viewers.filter((v) => v.userId !== actor.userId);
}
