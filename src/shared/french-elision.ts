/**
 * French elision ("de Marie", "d’Élodie"), for the staff app's sentences as for the server's
 * journal sentences: one rule, `src/domain/french-elision.ts`.
 */
export { deName } from '../domain/french-elision.js';
