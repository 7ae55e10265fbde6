import type { HttpCall } from '../load.js';
import type { BaselineName } from './types.js';

export interface Baseline {
  name: BaselineName;
  /** Argument of bench/baseline-server.ts. */
  kind: 'bare' | 'insert' | 'select';
  description: string;
  /** The same request every time: nothing varies, so the load generator builds it once. */
  operations(): HttpCall[];
}

/** Measured first, each in its own process, on the same machine and in the same run as the app. */
export const BASELINES: Baseline[] = [
  {
    name: 'bare-json',
    kind: 'bare',
    description: 'bare Fastify route returning a small JSON object',
    operations: () => [{ method: 'GET', path: '/bench' }],
  },
  {
    name: 'raw-insert',
    kind: 'insert',
    description: 'one raw better-sqlite3 INSERT per request (WAL, synchronous=NORMAL, its own file)',
    operations: () => [{ method: 'POST', path: '/bench' }],
  },
  {
    name: 'raw-select',
    kind: 'select',
    description: 'raw 50-row indexed SELECT over a 100k-row table (prepared, random cursor into the index)',
    operations: () => [{ method: 'GET', path: '/bench' }],
  },
];
