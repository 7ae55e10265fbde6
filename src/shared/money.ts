/**
 * Money as the staff app and the server both show it: integer cents (`Cents`), formatted by one
 * function. The arithmetic itself lives in `src/domain/money.ts`.
 */
import type { Cents } from '../domain/money.js';

export { type Cents, cents, eurosInputText, formatMoney, parseEuros, ZERO } from '../domain/money.js';

/**
 * A JSON shape as its reader gets it: every number under a key ending in `Cents` (`totalCents`,
 * `paidCents`, …) is Cents — the server only ever writes integer cents there.
 */
export type WithCents<T> = T extends readonly (infer Item)[]
  ? WithCents<Item>[]
  : T extends object
    ? { [K in keyof T]: K extends `${string}Cents` ? (T[K] extends number ? Cents : T[K]) : WithCents<T[K]> }
    : T;
