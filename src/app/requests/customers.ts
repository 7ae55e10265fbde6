import {
  type CustomerRow,
  findCustomerByEmail,
  insertCustomerUnlessExists,
  withSearchKeys,
} from '../../db/repositories/index.js';
import { normalizeEmail } from '../common.schemas.js';
import { newId } from '../ids.js';
import type { Tx } from '../tx.js';

export interface CustomerInput {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  language: string;
}

/**
 * Finds the customer by normalised e-mail within the school, or creates them. An existing
 * customer's details are never overwritten by an anonymous form submission.
 */
export async function findOrCreateCustomer(
  tx: Tx,
  schoolId: string,
  input: CustomerInput,
): Promise<{ customer: CustomerRow; isNew: boolean }> {
  const emailNormalized = normalizeEmail(input.email);
  const existing = await findCustomerByEmail(tx.trx, schoolId, emailNormalized);
  if (existing) return { customer: existing, isNew: false };
  const customer = withSearchKeys({
    id: newId('customer'),
    school_id: schoolId,
    email: input.email.trim().normalize('NFC'),
    email_normalized: emailNormalized,
    first_name: input.firstName,
    last_name: input.lastName,
    phone: input.phone ?? null,
    language: input.language,
    note: '',
    version: 1,
    updated_by_name: null,
    change_marks_json: '{}',
    created_at: tx.now,
    updated_at: tx.now,
  });
  // Two first requests from the same new address at once (PostgreSQL): the second waits for the
  // first to commit, inserts nothing, and takes the customer the first one created.
  const inserted = await insertCustomerUnlessExists(tx.trx, customer);
  if (inserted) return { customer, isNew: true };
  const twin = await findCustomerByEmail(tx.trx, schoolId, emailNormalized);
  if (!twin) throw new Error('customer vanished after a unique conflict');
  return { customer: twin, isNew: false };
}
