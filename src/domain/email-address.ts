import { textProblem, withoutIgnorables } from './text-rules.js';

/**
 * E-mail addresses as people type them. zod's `z.email()` is ASCII only (it refuses `zoé@…`,
 * which RFC 6531 allows and customers have), so the domain goes through the WHATWG URL
 * standard's IDNA processing (UTS #46, as browsers do: `ｅｘａｍｐｌｅ.fr` → `example.fr`,
 * `école.fr` → `xn--cole-9oa.fr`) and is then held to the DNS host-name rules; the local part is
 * a dot-atom whose letters may be any script's.
 */

/** RFC 5322 atext, plus the letters, marks and digits of every script (RFC 6531). */
const ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, 'u');
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const utf8 = new TextEncoder();

export type EmailProblem = 'control' | 'broken' | 'tooLong' | 'invalid';

/**
 * The address as it will be written to: trimmed, without the zero-width characters that make a
 * look-alike of another address, compatibility forms folded (NFKC: full-width letters, ligatures).
 * Case is kept; `emailKey` is what addresses are compared on.
 */
export function cleanEmail(address: string): string {
  return withoutIgnorables(address.trim()).normalize('NFKC').trim();
}

/** The key two addresses are the same on: the clean address in lower case. */
export function emailKey(address: string): string {
  return cleanEmail(address).toLowerCase().normalize('NFKC');
}

/** What is wrong with an address as typed, or null. Bidi overrides and broken text are refused, not stripped. */
export function emailProblem(typed: string): EmailProblem | null {
  const problem = textProblem(typed.trim(), false);
  if (problem) return problem;
  const address = cleanEmail(typed);
  if (address.length > 254) return 'tooLong';
  return isEmailAddress(address) ? null : 'invalid';
}

/** The domain as the WHATWG URL standard's host parser makes it (IDNA, UTS #46), or null. */
function hostNameOf(domain: string): string | null {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

function isEmailAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (utf8.encode(local).length > 64 || !LOCAL_PART.test(local)) return false;
  // The URL parser would also take what a URL's host may hold around a name (ports, brackets, escapes).
  if (domain === '' || /[\s/?#:@[\]\\%]/u.test(domain)) return false;
  const ascii = hostNameOf(domain);
  if (ascii === null || ascii.length > 253) return false;
  const labels = ascii.split('.');
  const top = labels[labels.length - 1] ?? '';
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TOP_LEVEL.test(top);
}
