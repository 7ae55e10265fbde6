/**
 * "Marie-Éloïse de la Pérouse" → "MP": first letters of the first and last words that start with
 * a letter (an emoji or a number is not an initial), by code point (never half an emoji).
 */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/u)
    .filter((word) => /^\p{L}/u.test(word));
  const first = Array.from(words[0] ?? '')[0] ?? '';
  const last = words.length > 1 ? (Array.from(words[words.length - 1] ?? '')[0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}
