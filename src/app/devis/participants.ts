import type { FieldTexts } from '../../domain/errors.js';
import type { Participant } from '../../shared/contracts/sales.js';
import { ageOutOfRange, LEVEL_NAMES, levelNotOffered } from './devis.messages.js';

/** Whole years between a birth date and a day ("YYYY-MM-DD" both): the age on that day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** What a catalogue product accepts of its participants. */
export interface ParticipantRules {
  ageMin: number | null;
  ageMax: number | null;
  /** Empty: every level. */
  levels: readonly string[];
}

/**
 * The participants a lesson can take: each one's age on the session's first day within the
 * product's range, and their level among the product's (none listed: any). Returns the refusals
 * by field ("participants.1.birthDate"), naming the participant.
 */
export function participantRefusals(
  participants: readonly Participant[],
  rules: ParticipantRules,
  firstDay: string,
): FieldTexts {
  const fields: FieldTexts = {};
  participants.forEach((p, i) => {
    const age = ageOn(p.birthDate, firstDay);
    if ((rules.ageMin !== null && age < rules.ageMin) || (rules.ageMax !== null && age > rules.ageMax))
      fields[`participants.${i}.birthDate`] = ageOutOfRange(
        p.firstName,
        age,
        firstDay,
        rules.ageMin,
        rules.ageMax,
      );
    if (rules.levels.length > 0 && !rules.levels.includes(p.level))
      fields[`participants.${i}.level`] = levelNotOffered(
        p.firstName,
        LEVEL_NAMES[p.level] ?? { fr: p.level, en: p.level },
      );
  });
  return fields;
}
