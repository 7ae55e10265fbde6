import type { HttpCall } from '../load.js';
import type { Scenario } from './types.js';

/** The "Dossier en cours" tab, first page of 50. Change here if the list route moves. */
export const LIST_PATH = '/api/requests?tab=in_progress&limit=50';
/**
 * The 7 tab counts when they come from their own route; null while the list response carries
 * them (`counts` in GET /api/requests). With a path, one operation = list + counts.
 */
export const COUNTS_PATH: string | null = null;

export const listCounts: Scenario = {
  name: 'list+counts',
  issue: 4,
  description: `GET ${LIST_PATH}${COUNTS_PATH ? ` + GET ${COUNTS_PATH}` : ' (counts included)'} as a secretary of the big school`,
  baseline: 'raw-select',
  budget: { minRatio: 0.35, maxP99Ms: 25, maxErrors: 0 },
  isWriting: false,
  operations(ctx) {
    const headers = { cookie: ctx.staffCookie };
    const calls: HttpCall[] = [{ method: 'GET', path: LIST_PATH, headers }];
    if (COUNTS_PATH) calls.push({ method: 'GET', path: COUNTS_PATH, headers });
    return calls;
  },
};
