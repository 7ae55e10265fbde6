import type { Kysely } from 'kysely';
import { STATUSES, type Status } from '../../domain/status.js';
import { preparedQuery } from '../prepared-query.js';
import type { Database } from '../schema.js';

/**
 * The reads of the dossier page besides the file and its customer. Each is prepared once
 * (`preparedQuery`): the page is the second-hottest read of the staff app.
 */

const selectCategoryName = preparedQuery((db, schoolId: string, id: string) =>
  db.selectFrom('categories').select('name').where('school_id', '=', schoolId).where('id', '=', id),
);

export async function findCategoryName(
  db: Kysely<Database>,
  schoolId: string,
  id: string | null,
): Promise<string | null> {
  if (id === null) return null;
  return (await selectCategoryName(db, schoolId, id))[0]?.name ?? null;
}

export const listLinesOfRequest = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('lines')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('position'),
);

export const listMessagesOfRequest = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('messages')
    .leftJoin('users as author', 'author.id', 'messages.author_user_id')
    .leftJoin('users as noter', 'noter.id', 'messages.noted_by_user_id')
    .select([
      'messages.id',
      'messages.author_kind',
      'messages.body',
      'messages.body_key',
      'messages.body_params_json',
      'messages.payload_json',
      'messages.created_at',
      'author.name as author_user_name',
      'noter.name as noted_by_name',
    ])
    .where('messages.school_id', '=', schoolId)
    .where('messages.request_id', '=', requestId)
    .orderBy('messages.created_at')
    .orderBy('messages.id'),
);

/** The newest 200 lines of a file's journal. */
export const listActivityOfRequest = preparedQuery((db, schoolId: string, requestId: string) =>
  db
    .selectFrom('activity')
    .select(['id', 'actor_name', 'action', 'details_json', 'created_at'])
    .where('school_id', '=', schoolId)
    .where('request_id', '=', requestId)
    .orderBy('id', 'desc')
    .limit(200),
);

/** The customer's other files at this school, newest activity first (50 at most). */
export const listOtherRequestsOfCustomer = preparedQuery(
  (db, schoolId: string, customerId: string, exceptRequestId: string) =>
    db
      .selectFrom('requests')
      .select(['id', 'number', 'status', 'last_message_at'])
      .where('school_id', '=', schoolId)
      .where('customer_id', '=', customerId)
      .where('id', '!=', exceptRequestId)
      .orderBy('last_message_at', 'desc')
      .limit(50),
);

const selectStatusCounts = preparedQuery((db, schoolId: string) =>
  db.selectFrom('status_counts').select(['status', 'count']).where('school_id', '=', schoolId),
);

/** The counts of every tab of a school, from the materialised counters (seven key reads). */
export async function loadTabCounts(db: Kysely<Database>, schoolId: string): Promise<Record<Status, number>> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const row of await selectStatusCounts(db, schoolId))
    if ((STATUSES as readonly string[]).includes(row.status))
      counts[row.status as Status] = Number(row.count);
  return counts;
}
