/**
 * Driver errors, translated once here so that no caller tests driver codes itself.
 * SQLite (better-sqlite3's SqliteError): `SQLITE_BUSY*` / `SQLITE_LOCKED*` when another
 * connection holds the lock beyond the busy timeout. PostgreSQL: 55P03 `lock_not_available` when
 * `lock_timeout` runs out.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '55P03';
}

/**
 * A unique or primary key refused the row: PostgreSQL 23505 `unique_violation`; SQLite
 * `SQLITE_CONSTRAINT_UNIQUE` / `SQLITE_CONSTRAINT_PRIMARYKEY`.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * PostgreSQL chose this transaction as the victim of a deadlock (40P01) or of a serialization
 * conflict (40001): it was rolled back whole, and running it again is the documented remedy.
 */
export function isTransactionToRetry(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
