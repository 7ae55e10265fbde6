import { z } from 'zod';
import { cleanEmail, emailKey, emailProblem } from '../domain/email-address.js';
import type { StaffText, Text } from '../domain/errors.js';
import { textIssue } from '../domain/schema-texts.js';
import { isInvisible, textProblem, trimInvisible } from '../domain/text-rules.js';
import { EMAIL_MESSAGES, TEXT_MESSAGES } from './common.messages.js';

type StringParams = Parameters<typeof z.string>[0];

/**
 * What a text field answers: in the visitor's language on the public forms (strings), in every
 * staff language in the staff app (`{ fr, en }` texts, see src/domain/schema-texts.ts).
 */
export interface TextWords {
  /** `length` is the text's, trimmed. */
  tooLong: (max: number, length: number) => Text;
  /** Control characters or bidirectional overrides. */
  control: Text;
  /** A lone surrogate or U+FFFD: text broken on the way, refused rather than stored damaged. */
  broken: Text;
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
  required?: Text;
  /** How a value that is not a string at all is answered. */
  invalid?: StringParams;
}) {
  const text = z
    .string(o.invalid)
    .trim()
    .superRefine((s, ctx) => {
      const problem = textProblem(s, o.multiline);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          ...textIssue(problem === 'control' ? o.words.control : o.words.broken),
        });
    })
    .transform(trimInvisible)
    .superRefine((s, ctx) => {
      if (s.length > o.max) ctx.addIssue({ code: 'custom', ...textIssue(o.words.tooLong(o.max, s.length)) });
    });
  const required = o.required;
  return required === undefined ? text : text.refine((s) => !isInvisible(s), textIssue(required));
}

/** The words of a labelled field of the staff app ("Prénom : 80 caractères au plus."), in each staff language. */
export function staffWords(label: StaffText): TextWords {
  return {
    tooLong: (max) => TEXT_MESSAGES.tooLong(label, max),
    control: TEXT_MESSAGES.control(label),
    broken: TEXT_MESSAGES.broken(label),
  };
}

export interface EmailWords {
  invalid: Text;
  tooLong: Text;
  control: Text;
  broken: Text;
}

/**
 * An e-mail address, checked and cleaned (src/domain/email-address.ts): zero-width characters
 * dropped, compatibility forms folded, case kept. Malformed addresses (`a@x..fr`, `.a@x.fr`,
 * `a@-x-.fr`) are refused.
 */
export function emailAddress(words: EmailWords = EMAIL_MESSAGES, invalid?: StringParams) {
  return z
    .string(invalid)
    .superRefine((s, ctx) => {
      const problem = emailProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', ...textIssue(words[problem]) });
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
