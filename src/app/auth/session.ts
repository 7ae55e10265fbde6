import { isDatabaseBusy } from '../../db/db-errors.js';
import { deleteSession, findSessionWithUser, touchSession } from '../../db/repositories/index.js';
import type { StaffActor } from '../actor.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { SESSIONS_ENDED } from '../events.js';

export interface StaffSession {
  sessionId: string;
  actor: StaffActor;
  email: string;
  language: string;
  school: { id: string; slug: string; name: string; timeZone: string };
  /** The school's settings as stored, read with the session (the lists need the reminder days). */
  schoolSettingsJson: string;
}

/** last_seen_at is written at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves a session cookie to the signed-in staff member, or null when the session is unknown,
 * idle for too long, past its absolute lifetime, or its user was disabled. The idle clock counts
 * from `last_seen_at`, written at most once a minute so that reads do not all become writes: a
 * session may therefore end up to one minute before its full idle time, never after it.
 */
export async function resolveSession(
  deps: AppDeps,
  token: string,
  options: { isActivity?: boolean } = {},
): Promise<StaffSession | null> {
  const id = sha256(token);
  const row = await findSessionWithUser(deps.db.kysely, id);
  if (!row) return null;
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const lastSeenMs = new Date(row.lastSeenAt).getTime();
  const idleLimit = lastSeenMs + deps.config.sessionIdleMs;
  if (!row.user.isActive || nowMs >= idleLimit || nowMs >= new Date(row.expiresAt).getTime()) {
    await deleteSession(deps.db.kysely, id);
    return null;
  }
  // A live stream re-checking its session is not the staff member doing something: it must not
  // keep an idle session alive.
  if (options.isActivity !== false && nowMs - lastSeenMs > TOUCH_EVERY_MS) {
    // Best effort: while another process holds SQLite's write lock, the read still answers.
    await touchSession(deps.db.kysely, id, now.toISOString()).catch((error: unknown) => {
      if (!isDatabaseBusy(error)) throw error;
    });
  }
  return {
    sessionId: id,
    actor: {
      kind: 'staff',
      schoolId: row.school.id,
      userId: row.user.id,
      name: row.user.name,
      role: row.user.role,
    },
    email: row.user.email,
    language: row.user.language,
    school: row.school,
    schoolSettingsJson: row.schoolSettingsJson,
  };
}

/** Ends the session server-side: the cookie is worthless afterwards, its live streams close. */
export async function logout(deps: AppDeps, token: string): Promise<void> {
  const id = sha256(token);
  const row = await findSessionWithUser(deps.db.kysely, id);
  await deleteSession(deps.db.kysely, id);
  if (row) deps.events.publish({ schoolId: row.school.id, type: SESSIONS_ENDED, data: { sessionId: id } });
}
