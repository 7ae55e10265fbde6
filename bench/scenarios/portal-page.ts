import { benchPortalToken } from '../seed.js';
import type { Scenario } from './types.js';

/** The customer's private link: the page a customer opens from their e-mail (issue 10). */
export const PORTAL_PATH = '/c/:token';

export const portalPage: Scenario = {
  name: 'portal page',
  issue: 10,
  description: `GET ${PORTAL_PATH} of random seeded requests of the big school (the customer's private link, HTML)`,
  baseline: 'raw-select',
  budget: { minRatio: 0.4, maxP99Ms: 25, maxErrors: 0 },
  isWriting: false,
  operations(ctx) {
    const ids = ctx.dataset.sampleRequestIds;
    return () => [
      {
        method: 'GET' as const,
        path: PORTAL_PATH.replace(':token', benchPortalToken(ctx.rng.pick(ids))),
        headers: {},
      },
    ];
  },
};
