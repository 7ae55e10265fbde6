/**
 * Money as the staff app and the server both show it: integer cents (`Cents`), formatted by one
 * function. The arithmetic itself lives in `src/domain/money.ts`.
 */
export { type Cents, cents, formatMoney, parseEuros, ZERO } from '../domain/money.js';
