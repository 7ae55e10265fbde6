import { describe, expect, it } from 'vitest';
import {
  describeMix,
  type MinuteRow,
  minuteRows,
  type Sample,
  SOAK_MIX,
  soakVerdict,
  trendOf,
} from '../../bench/soak.js';

const MB = 1024 * 1024;

function row(minute: number, figures: Partial<MinuteRow> = {}): MinuteRow {
  return {
    minute,
    requests: 30_000,
    reqPerSec: 500,
    p99Ms: 20,
    fiveXx: 0,
    rssMb: 300,
    anonMb: 200,
    fileMb: 100,
    heapMb: 120,
    loopP99Ms: 15,
    walMb: 40,
    dbMb: 120,
    outbox: 3,
    ...figures,
  };
}

function sample(at: number, rssMb: number, heapMb: number, walMb: number): Sample {
  return {
    at,
    rssBytes: rssMb * MB,
    rssAnonBytes: (rssMb / 2) * MB,
    rssFileBytes: (rssMb / 2) * MB,
    heapUsedBytes: heapMb * MB,
    loopP99Ms: 10,
    loopMaxMs: 20,
    walBytes: walMb * MB,
    dbBytes: 100 * MB,
    outboxBacklog: 0,
  };
}

describe('the soak mix', () => {
  it('is the weights of issue 15: 45 % staff reads, 10 replies, 15 intake, 10 portal, 10 webhooks, 10 search', () => {
    expect(Object.values(SOAK_MIX).reduce((sum, w) => sum + w, 0)).toBe(100);
    expect(SOAK_MIX.list + SOAK_MIX.file).toBe(45);
    expect(SOAK_MIX).toMatchObject({ reply: 10, intake: 15, portal: 10, webhook: 10, search: 10 });
  });

  it('says its shares in percent, whatever the weights add up to', () => {
    expect(describeMix(SOAK_MIX)).toMatch(
      /^25 % staff list\+counts .*, 20 % staff file page, 10 % secretary replies,/,
    );
    expect(describeMix({ list: 1, file: 1, reply: 0, intake: 0, portal: 0, webhook: 2, search: 0 })).toMatch(
      /^25 % staff list.*, 50 % sandbox-signed webhooks/,
    );
  });
});

describe('the growth of a figure over the minutes', () => {
  const tolerance = { relative: 0.2, absolute: 10 };

  it('takes the second minute as the reference: a warm-up rise in the first minute is not growth', () => {
    expect(trendOf([100, 300, 305, 302, 310], tolerance)).toBe('flat');
  });

  it('is flat within the absolute or the relative tolerance', () => {
    expect(trendOf([0, 20, 25, 28, 29], tolerance)).toBe('flat'); // +9 < 10
    expect(trendOf([0, 500, 550, 580, 590], tolerance)).toBe('flat'); // +90 < 20 % of 500
  });

  it('grows when it keeps rising at the same pace to the end', () => {
    expect(trendOf([100, 120, 160, 200, 240], tolerance)).toBe('grows');
  });

  it('levels off when the last step is under half the average step', () => {
    expect(trendOf([100, 120, 180, 200, 205], tolerance)).toBe('levelling off');
  });

  it('cannot judge with fewer than three minutes, and ignores minutes without a sample', () => {
    expect(trendOf([100, 400], tolerance)).toBe('too short');
    expect(trendOf([100, null, 400], tolerance)).toBe('too short');
  });
});

describe('the verdict', () => {
  it('passes five steady minutes', () => {
    const verdict = soakVerdict([row(1, { heapMb: 60 }), row(2), row(3), row(4), row(5)], 0);
    expect(verdict.ok).toBe(true);
    expect(verdict.line).toMatch(
      /^PASS · last minute vs the second: rssMb flat \(not judged.*\), anonMb flat, heapMb flat, walMb flat/,
    );
  });

  it('fails on a heap that never stops growing, and names it', () => {
    const rows = [120, 140, 170, 200, 230].map((heapMb, i) => row(i + 1, { heapMb }));
    const verdict = soakVerdict(rows, 0);
    expect(verdict.ok).toBe(false);
    expect(verdict.trends.heapMb).toBe('grows');
    expect(verdict.line).toMatch(/^FAIL — heapMb grows without levelling off/);
  });

  it('judges the anonymous part of the RSS when it is measured: the memory-mapped database follows the file', () => {
    const mapped = [300, 400, 500, 600, 700].map((rssMb, i) => row(i + 1, { rssMb, fileMb: rssMb - 200 }));
    const verdict = soakVerdict(mapped, 0);
    expect(verdict.trends.rssMb).toBe('grows');
    expect(verdict.ok).toBe(true);
    expect(verdict.line).toContain(
      'rssMb grows (not judged: anonMb is; the rest is file-backed), anonMb flat',
    );

    const leaking = [300, 400, 500, 600, 700].map((rssMb, i) => row(i + 1, { rssMb, anonMb: rssMb - 100 }));
    expect(soakVerdict(leaking, 0).line).toMatch(/^FAIL — anonMb grows without levelling off/);
  });

  it('judges the whole RSS where the split is not measured', () => {
    const rows = [300, 400, 500, 600, 700].map((rssMb, i) =>
      row(i + 1, { rssMb, anonMb: null, fileMb: null }),
    );
    expect(soakVerdict(rows, 0).line).toMatch(/^FAIL — rssMb grows without levelling off/);
  });

  it('fails on any 5xx, even when nothing grows', () => {
    const verdict = soakVerdict([row(1), row(2), row(3)], 2);
    expect(verdict.ok).toBe(false);
    expect(verdict.line).toMatch(/^FAIL — 2 answers 5xx/);
  });

  it('says a one-minute run is too short to judge growth', () => {
    const verdict = soakVerdict([row(1)], 0);
    expect(verdict.ok).toBe(true);
    expect(verdict.line).toMatch(/too short to judge growth \(1 minute\(s\)/);
  });
});

describe('the table per minute', () => {
  it('puts each answer and each sample in its minute: req/s, p99, 5xx and the peaks of the samples', () => {
    const answers = [
      ...Array.from({ length: 100 }, (_, i) => ({ at: 1 + i * 0.5, status: 200, ms: i + 1 })),
      { at: 61, status: 503, ms: 7 },
      { at: 62, status: 201, ms: 3 },
    ];
    const samples = [
      sample(0, 200, 50, 0),
      sample(30, 250, 90, 4),
      sample(60, 260, 80, 6),
      sample(90, 270, 70, 6),
    ];
    const [first, second] = minuteRows(answers, samples, 2);
    expect(first).toMatchObject({
      minute: 1,
      requests: 100,
      p99Ms: 99,
      fiveXx: 0,
      rssMb: 260,
      anonMb: 130,
      heapMb: 90,
      walMb: 6,
      dbMb: 100,
    });
    expect(first!.reqPerSec).toBeCloseTo(100 / 60);
    expect(second).toMatchObject({ minute: 2, requests: 2, p99Ms: 7, fiveXx: 1, rssMb: 270, heapMb: 70 });
  });
});
