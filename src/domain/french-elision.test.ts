import { describe, expect, it } from 'vitest';
import { deName, takesElision } from './french-elision.js';

describe('deName: French elision of "de" before a name', () => {
  it.each([
    ['Élodie', 'd’Élodie'],
    ['Élodie Marchand', 'd’Élodie Marchand'],
    ['Hugo', 'd’Hugo'],
    ['Hélène', 'd’Hélène'],
    ['Ophélie', 'd’Ophélie'],
    ['Anne', 'd’Anne'],
    ['Inès', 'd’Inès'],
    ['Ugo', 'd’Ugo'],
    ['Œdipe', 'd’Œdipe'],
    ['Ægir', 'd’Ægir'],
    ['Øystein', 'd’Øystein'],
    ['émilie', 'd’émilie'],
    ['un client', 'd’un client'],
  ])('elides before a vowel or a mute h: %s → %s', (name, expected) => {
    expect(deName(name)).toBe(expected);
  });

  it.each([
    ['Marie', 'de Marie'],
    ['Marie Dupont', 'de Marie Dupont'],
    ['Yves', 'de Yves'],
    ['Yann', 'de Yann'],
    ['Søren Østergård-Ærø', 'de Søren Østergård-Ærø'],
    ['Luc Martin', 'de Luc Martin'],
    ['Zoé', 'de Zoé'],
    ['42 Ski Club', 'de 42 Ski Club'],
    ['🏔️ Team', 'de 🏔️ Team'],
  ])('keeps "de" before a consonant, a y, a digit or a symbol: %s → %s', (name, expected) => {
    expect(deName(name)).toBe(expected);
  });

  it('reads the first letter whatever the Unicode form or the spaces around the name', () => {
    expect(deName('  E\u0301lodie  ')).toBe('d’E\u0301lodie');
    expect(deName('Hélène'.normalize('NFD'))).toBe(`d’${'Hélène'.normalize('NFD')}`);
    expect(takesElision('')).toBe(false);
  });
});
