import { describe, expect, it } from 'vitest';
import { cleanEmail, emailKey, emailProblem } from './email-address.js';
import { isInvisible, textProblem, trimInvisible } from './text-rules.js';

describe('the one text rule', () => {
  it('refuses NUL, control characters and bidirectional overrides', () => {
    expect(textProblem('Ev\u0000il\u202egnp.exe', false)).toBe('control');
    expect(textProblem('Evil\u202egnp.exe', false)).toBe('control');
    expect(textProblem('a\u2067b', false)).toBe('control');
    expect(textProblem('a\u0085b', true)).toBe('control');
    expect(textProblem('a\u007fb', true)).toBe('control');
    expect(textProblem('Bonjour\u001b[31m', true)).toBe('control');
  });

  it('allows line breaks and tabs in multi-line texts only', () => {
    expect(textProblem('ligne 1\nligne 2\r\n\tfin', true)).toBeNull();
    expect(textProblem('ligne 1\nligne 2', false)).toBe('control');
    expect(textProblem('a\tb', false)).toBe('control');
  });

  it('refuses lone surrogates and U+FFFD as broken text, and keeps real astral characters', () => {
    expect(textProblem('Zo\ud800', false)).toBe('broken');
    expect(textProblem('\udc00Zoé', false)).toBe('broken');
    expect(textProblem('Zo\ufffd', false)).toBe('broken');
    expect(textProblem('Zoé ⛷️ 🏂 𝒵', false)).toBeNull();
    expect(textProblem('Łukasz Nguyễn عبد الله 山田', false)).toBeNull();
  });

  it('counts a text made only of invisible characters as empty, and trims them at the ends', () => {
    for (const s of [
      '',
      ' ',
      '\u200b',
      '\ufeff\u200b',
      '\u2060',
      '\u00ad\u200c\u200d',
      '\u3164',
      ' \u200b\u00a0',
    ]) {
      expect(isInvisible(s)).toBe(true);
    }
    expect(isInvisible('\u200bZoé')).toBe(false);
    expect(trimInvisible('\u200b Zoé\ufeff\u2060')).toBe('Zoé');
    // Joiners inside a word are kept: some scripts and emoji need them.
    expect(trimInvisible('👩\u200d🏫')).toBe('👩\u200d🏫');
    // Variation selectors and tags end emoji sequences: the mountain keeps its U+FE0F, Scotland its tags.
    expect(trimInvisible('Ferrière 🏔️')).toBe('Ferrière 🏔️');
    expect(trimInvisible('Mac 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}\u200b')).toBe(
      'Mac 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
    );
  });
});

describe('e-mail addresses', () => {
  it('gives look-alike addresses the key of the real one', () => {
    expect(emailKey('zo\u200bé@example.fr')).toBe('zoé@example.fr');
    expect(emailKey('ｚｏé@example.fr')).toBe('zoé@example.fr');
    expect(emailKey('ZOE\u0301@Example.FR')).toBe('zoé@example.fr');
    expect(emailKey('zoé@ｅｘａｍｐｌｅ.fr')).toBe('zoé@example.fr');
    expect(cleanEmail('\ufeffZo\u2060é@Example.fr ')).toBe('Zoé@Example.fr');
  });

  it('accepts real addresses, accented ones and international domains included', () => {
    for (const a of [
      'zoé@example.fr',
      'Héloïse.Février@Ecole.test',
      'jean-marc+ski@sous.domaine.example.com',
      "o'neil@example.ie",
      'info@école.fr',
      'иван@пример.рф',
      'a@x.fr',
    ]) {
      expect(emailProblem(a), a).toBeNull();
    }
  });

  it('refuses malformed addresses', () => {
    for (const a of [
      'a@x..fr',
      '.a@x.fr',
      'a.@x.fr',
      'a..b@x.fr',
      'a@-x-.fr',
      'a@x-.fr',
      'a@-x.fr',
      'a@x',
      'a@.x.fr',
      'a@x.fr.',
      'a@x.f',
      'a@x.1',
      'pas-une-adresse',
      '@x.fr',
      'a b@x.fr',
      'a@x y.fr',
      'a@x.fr:25',
      'a@[127.0.0.1]',
      'a@ex%41mple.fr',
      '"a"@x.fr',
      `${'a'.repeat(65)}@x.fr`,
    ]) {
      expect(emailProblem(a), a).toBe('invalid');
    }
    expect(emailProblem(`a@${`${'b'.repeat(60)}.`.repeat(5)}fr`)).toBe('tooLong');
  });

  it('refuses control characters, bidi overrides and broken text instead of dropping them', () => {
    expect(emailProblem('zo\u202eé@example.fr')).toBe('control');
    expect(emailProblem('zo\u0000é@example.fr')).toBe('control');
    expect(emailProblem('zo\ud800@example.fr')).toBe('broken');
  });
});
