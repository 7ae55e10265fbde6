import type { DatasetManifest, WriteTarget } from '../seed.js';

export type TargetKind = keyof DatasetManifest['writeTargets'];

/**
 * Hands out the write scenarios' seeded targets one by one, each once (an operation on a used
 * one would be refused: a stale version, a link already sent), starting after those earlier runs
 * on the same file used (`writeTargetsUsed`, so `--reuse` keeps working). When a run outlasts
 * them it starts over — those operations fail — and `onExhausted` is told: seed more (`--targets`).
 */
export class TargetPool {
  readonly used: Record<TargetKind, number>;

  constructor(
    private readonly dataset: DatasetManifest,
    private readonly onExhausted: (kind: TargetKind, count: number) => void,
  ) {
    this.used = { noLine: 0, lineNothingSent: 0, openAttempt: 0, ...dataset.writeTargetsUsed };
  }

  next(kind: TargetKind): WriteTarget {
    // A dataset seeded before this kind of target existed has none of them.
    const targets = this.dataset.writeTargets[kind] ?? [];
    if (targets.length === 0) throw new Error('No seeded targets: seed the dataset again (bench/seed.ts).');
    const index = this.used[kind]++;
    if (index === targets.length) this.onExhausted(kind, targets.length);
    return targets[index % targets.length]!;
  }
}
