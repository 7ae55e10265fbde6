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

/**
 * A phone number as "Nouvelle demande" finds it: digits only, French numbers in their national
 * form, so "+33 6 12", "0033 6 12" and "06 12" are the same key (or the start of it).
 */
export function nationalPhoneDigits(phone: string | null): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.startsWith('0033')) return `0${digits.slice(4)}`;
  if (digits.startsWith('33')) return `0${digits.slice(2)}`;
  return digits;
}

/** What a customer is found by in "Nouvelle demande": the name both ways round, e-mail and phone, folded. */
export interface CustomerSearchKeys {
  lastFirst: string;
  firstLast: string;
  email: string;
  phone: string;
}

/**
 * The stored keys of a customer, folded like the main search ("Lefèvre" is kept as "lefevre"),
 * so that whatever the secretary types, folded the same way, is a prefix of one of them.
 */
export function customerSearchKeys(customer: {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
}): CustomerSearchKeys {
  return {
    lastFirst: indexWords(`${customer.lastName} ${customer.firstName}`),
    firstLast: indexWords(`${customer.firstName} ${customer.lastName}`),
    email: foldForSearch(customer.email.trim()),
    phone: nationalPhoneDigits(customer.phone),
  };
}

/**
 * What a search box typed into "Nouvelle demande" is compared with: the same folding as the
 * stored keys. A phone prefix only when the text looks like a phone number.
 */
export function customerSearchPrefixes(query: string): { name: string; email: string; phone: string } {
  const trimmed = query.trim();
  const isPhone = /^[+0-9 ().-]+$/.test(trimmed);
  return {
    name: indexWords(trimmed),
    email: foldForSearch(trimmed),
    phone: isPhone ? nationalPhoneDigits(trimmed) : '',
  };
}
