import { describe, expect, it } from 'vitest';
import { dayIn, shortDayAndTime, yearIn, zonedParts } from './time-zone.js';

describe('time in the school’s time zone', () => {
  it('puts an instant on the day and year of the school, not of UTC', () => {
    // 31 Dec 23:30 UTC is already New Year's Day in Paris, still New Year's Eve in New York.
    const instant = '2026-12-31T23:30:00.000Z';
    expect(dayIn(instant, 'Europe/Paris')).toBe('2027-01-01');
    expect(yearIn(instant, 'Europe/Paris')).toBe(2027);
    expect(dayIn(instant, 'America/New_York')).toBe('2026-12-31');
    expect(yearIn(new Date(instant), 'America/New_York')).toBe(2026);
  });

  it('gives zero-padded parts on a 24-hour clock, summer time included', () => {
    expect(zonedParts('2026-07-05T06:07:00.000Z', 'Europe/Zurich')).toEqual({
      year: '2026',
      month: '07',
      day: '05',
      hour: '08',
      minute: '07',
    });
    expect(shortDayAndTime('2026-01-05T23:05:00.000Z', 'Europe/Paris')).toEqual({
      day: '06/01',
      time: '00:05',
    });
  });
});
