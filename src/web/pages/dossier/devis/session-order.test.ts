import { describe, expect, it } from 'vitest';
import { sessionsByAskedDates } from './session-order';

const week = (startsOn: string, endsOn: string) => ({ id: startsOn, startsOn, endsOn });

describe('the sessions "Cours de ski" offers first', () => {
  const sessions = [
    week('2027-01-10', '2027-01-15'),
    week('2026-12-27', '2027-01-01'),
    week('2027-01-03', '2027-01-08'),
    week('2026-12-20', '2026-12-25'),
  ];

  it('puts the week covering most of the asked days first, not the earliest that touches them', () => {
    // Asked: 1 to 6 January. The week of 27 December shares 1 day, the week of 3 January 4.
    const { sorted, askedDays } = sessionsByAskedDates(sessions, { from: '2027-01-01', to: '2027-01-06' });
    expect(sorted.map((s) => s.id)).toEqual(['2027-01-03', '2026-12-27', '2026-12-20', '2027-01-10']);
    expect(sorted.map(askedDays)).toEqual([4, 1, 0, 0]);
  });

  it('a single asked day; no asked dates: by first day', () => {
    expect(sessionsByAskedDates(sessions, { from: '2027-01-12', to: null }).sorted[0]!.id).toBe('2027-01-10');
    expect(sessionsByAskedDates(sessions, null).sorted.map((s) => s.id)).toEqual([
      '2026-12-20',
      '2026-12-27',
      '2027-01-03',
      '2027-01-10',
    ]);
  });
});
