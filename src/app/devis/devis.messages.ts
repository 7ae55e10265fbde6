import type { StaffText } from '../../domain/errors.js';

/** "21/12/2026": the day as French and British readers write it. */
export function dayText(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** What the Devis onglet's use cases tell staff, in each staff language. */
export const DEVIS_MESSAGES = {
  product: { fr: 'Prestation introuvable.', en: 'Service not found.' },
  session: { fr: 'Session introuvable.', en: 'Session not found.' },
  line: { fr: 'Ligne introuvable.', en: 'Line not found.' },
  instructor: { fr: 'Moniteur introuvable.', en: 'Instructor not found.' },
  invalidLine: {
    fr: 'Cette prestation ne peut pas être ajoutée telle quelle.',
    en: 'This service cannot be added as it is.',
  },
  archivedProduct: {
    fr: 'Cette prestation est archivée : elle n’est plus proposée.',
    en: 'This service is archived: it is no longer offered.',
  },
  inactiveSession: {
    fr: 'Cette session n’est plus ouverte à la vente.',
    en: 'This session is no longer open for sale.',
  },
  notAnExtra: {
    fr: 'Choisissez un extra (assurance…) ou passez par « Cours de ski ».',
    en: 'Choose an extra (insurance…) or go through “Ski lessons”.',
  },
  isAnExtra: {
    fr: 'Un extra s’ajoute sans session : choisissez-le dans les extras.',
    en: 'An extra is added without a session: choose it among the extras.',
  },
  sessionOfAnotherProduct: {
    fr: 'Cette session n’appartient pas à ce cours.',
    en: 'This session belongs to another lesson.',
  },
  archivedFile: {
    fr: 'Ce dossier est archivé : ses prestations ne peuvent plus être modifiées.',
    en: 'This file is archived: its services can no longer be changed.',
  },
  paidLocked: {
    fr: 'Un paiement a été reçu sur ce dossier : ses prestations ne peuvent plus être modifiées ni retirées.',
    en: 'A payment was received on this file: its services can no longer be changed or removed.',
  },
  notCustom: {
    fr: 'Seul un cours sur mesure se valide ainsi.',
    en: 'Only a custom lesson is validated this way.',
  },
  badRange: {
    fr: 'La période doit aller d’une date à une date postérieure, sur 62 jours au plus.',
    en: 'The period must run from a date to a later one, over 62 days at most.',
  },
  noChange: { fr: 'Rien à modifier.', en: 'Nothing to change.' },
  dayOff: { fr: 'congé', en: 'day off' },
} as const satisfies Record<string, StaffText>;

/** "Léa aura 13 ans le 21/12/2026 : ce cours est pour les 5–12 ans." */
export function ageOutOfRange(
  firstName: string,
  age: number,
  day: string,
  ageMin: number | null,
  ageMax: number | null,
): StaffText {
  const range = {
    fr:
      ageMin !== null && ageMax !== null
        ? `les ${ageMin}–${ageMax} ans`
        : ageMin !== null
          ? `les ${ageMin} ans et plus`
          : `les moins de ${(ageMax ?? 0) + 1} ans`,
    en:
      ageMin !== null && ageMax !== null
        ? `ages ${ageMin}–${ageMax}`
        : ageMin !== null
          ? `ages ${ageMin} and over`
          : `ages ${ageMax ?? 0} and under`,
  };
  return {
    fr: `${firstName} aura ${age} an${age > 1 ? 's' : ''} le ${dayText(day)} : ce cours est pour ${range.fr}.`,
    en: `${firstName} will be ${age} on ${dayText(day)}: this lesson is for ${range.en}.`,
  };
}

/** "Ce cours n'est pas pour le niveau de Léa (Débutant)." */
export function levelNotOffered(firstName: string, level: { fr: string; en: string }): StaffText {
  return {
    fr: `Ce cours n’est pas pour le niveau de ${firstName} (${level.fr}).`,
    en: `This lesson is not for ${firstName}’s level (${level.en}).`,
  };
}

/** "Plus que 1 place dans cette session (2 demandées)." */
export function notEnoughPlaces(left: number, asked: number): StaffText {
  const fr =
    left <= 0
      ? 'Cette session est complète'
      : `Plus que ${left} place${left > 1 ? 's' : ''} dans cette session`;
  const en =
    left <= 0 ? 'This session is full' : `Only ${left} place${left > 1 ? 's' : ''} left in this session`;
  return { fr: `${fr} (${asked} demandée${asked > 1 ? 's' : ''}).`, en: `${en} (${asked} asked).` };
}

/** The instructor is busy: what clashes, and how to go on. */
export function instructorBusy(instructor: string, clashes: readonly StaffText[]): StaffText {
  return {
    fr: `${instructor} n’est pas disponible : ${clashes.map((c) => c.fr).join(' ; ')}. Indiquez une raison pour valider quand même.`,
    en: `${instructor} is not available: ${clashes.map((c) => c.en).join('; ')}. Give a reason to validate anyway.`,
  };
}

export const LEVEL_NAMES: Record<string, { fr: string; en: string }> = {
  first_time: { fr: 'N’a jamais skié', en: 'Never skied' },
  beginner: { fr: 'Débutant', en: 'Beginner' },
  intermediate: { fr: 'Intermédiaire', en: 'Intermediate' },
  advanced: { fr: 'Confirmé', en: 'Advanced' },
  expert: { fr: 'Expert', en: 'Expert' },
};
