import type { StaffText } from '../../domain/errors.js';

/** What Paramètres → Catalogue and Moniteurs answer, in each staff language. */
export const CATALOGUE_MESSAGES = {
  invalid: { fr: 'Certains champs sont invalides.', en: 'Some fields are invalid.' },
  productNotFound: { fr: 'Prestation introuvable.', en: 'Product not found.' },
  sessionNotFound: { fr: 'Session introuvable.', en: 'Session not found.' },
  instructorNotFound: { fr: 'Moniteur introuvable.', en: 'Instructor not found.' },
  dayOffNotFound: {
    fr: 'Ce moniteur n’est pas indisponible ce jour-là.',
    en: 'This instructor has no day off on that day.',
  },
  ageRange: {
    fr: 'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
    en: 'The maximum age must be at least the minimum age.',
  },
  extraUnit: {
    fr: 'Une option se vend par participant ou par dossier.',
    en: 'An extra is sold per participant or per file.',
  },
  extraHasNoSession: {
    fr: 'Une option (assurance, location…) n’a pas de sessions.',
    en: 'An extra (insurance, rental…) has no sessions.',
  },
  archivedProduct: {
    fr: 'Cette prestation est archivée : remettez-la au catalogue avant de lui ajouter une session.',
    en: 'This product is archived: put it back in the catalogue before adding a session to it.',
  },
  badDay: { fr: 'Cette date n’existe pas.', en: 'This date does not exist.' },
  endsBeforeStart: {
    fr: 'Le dernier jour doit être le premier jour ou après.',
    en: 'The last day must be the first day or later.',
  },
  endTimeBeforeStart: {
    fr: 'L’heure de fin doit être après l’heure de début.',
    en: 'The end time must be after the start time.',
  },
  dayOffTaken: {
    fr: 'Ce moniteur est déjà indisponible ce jour-là.',
    en: 'This instructor already has that day off.',
  },
  dayOffInPast: {
    fr: 'Ce jour est passé : choisissez aujourd’hui ou un jour à venir.',
    en: 'This day has passed: choose today or a day to come.',
  },
} as const satisfies Record<string, StaffText>;

/** "Capacité : 5 places sont déjà prises, elle ne peut pas être inférieure." */
export function capacityBelowTaken(taken: number): StaffText {
  return {
    fr: `${taken} ${taken > 1 ? 'places sont déjà prises' : 'place est déjà prise'} : la capacité ne peut pas être inférieure.`,
    en: `${taken} ${taken > 1 ? 'places are' : 'place is'} already taken: the capacity cannot be lower.`,
  };
}
