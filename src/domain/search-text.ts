/**
 * Search ignores accents and case on both databases the same way: text is folded here, in one
 * place, before it is indexed and before it is searched ("Héloïse" finds "heloise").
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .toLowerCase();
}

/**
 * Text as the search index stores it: folded, punctuation turned into spaces, so that both
 * databases see the same words ("zoe.lefevre@example.fr" is "zoe lefevre example fr").
 */
export function indexWords(text: string): string {
  return foldForSearch(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a search box, folded, without punctuation; at most 8 of them. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** Phone numbers are also indexed as digits only, so "06 12 34" and "061234" both find them. */
export function phoneDigits(phone: string | null): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  // +33 6 12… is also found as 06 12…
  return digits.startsWith('33') && digits.length === 11 ? `${digits} 0${digits.slice(2)}` : digits;
}
