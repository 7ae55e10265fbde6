import type { DayOff, InstructorRecord } from '../../db/repositories/index.js';
import type { Instructor } from '../../shared/contracts/sales.js';

/** The contract's instructor: the stored one with its days off (from today on). */
export function toInstructor(record: InstructorRecord, daysOff: readonly DayOff[]): Instructor {
  return { ...record, daysOff: [...daysOff] };
}

/** The keys of a patch whose value is given and differs from the current one (lists compared by content). */
export function changedKeys<T extends object>(
  current: T,
  patch: Partial<Record<keyof T, unknown>>,
): string[] {
  return Object.entries(patch)
    .filter(([key, value]) => {
      if (value === undefined) return false;
      const before = (current as Record<string, unknown>)[key];
      return JSON.stringify(before) !== JSON.stringify(value);
    })
    .map(([key]) => key);
}

/** The fields of a patch that are present. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The fields of a patch with these keys. */
export function pick<T extends object>(patch: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([k]) => keys.includes(k))) as Partial<T>;
}

/** A calendar day that exists ("2027-02-30" does not). */
export function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
