import type { WriteTarget } from '../seed.js';
import type { ScenarioContext } from './types.js';

/**
 * Hands out a write scenario's seeded targets one by one, each once (an operation on a used one
 * would be refused: a stale version, a link already sent). When the run outlasts them it starts
 * over — those operations fail — and a note says to seed more (`--targets`).
 */
export function targetQueue(
  targets: readonly WriteTarget[],
  ctx: Pick<ScenarioContext, 'note'>,
): () => WriteTarget {
  if (targets.length === 0) throw new Error('No seeded targets: seed the dataset again (bench/seed.ts).');
  let index = 0;
  return () => {
    if (index === targets.length) {
      ctx.note(
        `used all ${targets.length} seeded targets, then reused them (refused): seed with a larger --targets`,
      );
    }
    return targets[index++ % targets.length]!;
  };
}
