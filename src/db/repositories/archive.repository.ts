import type { Db } from './db.js';

/** What a redacted outbox payload or log body holds instead: the row stays, its content does not. */
export const REDACTED_JSON = '{"redacted":true}';

/**
 * Erases the order content of a file beside its row: the lines keep what the ledger and the frozen
 * totals need (kind, the school's product name, quantity, prices, VAT, online / imported flags)
 * and lose participants, schedules, instructors and held places; quotes and payment links (their
 * snapshots, from which the PDFs are printed) are deleted; payers' personal details go, the
 * payments' amounts, dates, methods and provider references stay; the form payloads of the
 * messages go, the conversation's words stay; provider event payloads and anomaly details go.
 */
export async function eraseOrderContent(
  db: Db,
  schoolId: string,
  requestId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('lines')
    .set({ details_json: '{}', session_id: null, instructor_id: null, participant_count: 0, updated_at: at })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
  await db
    .deleteFrom('offers')
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
  await db
    .updateTable('payments')
    .set({ payer_name: null, payer_address: null, note: null })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
  await db
    .updateTable('payment_events')
    .set({ payload_json: '{}' })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
  await db
    .updateTable('payment_anomalies')
    .set({ details_json: '{}' })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
  await db
    .updateTable('messages')
    .set({ payload_json: null })
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
}

/** The ids of a file's quotes and payment links (the e-mails about them name them). */
export async function listOfferIdsOfRequest(db: Db, schoolId: string, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('offers')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The outbox rows written for a file, oldest first: their payload names the file (customer
 * e-mails) or one of its offers (the quote and payment-link e-mails). Ids are generated
 * `[a-z0-9_]` text, safe in a LIKE pattern.
 */
export function listOutboxRowsOfRequest(
  db: Db,
  schoolId: string,
  target: { requestId: string; offerIds: readonly string[] },
) {
  const needles = [
    `%"requestId":"${target.requestId}"%`,
    ...target.offerIds.map((id) => `%"offerId":"${id}"%`),
  ];
  return db
    .selectFrom('outbox')
    .select(['id', 'kind', 'delivered_at'])
    .where('school_id', '=', schoolId)
    .where((eb) => eb.or(needles.map((needle) => eb('payload_json', 'like', needle))))
    .orderBy('created_at')
    .execute();
}

/**
 * Redacts outbox rows and what the mail log kept of them. `cancel` also stops those not yet
 * delivered (an erasure request); otherwise they are left to be delivered (the conversation goes on).
 */
export async function redactOutboxRows(
  db: Db,
  ids: readonly string[],
  options: { at: string; eraseRecipient: boolean },
): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ payload_json: REDACTED_JSON }).where('id', 'in', ids).execute();
  await db
    .updateTable('mail_log')
    .set({ text_body: '', ...(options.eraseRecipient && { to_address: '', subject: '' }) })
    .where('outbox_id', 'in', ids)
    .execute();
}

/** Stops undelivered outbox rows (an erasure request: nothing more is sent about the file). */
export async function cancelOutboxRows(db: Db, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ delivered_at: at, last_error: 'erased on request' })
    .where('id', 'in', ids)
    .where('delivered_at', 'is', null)
    .execute();
}

/** A file's journal entries, for the one redaction path (src/app/archive/journal-redaction.ts). */
export function listJournalOfRequest(db: Db, schoolId: string, requestId: string) {
  return db
    .selectFrom('activity')
    .select(['id', 'action', 'details_json', 'actor_kind', 'actor_name'])
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
}

/**
 * Rewrites one journal entry's details (and a customer author's name): the only update the
 * database lets through on the append-only journal, stamped with `redacted_at`.
 */
export async function redactJournalRow(
  db: Db,
  row: { id: number; schoolId: string; detailsJson: string; actorName: string; at: string },
): Promise<void> {
  await db
    .updateTable('activity')
    .set({ details_json: row.detailsJson, actor_name: row.actorName, redacted_at: row.at })
    .where('school_id', '=', row.schoolId)
    .where('id', '=', row.id)
    .execute();
}

// ── "Archiver la saison" ──

export interface ArchiveJob {
  id: string;
  schoolId: string;
  scope: 'processed' | 'older_than';
  beforeDay: string | null;
  cursor: string | null;
  total: number;
  doneCount: number;
  state: 'running' | 'done';
  createdAt: string;
  updatedAt: string;
}

function toJob(row: {
  id: string;
  school_id: string;
  scope: 'processed' | 'older_than';
  before_day: string | null;
  cursor: string | null;
  total: number;
  done_count: number;
  state: 'running' | 'done';
  created_at: string;
  updated_at: string;
}): ArchiveJob {
  return {
    id: row.id,
    schoolId: row.school_id,
    scope: row.scope,
    beforeDay: row.before_day,
    cursor: row.cursor,
    total: Number(row.total),
    doneCount: Number(row.done_count),
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const JOB_COLUMNS = [
  'id',
  'school_id',
  'scope',
  'before_day',
  'cursor',
  'total',
  'done_count',
  'state',
  'created_at',
  'updated_at',
] as const;

export interface ArchiveScope {
  scope: 'processed' | 'older_than';
  beforeDay: string | null;
}

/** The files a season archive takes, after `afterId`, in id order. */
function candidates(db: Db, schoolId: string, scope: ArchiveScope, afterId: string | null) {
  let query = db.selectFrom('requests').where('school_id', '=', schoolId).where('archived_at', 'is', null);
  query =
    scope.scope === 'processed'
      ? query.where('status', '=', 'processed')
      : query.where('created_at', '<', `${scope.beforeDay}T00:00:00.000Z`);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query;
}

export async function countArchiveCandidates(db: Db, schoolId: string, scope: ArchiveScope): Promise<number> {
  const row = await candidates(db, schoolId, scope, null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function nextArchiveCandidates(
  db: Db,
  schoolId: string,
  scope: ArchiveScope,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await candidates(db, schoolId, scope, afterId)
    .select('id')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertArchiveJob(
  db: Db,
  job: ArchiveScope & { id: string; schoolId: string; total: number; createdBy: string; at: string },
): Promise<void> {
  await db
    .insertInto('archive_jobs')
    .values({
      id: job.id,
      school_id: job.schoolId,
      scope: job.scope,
      before_day: job.beforeDay,
      cursor: null,
      total: job.total,
      done_count: 0,
      state: 'running',
      created_by_user_id: job.createdBy,
      created_at: job.at,
      updated_at: job.at,
    })
    .execute();
}

export async function findArchiveJob(db: Db, schoolId: string, id: string): Promise<ArchiveJob | undefined> {
  const row = await db
    .selectFrom('archive_jobs')
    .select(JOB_COLUMNS)
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** The school's running job (one at a time), else its latest. */
export async function findCurrentArchiveJob(db: Db, schoolId: string): Promise<ArchiveJob | undefined> {
  const row = await db
    .selectFrom('archive_jobs')
    .select(JOB_COLUMNS)
    .where('school_id', '=', schoolId)
    .orderBy('state', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** Moves a job's cursor past one archived file (in that file's transaction). */
export async function advanceArchiveJob(
  db: Db,
  job: { schoolId: string; id: string },
  step: { cursor: string; archived: boolean; at: string },
): Promise<void> {
  await db
    .updateTable('archive_jobs')
    .set((eb) => ({
      cursor: step.cursor,
      done_count: step.archived ? eb('done_count', '+', 1) : eb.ref('done_count'),
      updated_at: step.at,
    }))
    .where('school_id', '=', job.schoolId)
    .where('id', '=', job.id)
    .execute();
}

export async function finishArchiveJob(
  db: Db,
  job: { schoolId: string; id: string },
  at: string,
): Promise<void> {
  await db
    .updateTable('archive_jobs')
    .set({ state: 'done', updated_at: at })
    .where('school_id', '=', job.schoolId)
    .where('id', '=', job.id)
    .execute();
}
