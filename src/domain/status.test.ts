import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cents, cents } from './money.js';
import {
  activeTotal,
  DOSSIER_TABS,
  deriveStatus,
  isDossierStatus,
  isProcessed,
  SOURCES,
  type Source,
  STATUSES,
  type StatusFacts,
  type StatusLine,
} from './status.js';

const INSTANT = '2026-01-15T09:00:00.000Z';

function makeLine(overrides: Partial<StatusLine> = {}): StatusLine {
  return {
    isActive: true,
    totalCents: cents(10_000),
    isOnlineSale: false,
    isPosImported: false,
    ...overrides,
  };
}

/** An untouched simple request: no line, nothing paid, nothing sent. */
function makeFacts(overrides: Partial<StatusFacts> = {}): StatusFacts {
  return {
    source: 'contact',
    archivedAt: null,
    customValidatedAt: null,
    offerSentAt: null,
    isEnteredInPos: false,
    lines: [],
    paidCents: cents(0),
    ...overrides,
  };
}

const onlineImported = makeLine({ isOnlineSale: true, isPosImported: true });
const onlineNotImported = makeLine({ isOnlineSale: true, isPosImported: false });
const offline = makeLine({ isOnlineSale: false });

describe('deriveStatus — one example per line of the status table', () => {
  it('archives a dossier whenever archivedAt is set, even if fully paid and processed', () => {
    const facts = makeFacts({
      archivedAt: INSTANT,
      lines: [onlineImported],
      paidCents: cents(10_000),
      offerSentAt: INSTANT,
    });
    expect(deriveStatus(facts)).toBe('archived');
  });

  it('archives a simple request (no line) when archivedAt is set', () => {
    expect(deriveStatus(makeFacts({ archivedAt: INSTANT }))).toBe('archived');
  });

  it('keeps a request without any line in "request"', () => {
    expect(deriveStatus(makeFacts({ source: 'vel' }))).toBe('request');
  });

  it('keeps a request whose only lines were removed in "request"', () => {
    const facts = makeFacts({
      source: 'email',
      lines: [makeLine({ isActive: false })],
      paidCents: cents(5_000),
    });
    expect(deriveStatus(facts)).toBe('request');
  });

  it('puts an unvalidated custom-lesson request in "new", even without lines', () => {
    expect(deriveStatus(makeFacts({ source: 'custom' }))).toBe('new');
  });

  it('keeps an unvalidated custom-lesson request in "new" even when it has lines and payments', () => {
    const facts = makeFacts({
      source: 'custom',
      lines: [offline],
      paidCents: cents(10_000),
      offerSentAt: INSTANT,
    });
    expect(deriveStatus(facts)).toBe('new');
  });

  it('treats a validated custom-lesson request without lines as a dossier in progress', () => {
    expect(deriveStatus(makeFacts({ source: 'custom', customValidatedAt: INSTANT }))).toBe('in_progress');
  });

  describe('processed', () => {
    it('marks a fully paid dossier of online lines all imported by the POS as processed', () => {
      const facts = makeFacts({ lines: [onlineImported, onlineImported], paidCents: cents(20_000) });
      expect(deriveStatus(facts)).toBe('processed');
    });

    it('marks a fully paid dossier of offline lines as processed once "entered in POS" is ticked', () => {
      const facts = makeFacts({ lines: [offline], paidCents: cents(10_000), isEnteredInPos: true });
      expect(deriveStatus(facts)).toBe('processed');
    });

    it('marks a fully paid mixed dossier as processed when online lines are imported and POS is ticked', () => {
      const facts = makeFacts({
        lines: [onlineImported, offline],
        paidCents: cents(20_000),
        isEnteredInPos: true,
      });
      expect(deriveStatus(facts)).toBe('processed');
    });

    it('ignores a removed online line that was never imported', () => {
      const removed = makeLine({ isActive: false, isOnlineSale: true, isPosImported: false });
      const facts = makeFacts({ lines: [onlineImported, removed], paidCents: cents(10_000) });
      expect(deriveStatus(facts)).toBe('processed');
    });

    it('counts an overpaid dossier as processed too', () => {
      const facts = makeFacts({ lines: [onlineImported], paidCents: cents(15_000) });
      expect(deriveStatus(facts)).toBe('processed');
    });
  });

  describe('paid', () => {
    it('marks a fully paid dossier as paid while an online line is not imported yet', () => {
      const facts = makeFacts({ lines: [onlineImported, onlineNotImported], paidCents: cents(20_000) });
      expect(deriveStatus(facts)).toBe('paid');
    });

    it('marks a fully paid offline dossier as paid while "entered in POS" is not ticked', () => {
      const facts = makeFacts({ lines: [offline], paidCents: cents(10_000), isEnteredInPos: false });
      expect(deriveStatus(facts)).toBe('paid');
    });

    it('marks a mixed dossier as paid when POS is ticked but an online line is not imported', () => {
      const facts = makeFacts({
        lines: [onlineNotImported, offline],
        paidCents: cents(20_000),
        isEnteredInPos: true,
      });
      expect(deriveStatus(facts)).toBe('paid');
    });

    it('marks a mixed dossier as paid when online lines are imported but POS is not ticked', () => {
      const facts = makeFacts({
        lines: [onlineImported, offline],
        paidCents: cents(20_000),
        isEnteredInPos: false,
      });
      expect(deriveStatus(facts)).toBe('paid');
    });

    it('marks a validated custom-lesson dossier paid in full as paid', () => {
      const facts = makeFacts({
        source: 'custom',
        customValidatedAt: INSTANT,
        lines: [offline],
        paidCents: cents(10_000),
      });
      expect(deriveStatus(facts)).toBe('paid');
    });
  });

  it('marks a partly paid dossier as deposit_paid', () => {
    const facts = makeFacts({ lines: [offline], paidCents: cents(3_000), offerSentAt: INSTANT });
    expect(deriveStatus(facts)).toBe('deposit_paid');
  });

  it('is deposit_paid when one cent is missing', () => {
    const facts = makeFacts({ lines: [onlineImported], paidCents: cents(9_999) });
    expect(deriveStatus(facts)).toBe('deposit_paid');
  });

  it('waits for payment once a quote or payment link has been sent and nothing is paid', () => {
    const facts = makeFacts({ lines: [offline], offerSentAt: INSTANT });
    expect(deriveStatus(facts)).toBe('awaiting_payment');
  });

  it('keeps a dossier with lines but no offer and no payment in progress', () => {
    expect(deriveStatus(makeFacts({ lines: [offline] }))).toBe('in_progress');
  });

  it('does not call a dossier with a zero total paid, even if money came in', () => {
    const free = makeLine({ totalCents: cents(0) });
    expect(deriveStatus(makeFacts({ lines: [free], paidCents: cents(0) }))).toBe('in_progress');
    expect(deriveStatus(makeFacts({ lines: [free], paidCents: cents(500), offerSentAt: INSTANT }))).toBe(
      'awaiting_payment',
    );
  });
});

describe('activeTotal', () => {
  it('sums only the active lines', () => {
    const lines = [
      makeLine({ totalCents: cents(1_000) }),
      makeLine({ totalCents: cents(250), isActive: false }),
      makeLine({ totalCents: cents(40) }),
    ];
    expect(activeTotal(lines)).toBe(1_040);
  });

  it('is zero without lines', () => {
    expect(activeTotal([])).toBe(0);
  });
});

describe('isProcessed', () => {
  it('is false without any active line', () => {
    expect(isProcessed([], true)).toBe(false);
    expect(isProcessed([makeLine({ isActive: false, isOnlineSale: true, isPosImported: true })], true)).toBe(
      false,
    );
  });

  it('does not need "entered in POS" when every line was sold online and imported', () => {
    expect(isProcessed([onlineImported], false)).toBe(true);
  });

  it('needs every online line imported', () => {
    expect(isProcessed([onlineImported, onlineNotImported], true)).toBe(false);
  });

  it('needs "entered in POS" as soon as one active line was not sold online', () => {
    expect(isProcessed([onlineImported, offline], false)).toBe(false);
    expect(isProcessed([onlineImported, offline], true)).toBe(true);
  });

  it('ignores a removed offline line when deciding whether POS entry is needed', () => {
    expect(isProcessed([onlineImported, makeLine({ isActive: false })], false)).toBe(true);
  });
});

describe('isDossierStatus', () => {
  it('keeps only "request" out of "Gestion des dossiers"', () => {
    expect(isDossierStatus('request')).toBe(false);
    for (const status of DOSSIER_TABS) expect(isDossierStatus(status)).toBe(true);
  });

  it('classifies every status, and the dossier tabs are every status but "request"', () => {
    expect(STATUSES.filter(isDossierStatus)).toEqual([...STATUSES].filter((s) => s !== 'request'));
    expect([...DOSSIER_TABS].sort()).toEqual(STATUSES.filter((s) => s !== 'request').sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: arbitrary facts, and the consequences DESIGN.md says must hold.

const instantArb = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const maybeInstantArb = fc.option(instantArb, { nil: null });
const priceArb = fc.integer({ min: 0, max: 500_000 }).map(cents);
const positivePriceArb = fc.integer({ min: 1, max: 500_000 }).map(cents);
const sourceArb = fc.constantFrom<Source>(...SOURCES);

const lineArb: fc.Arbitrary<StatusLine> = fc.record({
  isActive: fc.boolean(),
  totalCents: priceArb,
  isOnlineSale: fc.boolean(),
  isPosImported: fc.boolean(),
});
const activeLineArb = (price: fc.Arbitrary<Cents>): fc.Arbitrary<StatusLine> =>
  fc.record({
    isActive: fc.constant(true),
    totalCents: price,
    isOnlineSale: fc.boolean(),
    isPosImported: fc.boolean(),
  });

const factsArb: fc.Arbitrary<StatusFacts> = fc.record({
  source: sourceArb,
  archivedAt: maybeInstantArb,
  customValidatedAt: maybeInstantArb,
  offerSentAt: maybeInstantArb,
  isEnteredInPos: fc.boolean(),
  lines: fc.array(lineArb, { maxLength: 6 }),
  paidCents: fc.integer({ min: 0, max: 3_000_000 }).map(cents),
});

/** Facts that are a live dossier: not archived, and past the "request" and "new" gates. */
const liveDossierArb: fc.Arbitrary<StatusFacts> = fc
  .tuple(factsArb, fc.array(activeLineArb(priceArb), { minLength: 1, maxLength: 4 }), instantArb)
  .map(([facts, activeLines, validatedAt]) => ({
    ...facts,
    archivedAt: null,
    customValidatedAt: facts.source === 'custom' ? validatedAt : facts.customValidatedAt,
    lines: [...facts.lines, ...activeLines],
  }));

/** Forward order of the dossier tabs that payments move through. */
const PROGRESS = ['in_progress', 'awaiting_payment', 'deposit_paid', 'paid', 'processed'] as const;
const rank = (status: string) => PROGRESS.indexOf(status as (typeof PROGRESS)[number]);

describe('deriveStatus — properties', () => {
  it('always returns one of STATUSES', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        expect(STATUSES).toContain(deriveStatus(facts));
      }),
    );
  });

  it('archives whatever else is true once archivedAt is set', () => {
    fc.assert(
      fc.property(factsArb, instantArb, (facts, archivedAt) => {
        expect(deriveStatus({ ...facts, archivedAt })).toBe('archived');
      }),
    );
  });

  it('never files a custom-lesson request under "request"', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        expect(deriveStatus({ ...facts, source: 'custom' })).not.toBe('request');
      }),
    );
  });

  it('is "request" exactly when a non-custom, non-archived request has no active line', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const expected =
          facts.archivedAt === null && facts.source !== 'custom' && !facts.lines.some((l) => l.isActive);
        expect(deriveStatus(facts) === 'request').toBe(expected);
      }),
    );
  });

  it('turns a simple request into a dossier when a priced line is added', () => {
    const simpleRequestArb = factsArb.map((facts) => ({
      ...facts,
      archivedAt: null,
      source: facts.source === 'custom' ? ('contact' as const) : facts.source,
      lines: facts.lines.map((l) => ({ ...l, isActive: false })),
    }));
    fc.assert(
      fc.property(simpleRequestArb, activeLineArb(positivePriceArb), (request, line) => {
        expect(deriveStatus(request)).toBe('request');
        const after = deriveStatus({ ...request, lines: [...request.lines, line] });
        expect(after).not.toBe('request');
        expect(isDossierStatus(after)).toBe(true);
      }),
    );
  });

  it('moves a paid dossier back to deposit when a line is added that the payment does not cover', () => {
    const fullyPaidArb = fc
      .tuple(liveDossierArb, fc.integer({ min: 0, max: 100_000 }))
      .map(([facts, overpayment]) => ({ ...facts, paidCents: cents(activeTotal(facts.lines) + overpayment) }))
      .filter((facts) => activeTotal(facts.lines) > 0);
    fc.assert(
      fc.property(
        fullyPaidArb,
        activeLineArb(positivePriceArb),
        fc.integer({ min: 1, max: 500_000 }),
        (facts, line, missing) => {
          expect(['paid', 'processed']).toContain(deriveStatus(facts));
          // The new line costs more than whatever was overpaid, so something is due again.
          const overpaid = facts.paidCents - activeTotal(facts.lines);
          const added = { ...line, totalCents: cents(overpaid + missing) };
          expect(facts.paidCents).toBeGreaterThan(0);
          expect(deriveStatus({ ...facts, lines: [...facts.lines, added] })).toBe('deposit_paid');
        },
      ),
    );
  });

  it('keeps an overpaid dossier paid when the added line is covered by the overpayment', () => {
    fc.assert(
      fc.property(liveDossierArb, activeLineArb(positivePriceArb), (facts, line) => {
        const total = activeTotal(facts.lines) + line.totalCents;
        const after = deriveStatus({ ...facts, paidCents: cents(total), lines: [...facts.lines, line] });
        expect(['paid', 'processed']).toContain(after);
      }),
    );
  });

  it('lowers the total when an optional extra is removed, and is paid once the payment covers it', () => {
    const withExtraArb = fc
      .tuple(liveDossierArb, activeLineArb(positivePriceArb), fc.nat())
      .map(([facts, extra, seed]) => {
        const index = seed % (facts.lines.length + 1);
        const lines = [...facts.lines.slice(0, index), extra, ...facts.lines.slice(index)];
        return { facts: { ...facts, lines }, index };
      });
    fc.assert(
      fc.property(withExtraArb, ({ facts, index }) => {
        const before = activeTotal(facts.lines);
        const lines = facts.lines.map((l, i) => (i === index ? { ...l, isActive: false } : l));
        const after = { ...facts, lines };
        const newTotal = activeTotal(lines);
        expect(newTotal).toBeLessThan(before);
        expect(newTotal).toBe(before - facts.lines[index]!.totalCents);
        const status = deriveStatus(after);
        if (facts.paidCents >= newTotal && newTotal > 0) {
          expect(['paid', 'processed']).toContain(status);
        } else {
          expect(['paid', 'processed']).not.toContain(status);
        }
      }),
    );
  });

  it('makes a deposit dossier fully paid when the customer removes the extra the deposit did not cover', () => {
    fc.assert(
      fc.property(liveDossierArb, positivePriceArb, (facts, extraPrice) => {
        const base = activeTotal(facts.lines);
        fc.pre(base > 0);
        const extra = makeLine({ totalCents: extraPrice });
        const withExtra = { ...facts, paidCents: base, lines: [...facts.lines, extra] };
        expect(deriveStatus(withExtra)).toBe('deposit_paid');
        const removed = { ...withExtra, lines: [...facts.lines, { ...extra, isActive: false }] };
        expect(['paid', 'processed']).toContain(deriveStatus(removed));
      }),
    );
  });

  it('never moves a dossier forward on a refund, and lands where the rule says', () => {
    const paidSomethingArb = liveDossierArb.filter((facts) =>
      ['deposit_paid', 'paid', 'processed'].includes(deriveStatus(facts)),
    );
    fc.assert(
      fc.property(paidSomethingArb, fc.integer({ min: 1, max: 3_000_000 }), (facts, refund) => {
        const before = deriveStatus(facts);
        const paidCents = cents(Math.max(0, facts.paidCents - refund));
        const afterFacts = { ...facts, paidCents };
        const after = deriveStatus(afterFacts);
        const total = activeTotal(facts.lines);

        expect(rank(after)).toBeGreaterThanOrEqual(0);
        expect(rank(after)).toBeLessThanOrEqual(rank(before));
        if (paidCents >= total) {
          expect(after).toBe(before);
        } else if (paidCents > 0) {
          expect(after).toBe('deposit_paid');
        } else {
          expect(after).toBe(facts.offerSentAt === null ? 'in_progress' : 'awaiting_payment');
        }
        if (after === 'paid' || after === 'processed') expect(paidCents).toBeGreaterThanOrEqual(total);
      }),
    );
  });

  it('only ever reports paid or processed when the payment covers a positive total', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const status = deriveStatus(facts);
        if (status === 'paid' || status === 'processed') {
          const total = activeTotal(facts.lines);
          expect(total).toBeGreaterThan(0);
          expect(facts.paidCents).toBeGreaterThanOrEqual(total);
          expect(status === 'processed').toBe(isProcessed(facts.lines, facts.isEnteredInPos));
        }
      }),
    );
  });
});
