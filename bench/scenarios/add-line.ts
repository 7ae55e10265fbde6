import type { Scenario } from './types.js';

/** "Ajouter une prestation" on a file; `:id` is a seeded request without a line yet. */
export const ADD_LINE_PATH = '/api/requests/:id/lines';

/** Two adults on the target's session of the adult group lessons (any level, from 13). */
const PARTICIPANTS = [
  { firstName: 'Camille', birthDate: '1984-03-12', level: 'intermediate' },
  { firstName: 'Hugo', birthDate: '1986-11-02', level: 'beginner' },
] as const;

export const addLine: Scenario = {
  name: 'add a catalogue line',
  issue: 9,
  description: `POST ${ADD_LINE_PATH} (a catalogue lesson with 2 participants) on simple requests of the big school, as a secretary`,
  baseline: 'twin:add-line',
  budget: { minRatio: 0.5, maxP99Ms: 25, maxErrors: 0 },
  isWriting: true,
  operations(ctx) {
    const headers = { cookie: ctx.staffCookie, origin: ctx.appUrl };
    const { productId } = ctx.dataset.benchSessions;
    return () => {
      const target = ctx.nextTarget('noLine');
      return [
        {
          method: 'POST',
          path: ADD_LINE_PATH.replace(':id', encodeURIComponent(target.id)),
          headers,
          body: JSON.stringify({
            kind: 'catalog',
            version: target.version,
            productId,
            sessionId: target.sessionId,
            participants: PARTICIPANTS,
          }),
        },
      ];
    };
  },
};
