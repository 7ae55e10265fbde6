import { describe, expect, it } from 'vitest';
import { formatRequestNumber, requestCounterName, yearIn } from './numbering.js';

describe('formatRequestNumber', () => {
  it('pads the sequence to five digits after the year', () => {
    expect(formatRequestNumber(2026, 42)).toBe('2026-00042');
    expect(formatRequestNumber(2026, 1)).toBe('2026-00001');
    expect(formatRequestNumber(2027, 99_999)).toBe('2027-99999');
  });

  it('keeps counting past 99 999 instead of truncating', () => {
    expect(formatRequestNumber(2026, 123_456)).toBe('2026-123456');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the sequence %s', (sequence) => {
    expect(() => formatRequestNumber(2026, sequence)).toThrow(RangeError);
  });
});

describe('requestCounterName', () => {
  it('names one counter per year', () => {
    expect(requestCounterName(2026)).toBe('request:2026');
    expect(requestCounterName(2027)).not.toBe(requestCounterName(2026));
  });
});

describe('yearIn', () => {
  it('counts 31/12 23:30 UTC as the next year in Paris (already 00:30 on 1 January)', () => {
    expect(yearIn('2026-12-31T23:30:00Z', 'Europe/Paris')).toBe(2027);
  });

  it('counts 31/12 23:30 in Paris (22:30 UTC) as that year', () => {
    expect(yearIn('2026-12-31T22:30:00Z', 'Europe/Paris')).toBe(2026);
  });

  it('uses the given time zone, not the machine one', () => {
    expect(yearIn('2026-12-31T23:30:00Z', 'UTC')).toBe(2026);
    expect(yearIn('2027-01-01T02:00:00Z', 'America/New_York')).toBe(2026);
  });
});
