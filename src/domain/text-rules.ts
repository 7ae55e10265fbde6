/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text are
 * refused in anything people type. Free text may keep its line breaks and tabs; single-line
 * fields may not.
 */
export function hasForbiddenCharacters(text: string, allowBreaks: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (allowBreaks && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return true;
    }
    if ((c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}
