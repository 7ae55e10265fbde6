import type { Scenario } from './types.js';

/** Everything the dossier page loads, `:id` replaced by a random seeded request of the big school. */
export const DOSSIER_PATHS = ['/api/requests/:id'];

export const dossierPage: Scenario = {
  name: 'dossier page',
  issue: 4,
  description: `GET ${DOSSIER_PATHS.join(' + ')} of random requests of the big school, as a secretary`,
  baseline: 'raw-select',
  budget: { minRatio: 0.4, maxErrors: 0 },
  isWriting: false,
  operations(ctx) {
    const headers = { cookie: ctx.staffCookie };
    const ids = ctx.dataset.sampleRequestIds;
    return () => {
      const id = encodeURIComponent(ctx.rng.pick(ids));
      return DOSSIER_PATHS.map((path) => ({
        method: 'GET' as const,
        path: path.replace(':id', id),
        headers,
      }));
    };
  },
};
