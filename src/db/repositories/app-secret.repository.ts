import type { Db } from './db.js';

/**
 * Stores `value` under `key` unless a value is there already, then answers the stored one: of
 * several processes starting at once, all agree on the first value written.
 */
export async function keepFirstAppSetting(db: Db, key: string, value: string): Promise<string> {
  await db
    .insertInto('app_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}
