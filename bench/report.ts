import type { LoadResult } from './load.js';
import type { CpuPerRequest } from './processes.js';
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
  /** PostgreSQL with --compare-sqlite: operations/s ÷ the same scenario's on SQLite. */
  vsSqlite?: number;
  sqliteOpsPerSec?: number;
  /** The app's CPU time per answered request over the measured run (from its /api/metrics). */
  cpu?: CpuPerRequest;
}

/** Every read scenario on PostgreSQL: at least this share of its SQLite figure (issue 14). */
export const MIN_VS_SQLITE = 0.7;
/** Several processes: CPU time per request at most this much above one process's (issue 14). */
export const MAX_CPU_VS_ONE_PROCESS = 1.15;

function fail(row: ResultRow, reason: string): void {
  row.reasons.push(reason);
  if (row.verdict === 'PASS') row.verdict = 'FAIL';
}

/** A read scenario on PostgreSQL against the same scenario on SQLite (same dataset shape, same run). */
export function compareWithSqlite(row: ResultRow, sqliteOpsPerSec: number): void {
  if (!row.load || sqliteOpsPerSec <= 0) return;
  row.sqliteOpsPerSec = sqliteOpsPerSec;
  row.vsSqlite = row.load.opsPerSec / sqliteOpsPerSec;
  if (row.vsSqlite < MIN_VS_SQLITE)
    fail(row, `${row.vsSqlite.toFixed(2)}× SQLite < ${MIN_VS_SQLITE.toFixed(2)}×`);
}

/** A row of the several-process run against the same scenario on one process: CPU time per request. */
export function compareWithOneProcess(row: ResultRow, single: ResultRow[]): void {
  const one = single.find((r) => row.name.startsWith(`${r.name} ×`));
  if (!row.cpu || !one?.cpu || row.verdict === 'SKIP') return;
  row.cpu.vsOneProcess = row.cpu.msPerRequest / one.cpu.msPerRequest;
  if (row.cpu.vsOneProcess > MAX_CPU_VS_ONE_PROCESS) {
    fail(
      row,
      `CPU/request ${row.cpu.vsOneProcess.toFixed(2)}× one process's > ${MAX_CPU_VS_ONE_PROCESS.toFixed(2)}×`,
    );
  }
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

/** `0.84` — or, on several processes, `0.84 (0.82/0.86) 1.03×`: each process's, and vs one process. */
function cpuText(cpu: CpuPerRequest): string {
  const total = cpu.msPerRequest.toFixed(2);
  if (cpu.perProcess.length < 2) return total;
  // A process the run sent nothing to (the one-process row of a fleet) still did outbox work: '—'.
  const each = cpu.perProcess
    .map((p) => (Number.isFinite(p.msPerRequest) ? p.msPerRequest.toFixed(2) : '—'))
    .join('/');
  return `${total} (${each})${cpu.vsOneProcess !== undefined ? ` ${cpu.vsOneProcess.toFixed(2)}×` : ''}`;
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
    'vs SQLite',
    'CPU ms/req',
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
        row.vsSqlite !== undefined ? `${row.vsSqlite.toFixed(2)}×` : '',
        row.cpu ? cpuText(row.cpu) : '',
        budgetText(row.budget, null),
        result,
      ],
    };
  });
  // The "vs SQLite" column only on a PostgreSQL run compared with SQLite.
  const shown = header.map((_, i) => i !== 8 || body.some((b) => b.cells[8] !== ''));
  const last = header.length - 1;
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((b) => (i === last ? 0 : b.cells[i]!.length))),
  );
  const numeric = new Set([1, 2, 3, 4, 5, 7, 8, 9]);
  const keep = <T>(cells: T[]) => cells.filter((_, i) => shown[i]);
  const line = (cells: string[]) =>
    keep(
      cells.map((cell, i) =>
        i === last ? cell : numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      ),
    ).join('  ');
  const rule = keep(widths.map((w, i) => '─'.repeat(i === last ? 8 : w))).join('  ');
  return [line(header), rule, ...body.map((b) => paint(b.verdict, line(b.cells)))].join('\n');
}
