import type { StaffText, Text } from './errors.js';

/**
 * Zod holds an issue's message as one string, written when the schema is built, long before
 * anyone knows who will read it. A staff schema therefore gives Zod the French of its catalogue
 * text and keeps both languages where the HTTP layer finds them again (`textOfIssue`), to answer
 * in the reader's language:
 * - a refinement or custom issue carries the text in its `params` (`textIssue`);
 * - a built-in check (`.min()`, `.max()`, `z.enum`…) has no params, so its message is the French
 *   of a text remembered here (`staffError`).
 * Visitor forms pass plain strings, already in the visitor's language: they go through untouched.
 */

/** The params of a custom issue that speaks staff languages. */
interface StaffIssueParams {
  staffText: StaffText;
}

/** A refinement's or custom issue's message and params: `.refine(ok, textIssue(t))`, `ctx.addIssue({ code: 'custom', ...textIssue(t) })`. */
export function textIssue(text: Text): { message: string; params?: StaffIssueParams } {
  return typeof text === 'string' ? { message: text } : { message: text.fr, params: { staffText: text } };
}

const BUILT_IN_TEXTS = new Map<string, StaffText>();

/**
 * The message of a built-in check (`.min(1, staffError(t))`, `z.enum(v, { error: staffError(t) })`):
 * its French, remembered with its English. One French sentence has one English one.
 */
export function staffError(text: StaffText): string {
  const known = BUILT_IN_TEXTS.get(text.fr);
  if (known === undefined) BUILT_IN_TEXTS.set(text.fr, text);
  else if (known.en !== text.en) throw new Error(`Two English texts for the schema message « ${text.fr} »`);
  return text.fr;
}

/** The text of a Zod issue in every staff language it was written in (a plain string otherwise). */
export function textOfIssue(issue: { message: string; params?: unknown }): Text {
  const carried = (issue.params as Partial<StaffIssueParams> | undefined)?.staffText;
  return carried ?? BUILT_IN_TEXTS.get(issue.message) ?? issue.message;
}
