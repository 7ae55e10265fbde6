import type { z } from 'zod';
import { findOfferRecipient, insertPayment } from '../../db/repositories/index.js';
import { AppError, type StaffText, validation } from '../../domain/errors.js';
import { amountDue, type Cents, parseEuros } from '../../domain/money.js';
import { dayIn } from '../../domain/time-zone.js';
import {
  MAX_PAYMENT_CENTS,
  type ManualPaymentSchema,
  type PaymentsView,
} from '../../shared/contracts/payments.js';
import type { StaffActor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerEmail } from '../email/customer-email.js';
import { enqueuePaymentStaffEmails } from '../email/staff-email-notices.js';
import { newId } from '../ids.js';
import { loadOfferSchool } from '../offers/offer-school.js';
import { privateLinkOf } from '../portal/private-link.js';
import { changeRequest } from '../requests/change-request.js';
import { transact } from '../tx.js';
import { PAYMENT_MESSAGES } from './payments.messages.js';
import { loadPaymentsView } from './payments-view.js';

/**
 * An amount typed by a French user, in cents: "120", "120,50", "120.50", "1 234,56" are read;
 * anything else — "12,345", "1e3", "-1", "NaN", 0, above the largest accepted amount — is
 * the reason it is refused (for the caller to name its field), never a guess.
 */
export function readTypedAmount(text: string): { cents: Cents } | { error: StaffText } {
  const trimmed = text.trim();
  const parsed = /^[\d\s\u00a0\u202f]+(?:[.,]\d{1,2})?\s*€?$/.test(trimmed) ? parseEuros(trimmed) : null;
  if (parsed === null) return { error: PAYMENT_MESSAGES.amountInvalid };
  if (parsed <= 0) return { error: PAYMENT_MESSAGES.amountZero };
  if (parsed > MAX_PAYMENT_CENTS) return { error: PAYMENT_MESSAGES.amountTooLarge };
  return { cents: parsed };
}

type ManualPaymentInput = z.output<typeof ManualPaymentSchema>;

/**
 * "Ajouter un paiement manuel": a cash, cheque, transfer, chèques-vacances, ANCV Connect or
 * desk-card payment recorded by a secretary on a file, at most what remains to pay. Every field
 * is checked before anything is written; the payment moves the status (Acompte versé, Paiement
 * soldé) through the facts, is journaled with its author, and the customer gets a receipt.
 */
export async function addManualPayment(
  deps: AppDeps,
  actor: StaffActor,
  requestId: string,
  input: ManualPaymentInput,
): Promise<PaymentsView> {
  return transact(deps, async (tx) => {
    const school = await loadOfferSchool(tx.trx, actor.schoolId);
    const today = dayIn(tx.now, school.timeZone);
    const target = { schoolId: actor.schoolId, requestId, actor, expectedVersion: input.version };
    await changeRequest(tx, target, async (file) => {
      const request = file.request;
      if (request.archivedAt !== null)
        throw new AppError('INVALID_STATE', PAYMENT_MESSAGES.archived, {
          fields: { amount: PAYMENT_MESSAGES.archivedField },
        });
      const fields: Record<string, StaffText> = {};
      const typed = readTypedAmount(input.amount);
      const due = amountDue(request.totalCents, request.paidCents);
      if ('error' in typed) fields.amount = typed.error;
      else if (due === 0) fields.amount = PAYMENT_MESSAGES.nothingDue;
      else if (typed.cents > due) fields.amount = PAYMENT_MESSAGES.amountAboveDue;
      if (input.receivedOn > today) fields.receivedOn = PAYMENT_MESSAGES.dateInFuture;
      else if (Number.isNaN(Date.parse(`${input.receivedOn}T12:00:00Z`)))
        fields.receivedOn = PAYMENT_MESSAGES.dateInvalid;
      if (input.payerName === '') fields.payerName = PAYMENT_MESSAGES.payerRequired;
      if (input.method === 'holiday_vouchers' && input.voucherCount === null)
        fields.voucherCount = PAYMENT_MESSAGES.voucherCountRequired;
      if (input.method === 'ancv_connect' && input.reference === '')
        fields.reference = PAYMENT_MESSAGES.referenceRequired;
      if ('error' in typed || Object.keys(fields).length > 0)
        throw validation(fields, PAYMENT_MESSAGES.invalid);

      const amountCents = typed.cents;
      const paymentId = newId('payment');
      await insertPayment(tx.trx, {
        id: paymentId,
        schoolId: actor.schoolId,
        requestId,
        kind: 'manual',
        method: input.method,
        amountCents,
        provider: null,
        providerRef: null,
        payerName: input.payerName,
        payerAddress: input.payerAddress === '' ? null : input.payerAddress,
        reference: input.reference === '' ? null : input.reference,
        voucherCount: input.method === 'holiday_vouchers' ? input.voucherCount : null,
        note: null,
        refundOfPaymentId: null,
        attemptId: null,
        isFlagged: false,
        // Today: the moment it is recorded; an earlier day: that day, midday UTC (the same day in Europe).
        receivedAt: input.receivedOn === today ? tx.now : `${input.receivedOn}T12:00:00.000Z`,
        recordedByUserId: actor.userId,
        createdAt: tx.now,
      });
      file.factsChanged();
      file.journal({
        action: 'payment.manual_recorded',
        details: {
          paymentId,
          amountCents,
          method: input.method,
          reference: input.reference === '' ? null : input.reference,
        },
      });
      await enqueuePaymentStaffEmails(tx, file, actor.userId);
      const customer = await findOfferRecipient(tx.trx, actor.schoolId, requestId);
      if (customer) {
        const link = await privateLinkOf(deps, tx, { schoolId: actor.schoolId, id: requestId });
        const paidCents = request.paidCents + amountCents;
        file.enqueue(
          customerEmail({
            schoolId: actor.schoolId,
            requestId,
            to: customer.email,
            firstName: customer.firstName,
            language: customer.language,
            fileNumber: request.number,
            link,
            params: {
              template: 'payment_receipt',
              paymentId,
              amountCents,
              method: input.method,
              paidCents,
              remainingCents: Math.max(0, request.totalCents - paidCents),
            },
          }),
        );
      }
    });
    return loadPaymentsView(tx.trx, { schoolId: actor.schoolId, requestId }, tx.now);
  });
}
