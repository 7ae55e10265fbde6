import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/**
 * SQLite copies through SQLite's online backup API (better-sqlite3 `backup()`): the copy is one
 * consistent snapshot even while the server keeps writing (WAL), page by page, without stopping it.
 */

export class BackupError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

/** A database file a backup wrote, checked: SQLite's quick check and Schuss's own tables. */
function checkedSchussFile(file: string, flag: string): SQLite.Database {
  if (!existsSync(file)) throw new BackupError(flag, `${file} does not exist`);
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    const tables = db
      .prepare(
        `select name from sqlite_master where type = 'table' and name in ('schools', 'kysely_migration')`,
      )
      .all();
    if (tables.length !== 2) throw new Error('no Schuss tables in it');
  } catch (error) {
    throw new BackupError(
      flag,
      `${file} is not a Schuss SQLite database (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return db;
}

export interface BackupReport {
  file: string;
  bytes: number;
  schools: number;
  requests: number;
}

function reportOf(db: SQLite.Database, file: string): BackupReport {
  const count = (table: string) =>
    (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return { file, bytes: pages * pageSize, schools: count('schools'), requests: count('requests') };
}

/**
 * After the first step, the rest in one step: the default 100 pages per step start over whenever
 * the server commits in between, and a busy server would never let the copy finish. One step is
 * one read transaction (WAL: the server keeps writing meanwhile); it blocks only this process.
 */
function wholeInOneStep(info: { totalPages: number }): number {
  return Math.max(info.totalPages, 100);
}

/** Copies the live database `from` into the new file `to` (refused if it exists), then checks the copy. */
export async function backupSqlite(from: string, to: string): Promise<BackupReport> {
  if (existsSync(to)) throw new BackupError('--to', `${to} exists already; give a new file name`);
  if (!existsSync(from)) throw new BackupError('SQLITE_FILE', `no database at ${from}`);
  const source = new SQLite(from, { fileMustExist: true });
  try {
    await source.backup(to, { progress: wholeInOneStep });
  } finally {
    source.close();
  }
  const copy = checkedSchussFile(to, '--to');
  try {
    return reportOf(copy, to);
  } finally {
    copy.close();
  }
}

/**
 * Puts the backup `from` in place of the database `to` (the server must be stopped). The database
 * it replaces is kept first, as a consistent copy beside it (`<file>.before-restore-<instant>`).
 */
export async function restoreSqlite(
  from: string,
  to: string,
  now: Date,
): Promise<BackupReport & { previous: string | null }> {
  const source = checkedSchussFile(from, '--from');
  try {
    let previous: string | null = null;
    if (existsSync(to)) {
      previous = `${to}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      const current = new SQLite(to, { fileMustExist: true });
      try {
        await current.backup(previous, { progress: wholeInOneStep });
      } finally {
        current.close();
      }
    }
    // Into the existing file through SQLite itself: its WAL is taken care of, nothing half-copied.
    await source.backup(to, { progress: wholeInOneStep });
    const restored = new SQLite(to, { fileMustExist: true });
    try {
      return { ...reportOf(restored, to), previous };
    } finally {
      restored.close();
    }
  } finally {
    source.close();
  }
}
