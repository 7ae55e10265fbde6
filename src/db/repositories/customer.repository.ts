import type { Kysely } from 'kysely';
import { customerSearchKeys } from '../../domain/search-text.js';
import { preparedQuery } from '../prepared-query.js';
import type { CustomersTable, Database } from '../schema.js';

export type CustomerRow = CustomersTable;

/** The columns "Nouvelle demande" searches: derived from the others, written with them. */
type CustomerSearchColumn = 'search_last_first' | 'search_first_last' | 'search_email' | 'search_phone';
export type NewCustomerRow = Omit<CustomerRow, CustomerSearchColumn>;

function searchColumns(
  row: Pick<CustomerRow, 'first_name' | 'last_name' | 'email' | 'phone'>,
): Pick<CustomerRow, CustomerSearchColumn> {
  const keys = customerSearchKeys({
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
  });
  return {
    search_last_first: keys.lastFirst,
    search_first_last: keys.firstLast,
    search_email: keys.email,
    search_phone: keys.phone,
  };
}

/** A new customer row with its search keys filled in. */
export function withSearchKeys(row: NewCustomerRow): CustomerRow {
  return { ...row, ...searchColumns(row) };
}

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

const selectCustomerInSchool = preparedQuery((db, schoolId: string, id: string) =>
  db.selectFrom('customers').selectAll().where('school_id', '=', schoolId).where('id', '=', id),
);

export async function findCustomerInSchool(
  db: Kysely<Database>,
  schoolId: string,
  id: string,
): Promise<CustomerRow | undefined> {
  return (await selectCustomerInSchool(db, schoolId, id))[0] as CustomerRow | undefined;
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
 * Re-derives a customer's search keys from what is stored now: called after any change of
 * name, e-mail or phone, whichever fields that change wrote.
 */
export async function refreshCustomerSearchKeys(
  db: Kysely<Database>,
  schoolId: string,
  customerId: string,
): Promise<void> {
  const row = await db
    .selectFrom('customers')
    .select(['first_name', 'last_name', 'email', 'phone'])
    .where('school_id', '=', schoolId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) return;
  await db
    .updateTable('customers')
    .set(searchColumns(row))
    .where('school_id', '=', schoolId)
    .where('id', '=', customerId)
    .execute();
}

/**
 * The smallest string greater than every string that starts with `prefix`, in code-point order:
 * `key >= prefix and key < end` is a prefix match an ordinary index answers (binary collation on
 * SQLite, "C" on PostgreSQL), unlike LIKE, whose index use depends on collation and case rules.
 */
function prefixEnd(prefix: string): string {
  const points = Array.from(prefix);
  const last = points.pop()!.codePointAt(0)!;
  if (last >= 0x10ffff) return `${prefix}\u{10ffff}`;
  return points.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
}

/** Folded prefixes to look for; an empty one is not looked for. */
export interface CustomerPrefixes {
  name: string;
  email: string;
  phone: string;
}

/** The school's customers whose name (either way round), e-mail or phone starts with the prefixes. */
export function customerPrefixQuery(
  db: Kysely<Database>,
  schoolId: string,
  prefixes: CustomerPrefixes,
  limit: number,
) {
  const ranges: [CustomerSearchColumn, string][] = [
    ['search_last_first', prefixes.name],
    ['search_first_last', prefixes.name],
    ['search_email', prefixes.email],
    ['search_phone', prefixes.phone],
  ];
  const wanted = ranges.filter(([, prefix]) => prefix !== '');
  return db
    .selectFrom('customers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where((eb) =>
      eb.or(
        // school_id in each branch too: each is then one range of its (school_id, key) index.
        wanted.map(([column, prefix]) =>
          eb.and([
            eb('school_id', '=', schoolId),
            eb(column, '>=', prefix),
            eb(column, '<', prefixEnd(prefix)),
          ]),
        ),
      ),
    )
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .limit(limit);
}

export async function searchCustomersByPrefix(
  db: Kysely<Database>,
  schoolId: string,
  prefixes: CustomerPrefixes,
  limit: number,
): Promise<CustomerRow[]> {
  if (!prefixes.name && !prefixes.email && !prefixes.phone) return [];
  return customerPrefixQuery(db, schoolId, prefixes, limit).execute();
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
