import { addLine } from './add-line.js';
import { dossierPage } from './dossier-page.js';
import { intake } from './intake.js';
import { listCounts } from './list-counts.js';
import { paymentLink } from './payment-link.js';
import { portalPage } from './portal-page.js';
import { search } from './search.js';
import type { Scenario } from './types.js';
import { webhook } from './webhook.js';

/**
 * Every scenario of `npm run bench`, in the order they run (readers first, writers last).
 * A new issue adds its file here.
 */
export const SCENARIOS: Scenario[] = [
  listCounts,
  dossierPage,
  portalPage,
  search,
  intake,
  addLine,
  paymentLink,
  webhook,
];
