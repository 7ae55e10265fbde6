import type { Scenario } from './types.js';

/** The search box; the query is appended, URL-encoded. */
export const SEARCH_PATH = '/api/search?q=';

export const search: Scenario = {
  name: 'search',
  issue: 4,
  description: `GET ${SEARCH_PATH}<term>: names with and without accents, e-mails, file numbers, message words`,
  // No ratio budget: the ratio to the raw SELECT is shown for information.
  baseline: 'raw-select',
  budget: { maxP95Ms: 30, maxErrors: 0 },
  isWriting: false,
  operations(ctx) {
    const headers = { cookie: ctx.staffCookie };
    const terms = ctx.dataset.searchTerms;
    return () => [
      { method: 'GET', path: `${SEARCH_PATH}${encodeURIComponent(ctx.rng.pick(terms))}`, headers },
    ];
  },
};
