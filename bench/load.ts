import autocannon from 'autocannon';

/** One HTTP request of a scenario. */
export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One logical operation (a page = maybe several requests); called again for every operation. */
export type OpFactory = () => HttpCall[];

/**
 * What a run sends: the same operation every time (built once: the load generator stays cheap),
 * or a factory called per operation (bodies and ids vary, at some cost in the load generator).
 */
export type Operations = HttpCall[] | OpFactory;

export interface LoadResult {
  seconds: number;
  /** HTTP responses received, and per second. */
  requests: number;
  reqPerSec: number;
  /** Operations completed per second (= reqPerSec / requests per operation). */
  opsPerSec: number;
  /** Latency of one HTTP request, in milliseconds (sub-millisecond resolution). */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Non-2xx responses + connection errors + timeouts. */
  errors: number;
  non2xx: number;
  /** Requests with no answer within 10 s (part of errors). */
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** HTTP requests per operation. */
export function operationSize(operations: Operations): number {
  const size = (Array.isArray(operations) ? operations : operations()).length;
  if (size === 0) throw new Error('An operation needs at least one request.');
  return size;
}

/** One operation's requests, for a plain call outside the timed run. */
export function sampleOperation(operations: Operations): HttpCall[] {
  return Array.isArray(operations) ? operations : operations();
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Drives `url` with autocannon: `connections` clients, each looping over operations built by
 * `nextOp` (called per operation, so bodies and ids vary). Latencies are recorded per response
 * from autocannon's own timer, unrounded, so p95 exists and sub-millisecond routes stay readable.
 */
export async function runLoad(
  /** Several URLs: autocannon spreads its connections over them, round-robin. */
  url: string | string[],
  operations: Operations,
  options: { connections: number; duration: number },
): Promise<LoadResult> {
  const opSize = operationSize(operations);
  const toRequest = (call: HttpCall): autocannon.Request => ({
    method: call.method,
    path: call.path,
    headers: { ...call.headers, ...(call.body !== undefined && { 'content-type': 'application/json' }) },
    body: call.body,
  });
  const nextOp = operations;
  const requests: autocannon.Request[] = Array.isArray(nextOp)
    ? nextOp.map(toRequest)
    : Array.from({ length: opSize }, (_, index) => ({
        setupRequest: (request: autocannon.Request, context: object) => {
          const ctx = context as { op?: HttpCall[] };
          if (index === 0 || !ctx.op) ctx.op = nextOp();
          return { ...request, ...toRequest(ctx.op[index]!) };
        },
      }));

  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      // autocannon 9 takes several URLs (its types say one).
      {
        url: url as string,
        connections: options.connections,
        duration: options.duration,
        requests,
        timeout: 10,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(
    (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
  )) {
    statusCodes[code] = stat.count;
  }
  const count = latencies.length;
  return {
    seconds,
    requests: count,
    reqPerSec: count / seconds,
    opsPerSec: count / opSize / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    errors: result.non2xx + result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    statusCodes,
  };
}
