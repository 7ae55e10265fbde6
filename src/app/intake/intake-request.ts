import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { enqueueNewRequestEmails } from '../email/staff-email-notices.js';
import { portalUrl } from '../portal/private-link.js';
import { findOrCreateCustomer } from '../requests/customers.js';
import { openRequest } from '../requests/open-request.js';
import { notifyStaff } from '../requests/staff-notifications.js';
import { enqueue, type Tx } from '../tx.js';
import type { Language } from './intake.i18n.js';
import type { IntakeInput } from './intake.schemas.js';
import type { IntakeSchool, OfferedInstructor } from './intake-school.js';
import { customLessonLine, firstMessageBody, submissionPayload } from './submission-payload.js';

/**
 * Opens the request of an accepted submission, inside the caller's transaction: the customer
 * found by e-mail or created, the numbered request (a dossier with a custom-lesson line for the
 * custom form) with its first message, staff notifications, and the acknowledgement e-mail with
 * the customer's private link. Answers the request's number.
 */
export async function openIntakeRequest(
  tx: Tx,
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  instructor: OfferedInstructor | null,
  language: Language,
): Promise<string> {
  const { customer } = await findOrCreateCustomer(tx, school.id, {
    email: input.customer.email,
    firstName: input.customer.firstName,
    lastName: input.customer.lastName,
    phone: input.customer.phone ?? null,
    language,
  });
  const actor: Actor = {
    kind: 'customer',
    schoolId: school.id,
    customerId: customer.id,
    name: `${customer.first_name} ${customer.last_name}`,
  };
  const payload = submissionPayload(input, language, instructor);
  const { request, portalToken } = await openRequest(tx, {
    schoolId: school.id,
    schoolTimeZone: school.timeZone,
    source: input.form,
    customer,
    language,
    actor,
    firstMessage:
      input.form === 'custom'
        ? { authorKind: 'system', body: { key: 'message.created_from_sale', params: {} }, payload }
        : { authorKind: 'customer', body: firstMessageBody(input), payload },
    lines: input.form === 'custom' ? [customLessonLine(input, instructor)] : [],
    portalLinkKey: deps.portalLinkKey,
  });

  const notification = {
    kind: 'request.created',
    requestId: request.id,
    payload: { number: request.number, source: request.source, customerName: actor.name },
  };
  await notifyStaff(tx, school.id, { ...notification, onlyUserIds: school.settings.notifyUserIds });
  await enqueueNewRequestEmails(tx, {
    schoolId: school.id,
    id: request.id,
    number: request.number,
    customerName: actor.name,
  });
  await enqueueAcknowledgement(tx, deps, school, input, language, {
    id: request.id,
    number: request.number,
    portalToken,
  });
  tx.publish({ schoolId: school.id, type: 'request.changed', requestId: request.id });
  return request.number;
}

/** The e-mail that tells the customer their request arrived (rendered in their language at delivery), with their link. */
async function enqueueAcknowledgement(
  tx: Tx,
  deps: AppDeps,
  school: IntakeSchool,
  input: IntakeInput,
  language: Language,
  request: { id: string; number: string; portalToken: string },
): Promise<void> {
  await enqueue(
    tx,
    customerEmail({
      schoolId: school.id,
      requestId: request.id,
      to: input.customer.email,
      firstName: input.customer.firstName,
      language,
      fileNumber: request.number,
      link: portalUrl(deps, request.portalToken),
      params: { template: 'acknowledgement' },
    }),
  );
}
