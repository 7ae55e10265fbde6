import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/20261126_0001_initial.js';
import * as m0002 from './migrations/20261126_0002_intake.js';
import * as m0003 from './migrations/20261126_0003_lists_search.js';
import * as m0004 from './migrations/20261126_0004_list_columns.js';
import * as m0005 from './migrations/20261126_0005_pg_search_order.js';
import * as m0006 from './migrations/20261201_0006_customer_note.js';
import * as m0007 from './migrations/20261201_0007_message_keys.js';
import * as m0008 from './migrations/20261201_0008_customer_search_key.js';
import * as m0009 from './migrations/20261202_0009_rate_counters.js';
import * as m0010 from './migrations/20261202_0010_tenant_keys.js';
import * as m0011 from './migrations/20261202_0011_status_check.js';
import * as m0012 from './migrations/20261202_0012_catalogue_quotes.js';
import * as m0013 from './migrations/20261202_0013_line_tenant_keys.js';
import * as m0014 from './migrations/20261202_0014_payments.js';
import * as m0017 from './migrations/20261202_0017_school_disabled.js';
import * as m0019 from './migrations/20261202_0019_mail.js';
import * as m0020 from './migrations/20261202_0020_pos_archive.js';

/** Migrations are listed here, in order; their names are frozen once released. */
const MIGRATIONS: Record<string, Migration> = {
  '20261126_0001_initial': m0001,
  '20261126_0002_intake': m0002,
  '20261126_0003_lists_search': m0003,
  '20261126_0004_list_columns': m0004,
  '20261126_0005_pg_search_order': m0005,
  '20261201_0006_customer_note': m0006,
  '20261201_0007_message_keys': m0007,
  '20261201_0008_customer_search_key': m0008,
  '20261202_0009_rate_counters': m0009,
  '20261202_0010_tenant_keys': m0010,
  '20261202_0011_status_check': m0011,
  '20261202_0012_catalogue_quotes': m0012,
  '20261202_0013_line_tenant_keys': m0013,
  '20261202_0014_payments': m0014,
  '20261202_0017_school_disabled': m0017,
  '20261202_0019_mail': m0019,
  '20261202_0020_pos_archive': m0020,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Numbers are handed out ahead to parallel branches, so a database may have run 0020 before
  // 0017 landed: each migration stands alone, and the missing ones run in order of their names.
  const migrator = new Migrator({ db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Every migration's name, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

/** Migrates up (or down) to the named migration: tests use it to fill a database as it was. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
