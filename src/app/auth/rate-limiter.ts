import { clearCounter, counterId, type Db, hitCounter, liveCounters } from '../../db/repositories/index.js';

/**
 * A limit of `max` hits per key in a window that starts at the key's first hit, counted in the
 * database (`rate_counters`): every process on it counts together and a restart forgets nothing.
 * A key over its limit stays refused until its window ends; refused attempts are not counted, so
 * they do not push the end further.
 */
export class RateLimit {
  constructor(
    readonly scope: string,
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit (one statement) and answers the seconds to wait if it went over, else 0. */
  async hit(db: Db, key: string, nowMs: number): Promise<number> {
    const state = await hitCounter(
      db,
      { scope: this.scope, key },
      new Date(nowMs).toISOString(),
      new Date(nowMs + this.windowMs).toISOString(),
    );
    return state.hits > this.max ? secondsUntil(state.expiresAt, nowMs) : 0;
  }

  /** Counts one hit, without asking whether it went over (a failure, a recorded submission). */
  async count(db: Db, key: string, nowMs: number): Promise<void> {
    await this.hit(db, key, nowMs);
  }

  async reset(db: Db, key: string): Promise<void> {
    await clearCounter(db, { scope: this.scope, key });
  }
}

/** A limit applied to one key. */
export interface LimitCheck {
  limit: RateLimit;
  key: string;
}

/**
 * Seconds to wait before the first of these keys that is full frees up (0: none is full). One
 * statement, whatever the number of keys.
 */
export async function blockedFor(db: Db, checks: readonly LimitCheck[], nowMs: number): Promise<number> {
  const counters = checks.map((c) => ({ scope: c.limit.scope, key: c.key }));
  const live = await liveCounters(db, counters, new Date(nowMs).toISOString());
  let wait = 0;
  for (const check of checks) {
    const state = live.get(counterId({ scope: check.limit.scope, key: check.key }));
    if (state && state.hits >= check.limit.max) wait = Math.max(wait, secondsUntil(state.expiresAt, nowMs));
  }
  return wait;
}

function secondsUntil(iso: string, nowMs: number): number {
  return Math.max(1, Math.ceil((new Date(iso).getTime() - nowMs) / 1000));
}
