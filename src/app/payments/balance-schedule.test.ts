import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSalesSettings } from '../../db/repositories/index.js';
import { amountDue, cents } from '../../domain/money.js';
import { fileDepositCentsOf } from './balance-schedule.js';

const school = readSalesSettings('{}');
const ruleJson = (rule: { kind: 'percentage'; bp: number } | { kind: 'fixed'; cents: number }) =>
  JSON.stringify({ ...rule, balanceDaysBefore: 7 });

describe('fileDepositCentsOf — "l’acompte" of a file', () => {
  it('never asks more than what is due, nor less than nothing, whatever the rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }).map(cents),
        fc.integer({ min: 0, max: 5_000_000 }).map(cents),
        fc.oneof(
          fc.integer({ min: 0, max: 10_000 }).map((bp) => ruleJson({ kind: 'percentage', bp })),
          fc.integer({ min: 0, max: 5_000_000 }).map((c) => ruleJson({ kind: 'fixed', cents: c })),
          fc.constant(null),
        ),
        (totalCents, paidCents, depositRuleJson) => {
          const deposit = fileDepositCentsOf({ depositRuleJson, totalCents, paidCents }, school);
          expect(deposit).toBeGreaterThanOrEqual(0);
          expect(deposit).toBeLessThanOrEqual(amountDue(totalCents, paidCents));
        },
      ),
    );
  });

  it('takes a percentage rounded half up, and a fixed amount as it is, capped by the total', () => {
    const file = (depositRuleJson: string, total: number) => ({
      depositRuleJson,
      totalCents: cents(total),
      paidCents: cents(0),
    });
    expect(fileDepositCentsOf(file(ruleJson({ kind: 'percentage', bp: 3000 }), 10_001), school)).toBe(3_000);
    expect(fileDepositCentsOf(file(ruleJson({ kind: 'percentage', bp: 3000 }), 10_005), school)).toBe(3_002);
    expect(fileDepositCentsOf(file(ruleJson({ kind: 'fixed', cents: 10_000 }), 39_840), school)).toBe(10_000);
    expect(fileDepositCentsOf(file(ruleJson({ kind: 'fixed', cents: 10_000 }), 8_000), school)).toBe(8_000);
  });

  it('follows the school’s rule when the file has none (or an unreadable one)', () => {
    const expected = Math.round((39_840 * school.defaultDepositBp) / 10_000);
    for (const depositRuleJson of [null, '{"kind":"nonsense"}']) {
      const deposit = fileDepositCentsOf(
        { depositRuleJson, totalCents: cents(39_840), paidCents: cents(0) },
        school,
      );
      expect(school.depositKind).toBe('percentage');
      expect(deposit).toBe(expected);
    }
  });
});
