import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A copy of the seeded database for the raw twins, so their writes never touch the dataset the
 * app is measured on, while they write into tables as large and indexes as deep as the app's:
 * the SQLite file copied, or on PostgreSQL `CREATE DATABASE … TEMPLATE` (no one may be connected
 * to the original meanwhile: the twins run before the app starts). `drop()` removes it.
 */
export async function copyForTwins(source: {
  sqliteFile: string;
  databaseUrl: string | null;
  work: string;
}): Promise<{ database: string; drop(): Promise<void> }> {
  if (!source.databaseUrl) {
    const file = join(source.work, 'twin.db');
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    copyFileSync(source.sqliteFile, file);
    if (existsSync(`${source.sqliteFile}-wal`)) copyFileSync(`${source.sqliteFile}-wal`, `${file}-wal`);
    return {
      database: file,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const url = new URL(source.databaseUrl);
  const original = decodeURIComponent(url.pathname.slice(1));
  const copy = `${original}_twin_${randomBytes(3).toString('hex')}`;
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`create database "${copy}" template "${original}"`);
  } catch (error) {
    throw new Error(
      `The raw twins write into a copy of the bench database; creating it failed (the role needs CREATEDB, and nobody may be connected to "${original}"): ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await admin.end();
  }
  const copyUrl = new URL(url);
  copyUrl.pathname = `/${copy}`;
  return {
    database: copyUrl.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: maintenance.toString() });
      await client.connect();
      await client.query(`drop database if exists "${copy}" with (force)`);
      await client.end();
    },
  };
}
