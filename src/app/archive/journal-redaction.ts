import { listJournalOfRequest, redactJournalRow } from '../../db/repositories/index.js';
import type { Tx } from '../tx.js';

/** What an erased text reads as in a redacted journal entry. */
export const ERASED_TEXT = '…';
/** The name a customer's own journal entries are shown under once the customer is erased. */
export const ERASED_CUSTOMER_NAME = 'Client (effacé)';

/**
 * Details that carry no personal data and keep the sentence readable: numbers, flags, ids,
 * file / offer numbers and the closed vocabularies (source, language, scope).
 */
const KEPT_KEYS = new Set([
  'number',
  'offerNumber',
  'source',
  'language',
  'scope',
  'kind',
  'method',
  'template',
]);

function redactValue(key: string, value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'string') return KEPT_KEYS.has(key) || /Id$/.test(key) ? value : ERASED_TEXT;
  if (Array.isArray(value)) return value.every((v) => typeof v === 'number') ? value : [];
  if (typeof value === 'object') return redactDetails(value as Record<string, unknown>);
  return ERASED_TEXT;
}

/**
 * A journal entry's details with the erased data taken out: every free text (a label, a name, a
 * reason, a message) becomes "…", keeping the shape so the entry's sentence still reads ("Marie
 * Dupont a ajouté « … »"); numbers, flags, ids and the closed vocabularies stay.
 */
export function redactDetails(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, redactValue(key, value)]));
}

function parsedDetails(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * THE redaction path of the append-only journal (archive, erasure request): each entry of the
 * file whose details (or, with `eraseCustomerName`, its customer author's name) hold erased data
 * is rewritten once, stamped `redacted_at` — the database refuses any other rewrite. Returns how
 * many entries were redacted; the caller journals that number.
 */
export async function redactJournalOfRequest(
  tx: Tx,
  target: {
    schoolId: string;
    requestId: string;
    eraseCustomerName: boolean;
    /** The redaction's stamp (default now); a second pass in one transaction stamps later. */
    at?: string;
  },
): Promise<number> {
  const rows = await listJournalOfRequest(tx.trx, target.schoolId, target.requestId);
  let count = 0;
  for (const row of rows) {
    const detailsJson = JSON.stringify(redactDetails(parsedDetails(row.details_json)));
    const actorName =
      target.eraseCustomerName && row.actor_kind === 'customer' ? ERASED_CUSTOMER_NAME : row.actor_name;
    if (detailsJson === row.details_json && actorName === row.actor_name) continue;
    await redactJournalRow(tx.trx, {
      id: Number(row.id),
      schoolId: target.schoolId,
      detailsJson,
      actorName,
      at: target.at ?? tx.now,
    });
    count++;
  }
  return count;
}
