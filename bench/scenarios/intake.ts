import { DURATIONS, LEVELS, PRACTICES, SLOTS } from '../../src/shared/vocabulary.js';
import type { Rng } from '../random.js';
import { FIRST_NAMES, fold, LAST_NAMES } from '../seed-content.js';
import type { Scenario } from './types.js';

/** The public intake route; `:school` is the big school's slug. */
export const INTAKE_PATH = '/api/public/:school/requests';
/** A school's own web server posts with its intake key instead of solving the proof of work. */
export const INTAKE_KEY_HEADER = 'x-intake-key';
/** Share of each form among the submissions (contact: a simple request; custom: a dossier with a line). */
export const FORM_MIX = { contact: 60, vel: 25, custom: 15 } as const;

const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * One valid submission, distinct from every other of the run (e-mail and message carry the run
 * tag and a sequence number), so neither the duplicate collapsing nor the per-address limit
 * applies.
 */
export function intakeBody(rng: Rng, runTag: string, n: number): Record<string, unknown> {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const customer = {
    firstName,
    lastName,
    email: `${fold(firstName)}.${fold(lastName)}.${runTag}.${n}@bench.example.org`,
    ...(rng.chance(0.6) && { phone: `+33 6 ${String(rng.int(10_000_000, 99_999_999))}` }),
  };
  const message = `Bonjour, nous aimerions des cours pour la semaine du ${rng.int(1, 28)}/0${rng.int(1, 4)} (réf. ${runTag}-${n}). Merci !`;
  const from = Date.now() + rng.int(10, 60) * DAY;
  const extraDays = rng.int(1, 6);
  const dates = { from: isoDate(from), to: isoDate(from + extraDays * DAY) };
  const participants = Array.from({ length: rng.int(1, 3) }, () => ({
    firstName: rng.pick(FIRST_NAMES),
    birthDate: `${rng.int(1980, 2020)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    level: rng.pick(LEVELS),
  }));
  const form = rng.weighted(FORM_MIX);
  const language = 'fr';
  if (form === 'contact') return { form, language, customer, message };
  if (form === 'vel') {
    return {
      form,
      language,
      customer,
      participants,
      productType: 'cours_collectif',
      practice: rng.pick(PRACTICES),
      dates,
      message,
    };
  }
  return {
    form,
    language,
    customer,
    participants,
    practice: rng.pick(PRACTICES),
    dates,
    slots: [rng.pick(SLOTS)],
    duration: rng.pick(DURATIONS),
    // At most one session a day for the one time of day chosen: the form refuses more.
    sessions: rng.int(1, Math.min(5, extraDays + 1)),
    lessonLanguage: language,
    message,
  };
}

export const intake: Scenario = {
  name: 'intake',
  issue: 14,
  description: `POST ${INTAKE_PATH} with the school intake key: distinct valid submissions (${Object.entries(
    FORM_MIX,
  )
    .map(([form, weight]) => `${weight} % ${form}`)
    .join(', ')})`,
  // Issue 3 set 0.20× bare JSON; issue 14 measures it against the work itself, its raw twin.
  baseline: 'twin:intake',
  budget: { minRatio: 0.5, maxP99Ms: 20, maxErrors: 0 },
  isWriting: true,
  operations(ctx) {
    const path = INTAKE_PATH.replace(':school', encodeURIComponent(ctx.dataset.bigSchool.slug));
    const headers = { [INTAKE_KEY_HEADER]: ctx.dataset.bigSchool.intakeKey };
    let n = 0;
    return () => [
      { method: 'POST', path, headers, body: JSON.stringify(intakeBody(ctx.rng, ctx.runTag, ++n)) },
    ];
  },
};
