import {
  type CustomerChanges,
  type CustomerRow,
  findCustomerByEmail,
  findSchoolTimeZone,
  listCustomerFiles,
  lockCustomer,
  readChangeMarks,
  refreshCustomerSearchKeys,
  setCustomerOnFiles,
  updateCustomerRow,
  writeChangeMarks,
} from '../../db/repositories/index.js';
import {
  type CustomerField,
  changedSince,
  conflictMessage,
  withChangeMarks,
} from '../../domain/edit-conflicts.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { transact } from '../tx.js';
import { changeRequest } from './change-request.js';
import { REQUEST_MESSAGES } from './requests.messages.js';
import type { UpdateCustomerInput } from './requests.schemas.js';
import { reindexRequest } from './search-document.js';

/** The columns a change really alters (a field sent with the value it already has changes nothing). */
function realChanges(customer: CustomerRow, input: UpdateCustomerInput): Map<CustomerField, CustomerChanges> {
  const changes = new Map<CustomerField, CustomerChanges>();
  if (input.firstName !== undefined && input.firstName !== customer.first_name)
    changes.set('firstName', { first_name: input.firstName });
  if (input.lastName !== undefined && input.lastName !== customer.last_name)
    changes.set('lastName', { last_name: input.lastName });
  if (input.email !== undefined && input.emailAsTyped !== undefined && input.emailAsTyped !== customer.email)
    changes.set('email', { email: input.emailAsTyped, email_normalized: input.email });
  if (input.phone !== undefined && (input.phone || null) !== customer.phone)
    changes.set('phone', { phone: input.phone || null });
  if (input.note !== undefined && input.note !== customer.note) changes.set('note', { note: input.note });
  return changes;
}

/**
 * A secretary changes the customer — contact details or the "Commentaire client" — from one of
 * their files. Only the fields she changed are written, and the guard is per field: an edit
 * started from an older version of the customer is refused only if one of ITS fields was changed
 * by someone else since (naming who, what, when and from which file); a colleague's change of
 * another field is kept, not overwritten, and hers goes through. That is what two secretaries
 * expect when one adds the phone number while the other corrects the first name. The e-mail
 * stays unique within the school; the change is journaled on this file, every file of the
 * customer is re-indexed and refreshed live.
 */
export async function updateCustomer(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: UpdateCustomerInput,
): Promise<void> {
  await transact(deps, async (tx) => {
    await changeRequest(tx, { schoolId: actor.schoolId, requestId, actor }, async (file) => {
      const { request } = file;
      const customer = await lockCustomer(tx.trx, actor.schoolId, request.customerId);
      if (!customer) throw notFound(NOT_FOUND.customer);
      if (input.version > customer.version)
        throw new AppError('VALIDATION', REQUEST_MESSAGES.unknownCustomerVersion, {
          fields: { version: REQUEST_MESSAGES.unknownCustomerVersion },
        });
      const changes = realChanges(customer, input);
      const fields = [...changes.keys()];
      const marks = readChangeMarks(customer.change_marks_json);
      const conflicts = changedSince(marks, input.version, fields);
      if (conflicts.length > 0) {
        const facts = {
          subject: 'customer' as const,
          fileNumber: request.number,
          changes: conflicts,
          lastChange: { byName: customer.updated_by_name, at: customer.updated_at },
          timeZone: await findSchoolTimeZone(tx.trx, actor.schoolId),
        };
        throw new AppError('CONFLICT', {
          fr: conflictMessage(facts, 'fr'),
          en: conflictMessage(facts, 'en'),
        });
      }
      if (fields.length === 0) return;
      const email = changes.get('email');
      if (email?.email_normalized) {
        const other = await findCustomerByEmail(tx.trx, actor.schoolId, email.email_normalized);
        if (other && other.id !== customer.id) {
          throw new AppError('CONFLICT', REQUEST_MESSAGES.emailTaken, {
            fields: { email: REQUEST_MESSAGES.emailTaken },
          });
        }
      }
      const columns: CustomerChanges = Object.assign({}, ...changes.values());
      columns.change_marks_json = writeChangeMarks(
        withChangeMarks(marks, fields, {
          version: customer.version + 1,
          byName: actor.name,
          at: tx.now,
          fileNumber: request.number,
        }),
      );
      await updateCustomerRow(tx.trx, customer, columns, { name: actor.name, at: tx.now });

      const contactFields = fields.filter((f) => f !== 'note');
      const files = await listCustomerFiles(tx.trx, actor.schoolId, customer.id);
      if (contactFields.length > 0) {
        await refreshCustomerSearchKeys(tx.trx, actor.schoolId, customer.id);
        await setCustomerOnFiles(tx.trx, actor.schoolId, customer.id, {
          name: `${columns.first_name ?? customer.first_name} ${columns.last_name ?? customer.last_name}`.trim(),
          email: columns.email ?? customer.email,
        });
        for (const other of files) await reindexRequest(tx, other);
        file.journal({ action: 'request.customer_changed', details: { fields: contactFields } });
      }
      if (changes.has('note')) file.journal({ action: 'request.comment_changed', details: {} });
      // The customer is shown on each of their files: every one is refreshed live (this one by
      // the change path itself).
      for (const other of files.filter((f) => f.id !== requestId))
        tx.publish({ schoolId: actor.schoolId, type: 'request.changed', requestId: other.id });
    });
  });
}
