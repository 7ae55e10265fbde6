/**
 * What only the intake knows about its vocabulary: the kinds never asked for and the French
 * labels of the search index. The vocabulary itself (forms, practices, levels, durations, slots)
 * is `src/shared/vocabulary.ts`.
 */
import type { Duration, Practice } from '../../shared/vocabulary.js';

/** Catalogue product kinds that are never asked for on the VEL form (they ride along a dossier). */
export const NON_REQUESTABLE_KINDS = new Set(['extra']);

/**
 * French words for the search index (generated labels are stored as keys and rendered by the staff
 * app in each reader's language); visitors get their labels from the pages.
 */
export const PRACTICE_LABELS_FR: Record<Practice, string> = {
  ski_alpin: 'Ski alpin',
  snowboard: 'Snowboard',
  telemark: 'Télémark',
  ski_de_fond: 'Ski de fond',
  ski_de_randonnee: 'Ski de randonnée',
};

export const DURATION_LABELS_FR: Record<Duration, string> = {
  '1h': '1 h',
  '1h30': '1 h 30',
  '2h': '2 h',
  '3h': '3 h',
  half_day: 'demi-journée',
  full_day: 'journée',
};

/** "cours_collectif" → "Cours collectif": the known kinds, and a readable fallback for the others. */
export function productKindLabelFr(kind: string): string {
  const known: Record<string, string> = {
    cours_collectif: 'Cours collectif',
    cours_particulier: 'Cours particulier',
    club_enfants: 'Club enfants',
  };
  const label = known[kind] ?? kind.replaceAll('_', ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}
