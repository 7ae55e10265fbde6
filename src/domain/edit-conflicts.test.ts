import { describe, expect, it } from 'vitest';
import { type ChangeMarks, changedSince, conflictMessage, withChangeMarks } from './edit-conflicts.js';

const mark = (version: number, byName: string, fileNumber: string | null = '2026-00001') => ({
  version,
  byName,
  at: '2026-12-01T13:02:00.000Z',
  fileNumber,
});

describe('change marks', () => {
  it('finds only the fields changed after the version the edit started from, newest first', () => {
    let marks: ChangeMarks = {};
    marks = withChangeMarks(marks, ['phone'], mark(2, 'Marie Dupont'));
    marks = withChangeMarks(marks, ['firstName', 'note'], mark(3, 'Luc Martin'));
    expect(changedSince(marks, 1, ['phone', 'note', 'email']).map((c) => c.field)).toEqual(['note', 'phone']);
    expect(changedSince(marks, 2, ['phone', 'email'])).toEqual([]);
    expect(changedSince(marks, 3, ['firstName', 'note'])).toEqual([]);
  });
});

describe('the conflict message', () => {
  const base = { fileNumber: '2026-00001', lastChange: { byName: null, at: '2026-12-01T13:02:00.000Z' } };

  it('names who changed which field of the customer, when (school time) and from which other file', () => {
    expect(
      conflictMessage(
        {
          ...base,
          subject: 'customer',
          timeZone: 'Europe/Paris',
          changes: [
            { field: 'note', mark: mark(4, 'Luc Martin', '2026-00007') },
            { field: 'phone', mark: mark(3, 'Marie Dupont') },
            { field: 'firstName', mark: mark(2, 'Luc Martin', '2026-00007') },
          ],
        },
        'fr',
      ),
    ).toBe(
      'Luc Martin a modifié la fiche du client entre-temps (01/12 à 14:02, dossier 2026-00007) : commentaire client, prénom. ' +
        'Marie Dupont a modifié la fiche du client entre-temps (01/12 à 14:02) : téléphone.',
    );
  });

  it('speaks English to an English-speaking reader', () => {
    expect(
      conflictMessage(
        {
          ...base,
          subject: 'file',
          timeZone: 'Europe/London',
          changes: [{ field: 'language', mark: mark(5, 'Luc Martin') }],
        },
        'en',
      ),
    ).toBe('Luc Martin changed file 2026-00001 in the meantime (01/12 at 13:02): customer’s language.');
  });

  it('names the last editor of the file when the change left no mark', () => {
    expect(
      conflictMessage(
        {
          subject: 'file',
          fileNumber: '2026-00001',
          timeZone: 'Europe/Paris',
          changes: [],
          lastChange: { byName: 'Claire Admin', at: '2026-07-14T08:30:00.000Z' },
        },
        'fr',
      ),
    ).toBe('Claire Admin a modifié le dossier 2026-00001 entre-temps (14/07 à 10:30).');
  });
});
