/**
 * The vocabulary every part of Schuss speaks — server, staff app and bench import it from here
 * (the web app imports server code only through `src/shared`). Stored values are these keys;
 * labels per language live with the screens, pages and e-mails.
 */

import type { DOSSIER_TABS } from '../domain/status.js';

export { STAFF_LANGUAGES, type StaffLanguage } from '../domain/errors.js';
export {
  DOSSIER_TABS,
  SOURCES,
  type Source,
  STATUSES,
  type Status,
} from '../domain/status.js';

/** One of the seven tabs of Gestion des dossiers. */
export type DossierTab = (typeof DOSSIER_TABS)[number];

/** The languages a customer may be written to in (forms, e-mails, the private link). */
export const CUSTOMER_LANGUAGES = ['fr', 'en', 'de', 'it', 'es', 'nl'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];

/** The public forms. */
export const INTAKE_FORMS = ['vel', 'contact', 'custom'] as const;
export type IntakeForm = (typeof INTAKE_FORMS)[number];

export const PRACTICES = ['ski_alpin', 'snowboard', 'telemark', 'ski_de_fond', 'ski_de_randonnee'] as const;
export type Practice = (typeof PRACTICES)[number];

/** Skiing levels, from never skied to expert (the ESF medals are named in the labels). */
export const LEVELS = ['first_time', 'beginner', 'intermediate', 'advanced', 'expert'] as const;
export type Level = (typeof LEVELS)[number];

/** Length of one custom lesson. */
export const DURATIONS = ['1h', '1h30', '2h', '3h', 'half_day', 'full_day'] as const;
export type Duration = (typeof DURATIONS)[number];

/** Parts of the day a custom lesson may take place in. */
export const SLOTS = ['morning', 'midday', 'afternoon'] as const;
export type Slot = (typeof SLOTS)[number];

/** The catalogue kinds Schuss has labels for; a school's own kinds are shown humanised. */
export const KNOWN_PRODUCT_KINDS = ['cours_collectif', 'cours_particulier', 'club_enfants'] as const;

export const MAX_PARTICIPANTS = 12;
export const MAX_SESSIONS = 30;
