import {
  anonymiseCustomer,
  cancelOutboxRows,
  eraseCustomLineLabels,
  eraseMessagesOfRequest,
  eraseRequestCopies,
  findCustomerRow,
  findRequestInSchool,
  GDPR_FILE_TABLES,
  listMailLogAbout,
  listOutboxRowsAbout,
  listRequestRowsOfCustomer,
  listRowsOfRequests,
  redactNotificationsOfRequest,
  redactOutboxRows,
} from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound, type StaffLanguage } from '../../domain/errors.js';
import { GDPR_EXPORT_VERSION, type GdprErasure } from '../../shared/contracts/gdpr.js';
import { journalSentence, readJournalEvent, unreadableJournalSentence } from '../../shared/journal.js';
import type { StaffActor } from '../actor.js';
import { archiveOne } from '../archive/archive-file.js';
import { redactJournalOfRequest } from '../archive/journal-redaction.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { reindexRequest } from '../requests/search-document.js';
import { journal, type Tx, transact } from '../tx.js';
import { GDPR_MESSAGES } from './gdpr.messages.js';

/** Columns that are secrets of Schuss, not data about the customer: never exported. */
const SECRET_COLUMNS = new Set(['portal_token_hash', 'portal_nonce']);

/** A stored row as the export shows it: JSON columns parsed, secrets left out. */
function exported(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (SECRET_COLUMNS.has(key)) continue;
    if (key.endsWith('_json') && typeof value === 'string') {
      try {
        out[key] = JSON.parse(value);
      } catch {
        out[key] = value;
      }
    } else out[key] = value;
  }
  return out;
}

async function customerOf(tx: Tx, actor: StaffActor, customerId: string) {
  const customer = await findCustomerRow(tx.trx, actor.schoolId, customerId);
  if (!customer) throw notFound(NOT_FOUND.customer);
  return customer;
}

/**
 * GDPR article 15: everything Schuss holds about one customer of the caller's school — the
 * customer, their files, and each file's lines, messages, quotes, payments, payment attempts and
 * anomalies, journal (details and sentence), staff notifications, outbox rows and mail log — as
 * stored. Admin only; journaled.
 */
export async function exportCustomerData(
  deps: AppDeps,
  actor: StaffActor,
  customerId: string,
  language: StaffLanguage = 'fr',
): Promise<Record<string, unknown>> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const customer = await customerOf(tx, actor, customerId);
    const requests = await listRequestRowsOfCustomer(tx.trx, actor.schoolId, customerId);
    const requestIds = requests.map((r) => r.id);
    const perFile = Object.fromEntries(
      await Promise.all(
        GDPR_FILE_TABLES.map(
          async (table) =>
            [table, await listRowsOfRequests(tx.trx, table, actor.schoolId, requestIds)] as const,
        ),
      ),
    ) as Record<(typeof GDPR_FILE_TABLES)[number], Record<string, unknown>[]>;
    const outbox = await listOutboxRowsAbout(tx.trx, actor.schoolId, {
      requestIds,
      offerIds: perFile.offers.map((o) => String(o.id)),
      email: customer.email,
    });
    const mailLog = await listMailLogAbout(tx.trx, actor.schoolId, {
      outboxIds: outbox.map((o) => String(o.id)),
      email: customer.email,
    });
    const journalRows = perFile.activity.map((row) => {
      const action = String(row.action);
      const actorName = String(row.actor_name);
      const event = readJournalEvent(action, String(row.details_json));
      return {
        ...exported(row),
        sentence: event
          ? journalSentence(actorName, event, language)
          : unreadableJournalSentence(actorName, action, language),
      };
    });
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'gdpr.exported',
      details: { customerId, files: requests.length },
    });
    return {
      schema: GDPR_EXPORT_VERSION,
      exportedAt: tx.now,
      customer: exported(customer),
      requests: requests.map(exported),
      lines: perFile.lines.map(exported),
      messages: perFile.messages.map(exported),
      offers: perFile.offers.map(exported),
      payments: perFile.payments.map(exported),
      paymentAttempts: perFile.payment_attempts.map(exported),
      paymentAnomalies: perFile.payment_anomalies.map(exported),
      journal: journalRows,
      notifications: perFile.notifications.map(exported),
      outbox: outbox.map(exported),
      mailLog: mailLog.map(exported),
    };
  });
}

/**
 * GDPR article 17: erasure on request. Each file of the customer is archived (the one archive
 * path: order content, quotes, payers, search traces, journal details), then what archiving
 * keeps for the conversation goes too: the messages' words, the file row's copies of the customer
 * and the conversation, custom lines' generated labels, staff notifications, every outbox row and
 * mail about them (undelivered ones cancelled), the customer authors' names in the journal, and the
 * customer's own row (left as an anonymous placeholder). Kept: the payment ledger (amounts, dates,
 * methods, provider references) French accounting law requires, and the totals. Admin only;
 * the caller types the customer's e-mail again; journaled (without personal data).
 */
export async function eraseCustomerData(
  deps: AppDeps,
  actor: StaffActor,
  customerId: string,
  input: { confirmEmail: string },
): Promise<GdprErasure> {
  requireRole(actor, 'admin');
  return transact(deps, async (tx) => {
    const customer = await customerOf(tx, actor, customerId);
    if (input.confirmEmail.trim().toLowerCase() !== customer.email.trim().toLowerCase())
      throw new AppError('VALIDATION', GDPR_MESSAGES.confirmEmail, {
        fields: { confirmEmail: GDPR_MESSAGES.confirmEmail },
      });
    const requests = await listRequestRowsOfCustomer(tx.trx, actor.schoolId, customerId);
    const requestIds = requests.map((r) => r.id);
    // Offers are deleted by the archive: their ids are read first, their e-mails name them.
    const offers = await listRowsOfRequests(tx.trx, 'offers', actor.schoolId, requestIds);
    const outbox = await listOutboxRowsAbout(tx.trx, actor.schoolId, {
      requestIds,
      offerIds: offers.map((o) => String(o.id)),
      email: customer.email,
    });
    for (const request of requests) {
      const target = { schoolId: actor.schoolId, requestId: request.id, actor };
      await archiveOne(tx, target);
      await eraseMessagesOfRequest(tx.trx, actor.schoolId, request.id);
      await eraseRequestCopies(tx.trx, actor.schoolId, request.id);
      await eraseCustomLineLabels(tx.trx, actor.schoolId, request.id);
      await redactNotificationsOfRequest(tx.trx, actor.schoolId, request.id);
    }
    const outboxIds = outbox.map((o) => String(o.id));
    await cancelOutboxRows(tx.trx, outboxIds, tx.now);
    await redactOutboxRows(tx.trx, outboxIds, { at: tx.now, eraseRecipient: true });
    await anonymiseCustomer(tx.trx, actor.schoolId, customerId, tx.now);
    // The archive above redacted the details at `now`; this pass (customer authors' names) stamps later.
    const later = new Date(Date.parse(tx.now) + 1).toISOString();
    for (const request of requests) {
      await redactJournalOfRequest(tx, {
        schoolId: actor.schoolId,
        requestId: request.id,
        eraseCustomerName: true,
        at: later,
      });
      const row = await findRequestInSchool(tx.trx, actor.schoolId, request.id);
      if (row) await reindexRequest(tx, row);
    }
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'gdpr.erased',
      details: { customerId, files: requests.length },
    });
    return { customerId, files: requests.length };
  });
}
