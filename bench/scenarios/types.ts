import type { HttpCall, Operations, OpFactory } from '../load.js';
import type { Rng } from '../random.js';
import type { DatasetManifest, WriteTarget } from '../seed.js';
import type { TargetKind } from './targets.js';

/** The raw twins of the write scenarios (see bench/twins.ts). */
export type TwinName = 'add-line' | 'payment-link' | 'intake' | 'webhook';

/**
 * The bare baselines measured in the same run (see bench/baseline-server.ts), and the raw twins
 * (bench/twin-server.ts): a write scenario's twin writes the same rows by raw prepared statements.
 */
export type BaselineName = 'bare-json' | 'raw-insert' | 'raw-select' | `twin:${TwinName}`;

/** What a scenario must reach to PASS. Omitted bounds are not checked. */
export interface Budget {
  /** Operations per second ≥ minRatio × the baseline's requests per second. */
  minRatio?: number;
  maxP95Ms?: number;
  maxP99Ms?: number;
  /** Non-2xx responses + connection errors + timeouts. Default 0. */
  maxErrors?: number;
}

export interface ScenarioContext {
  /** http://127.0.0.1:<port> of the app under test. */
  appUrl: string;
  /** `schuss_session=…` of a secretary of the big school. */
  staffCookie: string;
  dataset: DatasetManifest;
  rng: Rng;
  /** Distinguishes this run's generated content (e-mails, messages) from earlier runs'. */
  runTag: string;
  /** A note printed under the table for this scenario. */
  note(text: string): void;
  /** The next fresh seeded target of a write scenario (see `DatasetManifest.writeTargets`). */
  nextTarget(kind: TargetKind): WriteTarget;
}

export interface Scenario {
  name: string;
  /** The issue that set the budget. */
  issue: number;
  description: string;
  baseline: BaselineName | null;
  budget: Budget;
  /** Writing scenarios run last, so the read scenarios see the seeded dataset as it was. */
  isWriting: boolean;
  /** What one operation sends: a fixed list of requests, or a factory called per operation. */
  operations(ctx: ScenarioContext): Operations;
}

export type { HttpCall, Operations, OpFactory };
