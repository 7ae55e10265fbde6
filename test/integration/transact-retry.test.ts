import { expect, it } from 'vitest';
import { transact } from '../../src/app/tx.js';
import { describeEachDatabase } from '../support/harness.js';

/** An error as the pg driver reports a deadlock victim. */
const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describeEachDatabase('an action chosen as a deadlock victim', (ctx) => {
  it('is run again whole, in a fresh transaction', async () => {
    let runs = 0;
    const result = await transact(ctx().deps, async () => {
      runs += 1;
      if (runs === 1) throw deadlock();
      return runs;
    });
    expect(result).toBe(2);
  });

  it('answers UNAVAILABLE (503, retry) when it keeps losing, never a bare 500', async () => {
    let runs = 0;
    const failing = transact(ctx().deps, async () => {
      runs += 1;
      throw deadlock();
    });
    await expect(failing).rejects.toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 2 });
    expect(runs).toBe(4);
  });
});
