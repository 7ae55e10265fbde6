import type { AppDeps } from '../deps.js';
import type { Language } from './intake.i18n.js';
import { requireIntakeSchool } from './intake-school.js';
import { recordIntake } from './record-intake.js';
import { openSpamGate } from './spam-gate.js';

/** One submission of a public form, as it reached the HTTP edge (JSON API or HTML page). */
export interface PublicSubmission {
  slug: string;
  body: unknown;
  ip: string;
  /** The `x-intake-key` header: a school's own web server posting on behalf of its visitors. */
  intakeKey: string | null;
  /** The visitor's language (explicit choice, then Accept-Language, then French). */
  language: Language;
}

export interface IntakeResult {
  number: string;
}

/**
 * A visitor (or a school's server) submits a public form. Everything that can refuse it is
 * checked before anything is written: the school, the limits of this school for this IP
 * (spam-gate.ts), the key or the form being open, the fields, the honeypot, then either the
 * school's intake key or the minimum fill time and the ALTCHA proof of work, then the
 * per-address limit, then the school's offer (form-checks.ts). The answer carries the new file's
 * number and nothing else, whether the e-mail was known or not. An identical replay answers the
 * number already given and counts nothing (record-intake.ts).
 */
export async function submitPublicIntake(deps: AppDeps, submission: PublicSubmission): Promise<IntakeResult> {
  const { language } = submission;
  const school = await requireIntakeSchool(deps, submission.slug, language);
  const gate = await openSpamGate(deps, school, submission);
  const recorded = await gate.countingRefusals(async () => {
    const { input, challenge, replay } = await gate.admit();
    return (
      replay ??
      (await recordIntake(deps, school, input, {
        language,
        challenge,
        countRecorded: (db) => gate.countRecorded(db),
      }))
    );
  });
  return { number: recorded.number };
}
