import { describe, expect, it } from 'vitest';
import { STAFF_LANGUAGES } from '../domain/errors.js';
import {
  JOURNAL_ACTION_NAMES,
  JOURNAL_ACTIONS,
  type JournalEvent,
  journalSentence,
  readJournalEvent,
} from './journal.js';

const sentence = (event: JournalEvent, language: 'fr' | 'en') =>
  journalSentence('Marie Dupont', event, language);

describe('journal sentences', () => {
  it('elides "de" before a vowel or a mute h in French, and only there', () => {
    const staff = (name: string) => ({ userId: 'u', name, role: 'secretary' });
    expect(sentence({ action: 'staff.created', details: staff('Élodie Marchand') }, 'fr')).toBe(
      'Marie Dupont a créé le compte d’Élodie Marchand',
    );
    expect(sentence({ action: 'staff.updated', details: { userId: 'u', name: 'Hugo Bernard' } }, 'fr')).toBe(
      'Marie Dupont a modifié le compte d’Hugo Bernard',
    );
    expect(sentence({ action: 'staff.updated', details: { userId: 'u', name: 'Yves Quintal' } }, 'fr')).toBe(
      'Marie Dupont a modifié le compte de Yves Quintal',
    );
    expect(sentence({ action: 'staff.created', details: staff('Élodie Marchand') }, 'en')).toBe(
      'Marie Dupont created Élodie Marchand’s account',
    );
  });

  it('says a request opened by staff was noted by phone or at the desk', () => {
    const created: JournalEvent = {
      action: 'request.created',
      details: { number: '2026-00012', source: 'staff' },
    };
    expect(sentence(created, 'fr')).toBe('Marie Dupont a noté la demande 2026-00012 (téléphone / guichet)');
    expect(sentence(created, 'en')).toBe('Marie Dupont noted request 2026-00012 (phone / desk)');
    expect(
      sentence({ action: 'request.created', details: { number: '2026-00013', source: 'email' } }, 'fr'),
    ).toBe('Marie Dupont a créé la demande 2026-00013 depuis un e-mail');
  });

  describe.each(JOURNAL_ACTION_NAMES)('%s', (action) => {
    const { example } = JOURNAL_ACTIONS[action];

    it('has a sentence in French and in English that names who acted and not the code', () => {
      const event = readJournalEvent(action, JSON.stringify(example));
      expect(event).not.toBeNull();
      const texts = STAFF_LANGUAGES.map((language) => sentence(event!, language));
      for (const text of texts) {
        expect(text.startsWith('Marie Dupont ')).toBe(true);
        expect(text).not.toContain(action);
        expect(text.length).toBeGreaterThan('Marie Dupont '.length + 5);
      }
      expect(texts[0]).not.toBe(texts[1]);
    });
  });

  it('reads stored details through the action’s schema, and refuses what it cannot read', () => {
    expect(readJournalEvent('request.category_changed', '{"category":"Groupes"}')).toEqual({
      action: 'request.category_changed',
      details: { category: 'Groupes' },
    });
    expect(readJournalEvent('request.category_changed', '{"category":42}')).toBeNull();
    expect(readJournalEvent('request.category_changed', 'not json')).toBeNull();
    expect(readJournalEvent('toString', '{}')).toBeNull();
    expect(readJournalEvent('request.deleted_by_a_future_version', '{}')).toBeNull();
  });
});
