import type { Kysely } from 'kysely';
import type { CustomersTable, Database } from '../schema.js';

export type CustomerRow = CustomersTable;

export function findCustomerByEmail(
  db: Kysely<Database>,
  schoolId: string,
  emailNormalized: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('email_normalized', '=', emailNormalized)
    .executeTakeFirst();
}

export function findCustomerInSchool(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts the customer unless the school already has one with that e-mail; true if inserted. */
export async function insertCustomerUnlessExists(db: Kysely<Database>, row: CustomerRow): Promise<boolean> {
  const result = await db
    .insertInto('customers')
    .values(row)
    .onConflict((oc) => oc.columns(['school_id', 'email_normalized']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
