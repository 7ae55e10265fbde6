/**
 * Fixed-window failure counter, in memory. Login attempts are limited per account and per IP;
 * with several processes each keeps its own count (the limit then applies per process).
 */
export class FailureLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #entries = new Map<string, { count: number; resetAt: number }>();

  constructor(max: number, windowMs: number) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Seconds to wait if `key` is blocked at `nowMs`, else 0. */
  blockedFor(key: string, nowMs: number): number {
    const entry = this.#entries.get(key);
    if (!entry || entry.resetAt <= nowMs) return 0;
    return entry.count >= this.#max ? Math.ceil((entry.resetAt - nowMs) / 1000) : 0;
  }

  fail(key: string, nowMs: number): void {
    const entry = this.#entries.get(key);
    if (!entry || entry.resetAt <= nowMs) {
      this.#entries.set(key, { count: 1, resetAt: nowMs + this.#windowMs });
      if (this.#entries.size > 100_000) this.#sweep(nowMs);
    } else {
      entry.count++;
    }
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(nowMs: number): void {
    for (const [key, entry] of this.#entries) if (entry.resetAt <= nowMs) this.#entries.delete(key);
  }
}
