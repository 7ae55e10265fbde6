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

/**
 * Locks the customer's row for the rest of the transaction (a no-op update: PostgreSQL takes the
 * row lock and returns the latest committed row; SQLite write transactions are already exclusive).
 */
export function lockCustomer(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<CustomerRow | undefined> {
  return db
    .updateTable('customers')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export type CustomerChanges = Partial<
  Pick<
    CustomerRow,
    'first_name' | 'last_name' | 'email' | 'email_normalized' | 'phone' | 'note' | 'change_marks_json'
  >
>;

/** Writes a customer's changed columns with the next version and who made it. */
export async function updateCustomerRow(
  db: Kysely<Database>,
  customer: Pick<CustomerRow, 'id' | 'school_id' | 'version'>,
  changes: CustomerChanges,
  by: { name: string; at: string },
): Promise<void> {
  await db
    .updateTable('customers')
    .set({ ...changes, version: customer.version + 1, updated_at: by.at, updated_by_name: by.name })
    .where('school_id', '=', customer.school_id)
    .where('id', '=', customer.id)
    .execute();
}

/** The customer's files at this school (every one shows their details and note). */
export function listCustomerFiles(
  db: Kysely<Database>,
  schoolId: string,
  customerId: string,
): Promise<{ id: string; school_id: string; number: string; customer_id: string }[]> {
  return db
    .selectFrom('requests')
    .select(['id', 'school_id', 'number', 'customer_id'])
    .where('school_id', '=', schoolId)
    .where('customer_id', '=', customerId)
    .execute();
}

/** Keeps the customer's name and e-mail shown in the lists in step on all their files. */
export async function setCustomerOnFiles(
  db: Kysely<Database>,
  schoolId: string,
  customerId: string,
  shown: { name: string; email: string },
): Promise<void> {
  await db
    .updateTable('requests')
    .set({ customer_name: shown.name, customer_email: shown.email })
    .where('school_id', '=', schoolId)
    .where('customer_id', '=', customerId)
    .execute();
}
