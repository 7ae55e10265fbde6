import { deleteExpiredIntakeRows } from '../../db/repositories/index.js';
import type { AppDeps } from '../deps.js';

/** How often spent challenges and old fingerprints are swept. */
export const INTAKE_SWEEP_EVERY_MS = 60_000;

/**
 * Spent challenges past their expiry and fingerprints older than the duplicate window are
 * useless (an expired challenge is refused before it is looked up; an old fingerprint is no
 * longer a duplicate): deleted, off the request path.
 */
export async function sweepExpiredIntake(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): Promise<void> {
  const nowMs = deps.clock.now().getTime();
  await deleteExpiredIntakeRows(deps.db.kysely, {
    now: new Date(nowMs).toISOString(),
    fingerprintsBefore: new Date(nowMs - deps.config.intake.duplicateWindowMs).toISOString(),
  });
}

/**
 * Sweeps on a timer that does not keep the process alive. The answer stops it, once the sweep
 * under way (if any) is over: the database can be closed after it.
 */
export function startIntakeHousekeeping(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  everyMs = INTAKE_SWEEP_EVERY_MS,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    // A missed sweep only leaves dead rows (they match nothing) until the next one.
    running = running.then(() => sweepExpiredIntake(deps)).catch(() => undefined);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
