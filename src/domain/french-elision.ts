/**
 * French elision in generated sentences: "de" becomes "d’" before a word that starts with a
 * vowel or a mute h ("Nouvelle demande d’Élodie", "… d’Hugo", "… d’un client"), and stays "de"
 * otherwise ("de Marie", "de Yves"). Every sentence of the form "… de <name>" goes through here.
 *
 * First names are what follows "de" in our sentences; nearly all French first names starting
 * with h take elision (Hugo, Hélène, Henri…), so every h counts as mute. A y counts as a
 * consonant (Yves, Yann, Yasmine), as in usage.
 */

/** Vowels once accents are taken off, plus the letters that have no decomposition. */
const ELIDING_START = /^[aeiouhæœø]/;

/** True when "de" must be elided before this word. */
export function takesElision(word: string): boolean {
  const first = word
    .trimStart()
    .normalize('NFD')
    .replace(/^[\u0300-\u036f]+/, '')
    .toLowerCase();
  return ELIDING_START.test(first);
}

/** "Élodie Marchand" → "d’Élodie Marchand"; "Marie Dupont" → "de Marie Dupont". */
export function deName(name: string): string {
  const trimmed = name.trim();
  return takesElision(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}
