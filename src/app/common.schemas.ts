import { z } from 'zod';
import { cleanEmail, emailKey, emailProblem } from '../domain/email-address.js';
import { isInvisible, textProblem, trimInvisible } from '../domain/text-rules.js';

type StringParams = Parameters<typeof z.string>[0];

/** What a text field answers, in the language of the screen or form it was typed in. */
export interface TextWords {
  /** `length` is the text's, trimmed. */
  tooLong: (max: number, length: number) => string;
  /** Control characters or bidirectional overrides. */
  control: string;
  /** A lone surrogate or U+FFFD: text broken on the way, refused rather than stored damaged. */
  broken: string;
}

/**
 * Everything a person types goes through here (src/domain/text-rules.ts): trimmed of spaces and
 * invisible characters at the ends, control characters and bidirectional overrides refused
 * (line breaks and tabs allowed in multi-line texts), broken text refused. With `required`, a
 * text showing nothing (only U+200B, U+FEFF…) is empty and answers `required`.
 */
export function humanText(o: {
  max: number;
  multiline: boolean;
  words: TextWords;
  required?: string;
  /** How a value that is not a string at all is answered. */
  invalid?: StringParams;
}) {
  const text = z
    .string(o.invalid)
    .trim()
    .superRefine((s, ctx) => {
      const problem = textProblem(s, o.multiline);
      if (problem)
        ctx.addIssue({ code: 'custom', message: problem === 'control' ? o.words.control : o.words.broken });
    })
    .transform(trimInvisible)
    .superRefine((s, ctx) => {
      if (s.length > o.max) ctx.addIssue({ code: 'custom', message: o.words.tooLong(o.max, s.length) });
    });
  const required = o.required;
  return required === undefined ? text : text.refine((s) => !isInvisible(s), required);
}

/** French words for a labelled field of the staff app ("Prénom : 80 caractères au plus."). */
export function frenchWords(label: string): TextWords {
  return {
    tooLong: (max) => `${label} : ${max} caractères au plus.`,
    control: `${label} : caractères de contrôle interdits.`,
    broken: `${label} : caractères illisibles (texte mal encodé), retapez-le.`,
  };
}

export interface EmailWords {
  invalid: string;
  tooLong: string;
  control: string;
  broken: string;
}

const FRENCH_EMAIL: EmailWords = {
  invalid: 'Adresse e-mail invalide.',
  tooLong: 'Adresse e-mail trop longue (254 caractères au plus).',
  control: 'Adresse e-mail invalide : caractères de contrôle interdits.',
  broken: 'Adresse e-mail invalide : caractères illisibles (texte mal encodé).',
};

/**
 * An e-mail address, checked and cleaned (src/domain/email-address.ts): zero-width characters
 * dropped, compatibility forms folded, case kept. Malformed addresses (`a@x..fr`, `.a@x.fr`,
 * `a@-x-.fr`) are refused.
 */
export function emailAddress(words: EmailWords = FRENCH_EMAIL, invalid?: StringParams) {
  return z
    .string(invalid)
    .superRefine((s, ctx) => {
      const problem = emailProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: words[problem] });
    })
    .transform(cleanEmail);
}

/** An e-mail address as typed, normalised to the key we compare on. */
export const EmailSchema = emailAddress().transform(normalizeEmail);

/**
 * The key customers and staff accounts are found by (`email_normalized`, logins, searches):
 * without zero-width characters, NFKC (full-width `ｚｏé` is `zoé`), lower case.
 */
export function normalizeEmail(email: string): string {
  return emailKey(email);
}
