import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  INTAKE_SWEEP_EVERY_MS,
  startIntakeHousekeeping,
  sweepExpiredIntake,
} from '../../src/app/intake/intake-housekeeping.js';
import { isUniqueViolation } from '../../src/db/db-errors.js';
import type { App } from '../../src/http/types.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor } from '../support/http.js';
import { browserSubmit, contactBody, makeIntakeSchool, TEST_INTAKE } from '../support/intake-client.js';

describeEachDatabase(
  'intake housekeeping: spent challenges and old fingerprints',
  (ctx) => {
    let app: App;
    let school: Awaited<ReturnType<typeof makeIntakeSchool>>;
    const db = () => ctx().deps.db.kysely;
    const window = TEST_INTAKE.duplicateWindowMs;
    let serial = 0;

    beforeAll(async () => {
      app = await appFor(ctx());
      school = await makeIntakeSchool(ctx().deps);
    });
    afterAll(() => app.close());
    afterEach(() => {
      vi.useRealTimers();
    });

    const at = (offsetMs: number) => new Date(ctx().clock.now().getTime() + offsetMs).toISOString();

    /** One spent challenge expired a second ago and one still valid; one fingerprint past the window and one within. */
    async function plantRows() {
      serial += 1;
      const ids = { expired: `ch_expired_${serial}`, live: `ch_live_${serial}` };
      const prints = { old: `fp_old_${serial}`, recent: `fp_recent_${serial}` };
      await db()
        .insertInto('intake_challenges')
        .values([
          { id: ids.expired, expires_at: at(-1_000) },
          { id: ids.live, expires_at: at(3_600_000) },
        ])
        .execute();
      await db()
        .insertInto('intake_fingerprints')
        .values([
          {
            school_id: school.id,
            fingerprint: prints.old,
            request_number: '2026-90001',
            created_at: at(-window - 1_000),
          },
          {
            school_id: school.id,
            fingerprint: prints.recent,
            request_number: '2026-90002',
            created_at: at(-1_000),
          },
        ])
        .execute();
      return { ids, prints };
    }

    async function remaining(planted: Awaited<ReturnType<typeof plantRows>>) {
      const challenges = await db()
        .selectFrom('intake_challenges')
        .select('id')
        .where('id', 'in', Object.values(planted.ids))
        .orderBy('id')
        .execute();
      const fingerprints = await db()
        .selectFrom('intake_fingerprints')
        .select('fingerprint')
        .where('school_id', '=', school.id)
        .where('fingerprint', 'in', Object.values(planted.prints))
        .orderBy('fingerprint')
        .execute();
      return {
        challenges: challenges.map((r) => r.id),
        fingerprints: fingerprints.map((r) => r.fingerprint),
      };
    }

    it('sweeps expired challenges and fingerprints past the duplicate window, by the app’s clock', async () => {
      const planted = await plantRows();
      await sweepExpiredIntake(ctx().deps);
      expect(await remaining(planted)).toEqual({
        challenges: [planted.ids.live],
        fingerprints: [planted.prints.recent],
      });

      ctx().clock.advance(3_600_000 + 1);
      await sweepExpiredIntake(ctx().deps);
      expect(await remaining(planted)).toEqual({ challenges: [], fingerprints: [] });
    });

    it('leaves the sweeping to the housekeeping: a submission deletes nothing', async () => {
      const planted = await plantRows();
      const response = await browserSubmit(ctx(), app, school.slug, contactBody());
      expect(response.statusCode).toBe(201);
      expect(await remaining(planted)).toEqual({
        challenges: [planted.ids.expired, planted.ids.live],
        fingerprints: [planted.prints.old, planted.prints.recent],
      });
      await sweepExpiredIntake(ctx().deps);
      expect((await remaining(planted)).challenges).toEqual([planted.ids.live]);
    });

    it('sweeps on its timer until stopped', async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const stop = startIntakeHousekeeping(ctx().deps);
      const planted = await plantRows();
      vi.advanceTimersByTime(INTAKE_SWEEP_EVERY_MS - 1);
      expect(await remaining(planted)).toMatchObject({ challenges: [planted.ids.expired, planted.ids.live] });
      vi.advanceTimersByTime(1);
      await stop();
      expect(await remaining(planted)).toEqual({
        challenges: [planted.ids.live],
        fingerprints: [planted.prints.recent],
      });

      const later = await plantRows();
      vi.advanceTimersByTime(10 * INTAKE_SWEEP_EVERY_MS);
      await stop();
      expect((await remaining(later)).challenges).toEqual([later.ids.expired, later.ids.live]);
    });

    it('recognises the driver’s unique and primary key violations, and only those', async () => {
      const violation = async (write: () => Promise<unknown>) => {
        try {
          await write();
        } catch (error) {
          return error;
        }
        throw new Error('the write was expected to fail');
      };
      await db()
        .insertInto('intake_challenges')
        .values({ id: 'ch_twice', expires_at: at(60_000) })
        .execute();
      const primaryKey = await violation(() =>
        db()
          .insertInto('intake_challenges')
          .values({ id: 'ch_twice', expires_at: at(60_000) })
          .execute(),
      );
      expect(isUniqueViolation(primaryKey)).toBe(true);

      const other = await makeIntakeSchool(ctx().deps);
      await db()
        .updateTable('schools')
        .set({ intake_key_hash: 'hash-of-a' })
        .where('id', '=', school.id)
        .execute();
      const unique = await violation(() =>
        db()
          .updateTable('schools')
          .set({ intake_key_hash: 'hash-of-a' })
          .where('id', '=', other.id)
          .execute(),
      );
      expect(isUniqueViolation(unique)).toBe(true);

      const notNull = await violation(() =>
        db()
          .insertInto('intake_challenges')
          .values({ id: 'ch_null', expires_at: null as unknown as string })
          .execute(),
      );
      expect(isUniqueViolation(notNull)).toBe(false);
      expect(isUniqueViolation(new Error('no code'))).toBe(false);
      expect(isUniqueViolation(null)).toBe(false);
    });
  },
  { config: { intake: TEST_INTAKE } },
);
