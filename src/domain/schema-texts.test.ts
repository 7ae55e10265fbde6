import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { staffError, textIssue, textOfIssue } from './schema-texts.js';

describe('schema texts in every staff language', () => {
  it('carries a refinement’s text in its issue, and leaves a visitor’s string alone', () => {
    const text = { fr: 'Trop court.', en: 'Too short.' };
    const staff = z
      .string()
      .refine((s) => s.length > 3, textIssue(text))
      .safeParse('ab');
    expect(staff.error?.issues[0]?.message).toBe('Trop court.');
    expect(textOfIssue(staff.error!.issues[0]!)).toEqual(text);
    const visitor = z
      .string()
      .refine((s) => s.length > 3, textIssue('Zu kurz.'))
      .safeParse('ab');
    expect(visitor.error?.issues[0]).not.toHaveProperty('params');
    expect(textOfIssue(visitor.error!.issues[0]!)).toBe('Zu kurz.');
  });

  it('finds the English of a built-in check’s French message', () => {
    const text = { fr: 'Au moins deux choix.', en: 'At least two choices.' };
    const issue = z.array(z.string()).min(2, staffError(text)).safeParse([]).error!.issues[0]!;
    expect(textOfIssue(issue)).toEqual(text);
  });

  it('refuses two English texts for one French message', () => {
    staffError({ fr: 'Une phrase.', en: 'One sentence.' });
    expect(() => staffError({ fr: 'Une phrase.', en: 'One sentence.' })).not.toThrow();
    expect(() => staffError({ fr: 'Une phrase.', en: 'Another sentence.' })).toThrow(/Une phrase/);
  });
});
