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

export function insertCustomer(db: Kysely<Database>, row: CustomerRow): Promise<unknown> {
  return db.insertInto('customers').values(row).execute();
}
