import { describe, expect, it } from 'vitest';
import { journalSentence } from './journal-sentences.js';

const entry = (action: string, details: Record<string, unknown>) => ({
  actorName: 'Marie Dupont',
  action,
  details,
});

describe('journal sentences', () => {
  it('elides "de" before a vowel or a mute h in French, and only there', () => {
    expect(journalSentence(entry('staff.created', { name: 'Élodie Marchand' }), 'fr')).toBe(
      'Marie Dupont a créé le compte d’Élodie Marchand',
    );
    expect(journalSentence(entry('staff.updated', { name: 'Hugo Bernard' }), 'fr')).toBe(
      'Marie Dupont a modifié le compte d’Hugo Bernard',
    );
    expect(journalSentence(entry('staff.updated', { name: 'Yves Quintal' }), 'fr')).toBe(
      'Marie Dupont a modifié le compte de Yves Quintal',
    );
    expect(journalSentence(entry('staff.created', { name: 'Élodie Marchand' }), 'en')).toBe(
      'Marie Dupont created Élodie Marchand’s account',
    );
  });

  it('says a request opened by staff was noted by phone or at the desk', () => {
    const created = entry('request.created', { number: '2026-00012', source: 'staff' });
    expect(journalSentence(created, 'fr')).toBe(
      'Marie Dupont a noté la demande 2026-00012 (téléphone / guichet)',
    );
    expect(journalSentence(created, 'en')).toBe('Marie Dupont noted request 2026-00012 (phone / desk)');
    expect(journalSentence(entry('request.created', { number: '2026-00013', source: 'email' }), 'fr')).toBe(
      'Marie Dupont a créé la demande 2026-00013 depuis un e-mail',
    );
  });
});
