import type { LoadResult } from './load.js';
import type { BaselineName, Budget } from './scenarios/types.js';

export type Verdict = 'PASS' | 'FAIL' | 'SKIP' | 'BASE';

export interface ResultRow {
  name: string;
  kind: 'baseline' | 'scenario';
  issue: number | null;
  description: string;
  verdict: Verdict;
  /** Why it failed or was skipped. */
  reasons: string[];
  /** Worth knowing, not a budget miss (e.g. the server was still busy long after the run). */
  notes: string[];
  load: LoadResult | null;
  /** HTTP requests per operation (the ratio compares operations per second). */
  requestsPerOp: number;
  baseline: BaselineName | null;
  baselineReqPerSec: number | null;
  ratio: number | null;
  budget: Budget | null;
}

/** Checks a scenario's measurements against its budget; the reasons say what missed and by how much. */
export function judge(
  load: LoadResult,
  budget: Budget,
  baselineReqPerSec: number | null,
): { ratio: number | null; reasons: string[] } {
  const reasons: string[] = [];
  const ratio = baselineReqPerSec ? load.opsPerSec / baselineReqPerSec : null;
  if (budget.minRatio !== undefined) {
    if (ratio === null) reasons.push('no baseline measured');
    else if (ratio < budget.minRatio)
      reasons.push(`ratio ${ratio.toFixed(2)}× < ${budget.minRatio.toFixed(2)}×`);
  }
  if (budget.maxP95Ms !== undefined && !(load.p95 <= budget.maxP95Ms)) {
    reasons.push(`p95 ${ms(load.p95)} ms > ${budget.maxP95Ms} ms`);
  }
  if (budget.maxP99Ms !== undefined && !(load.p99 <= budget.maxP99Ms)) {
    reasons.push(`p99 ${ms(load.p99)} ms > ${budget.maxP99Ms} ms`);
  }
  const maxErrors = budget.maxErrors ?? 0;
  if (load.errors > maxErrors) {
    const codes = Object.entries(load.statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, count]) => `${count}× ${code}`)
      .join(', ');
    const timeouts = load.timeouts > 0 ? `${load.timeouts} timeouts (no answer in 10 s)` : '';
    const detail = [codes, timeouts].filter(Boolean).join(', ');
    reasons.push(`${load.errors} errors${detail ? ` (${detail})` : ''}`);
  }
  if (load.requests === 0) reasons.push('no response at all');
  return { ratio, reasons };
}

export function budgetText(budget: Budget | null, baseline: BaselineName | null): string {
  if (!budget) return '';
  const parts: string[] = [];
  if (budget.minRatio !== undefined) parts.push(`≥${budget.minRatio.toFixed(2)}× ${baseline ?? ''}`.trim());
  if (budget.maxP95Ms !== undefined) parts.push(`p95≤${budget.maxP95Ms}`);
  if (budget.maxP99Ms !== undefined) parts.push(`p99≤${budget.maxP99Ms}`);
  parts.push(`${budget.maxErrors ?? 0} err`);
  return parts.join(' · ');
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function rate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

const COLOR = process.stdout.isTTY && !process.env.NO_COLOR;
function paint(verdict: Verdict, text: string): string {
  if (!COLOR) return text;
  const code = verdict === 'PASS' ? 32 : verdict === 'FAIL' ? 31 : verdict === 'SKIP' ? 33 : 2;
  return `\u001b[${code}m${text}\u001b[0m`;
}

/** The table printed at the end of a run. */
export function formatTable(rows: ResultRow[]): string {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'baseline',
    'ratio',
    'budget',
    'result',
  ];
  const body = rows.map((row) => {
    const l = row.load;
    const name = row.requestsPerOp > 1 ? `${row.name} (${row.requestsPerOp} req/op)` : row.name;
    const result =
      row.verdict === 'BASE'
        ? 'baseline'
        : row.verdict === 'SKIP'
          ? `SKIP — ${row.reasons.join('; ')}`
          : row.verdict === 'FAIL'
            ? `FAIL — ${row.reasons.join('; ')}`
            : 'PASS';
    return {
      verdict: row.verdict,
      cells: [
        name,
        l ? rate(l.reqPerSec) : '—',
        l ? ms(l.p50) : '—',
        l ? ms(l.p95) : '—',
        l ? ms(l.p99) : '—',
        l ? String(l.errors) : '—',
        row.baseline
          ? `${row.baseline}${row.baselineReqPerSec ? ` (${rate(row.baselineReqPerSec)})` : ''}`
          : '',
        row.ratio !== null ? `${row.ratio.toFixed(2)}×` : '',
        budgetText(row.budget, null),
        result,
      ],
    };
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((b) => (i === 9 ? 0 : b.cells[i]!.length))),
  );
  const numeric = new Set([1, 2, 3, 4, 5, 7]);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 9 ? cell : numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ');
  const rule = widths.map((w, i) => '─'.repeat(i === 9 ? 8 : w)).join('  ');
  return [line(header), rule, ...body.map((b) => paint(b.verdict, line(b.cells)))].join('\n');
}
