/**
 * One rule for everything people type (names, messages, notes, category names, form fields),
 * whichever screen or form it comes from:
 * - control characters (C0, DEL, C1) are refused; free text may keep its line breaks and tabs,
 *   single-line fields may not;
 * - the bidirectional overrides and isolates that can disguise text (`Ev‮gnp.exe`) are refused;
 * - broken text is refused rather than stored as U+FFFD: a lone UTF-16 surrogate (JSON `"\ud800"`)
 *   and U+FFFD itself, which only ever stands for a character already lost on the way;
 * - invisible characters (zero-width spaces, joiners, BOM, soft hyphens…) are trimmed at the
 *   ends like spaces, and a text made of nothing else counts as empty.
 */
export type TextProblem = 'control' | 'broken';

/** The first problem of a text, or null when it may be stored as it is. */
export function textProblem(text: string, allowBreaks: boolean): TextProblem | null {
  let broken = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (allowBreaks && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return 'control';
    }
    if ((c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return 'control';
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else broken = true;
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffd) {
      broken = true;
    }
  }
  return broken ? 'broken' : null;
}

/**
 * Characters that show nothing: white space and Unicode's default-ignorable code points
 * (U+200B–U+200F, U+2060–U+206F, U+FEFF, U+00AD, U+034F, U+115F, U+3164, variation selectors, tags…).
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;
const INVISIBLE_ALL = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;
/** Variation selectors and tags end emoji (🏔️, flags of regions): part of what precedes them. */
const ENDS_A_SEQUENCE = /[\u{FE00}-\u{FE0F}\u{E0000}-\u{E0FFF}]/u;

const trimmable = (c: string) => INVISIBLE.test(c) && !ENDS_A_SEQUENCE.test(c);

/** Trims what shows nothing at both ends, as `trim()` does for spaces. */
export function trimInvisible(text: string): string {
  if (!INVISIBLE.test(text)) return text;
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && trimmable(chars[start] ?? '')) start++;
  while (end > start && trimmable(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** True when the text shows nothing at all (empty, spaces, or only invisible characters). */
export function isInvisible(text: string): boolean {
  return text.replace(INVISIBLE_ALL, '') === '';
}

/** Zero-width and other default-ignorable characters removed (white space is left alone). */
export function withoutIgnorables(text: string): string {
  return text.replace(/\p{Default_Ignorable_Code_Point}/gu, '');
}
