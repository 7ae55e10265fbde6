import { insertNotifications, listActiveStaffIds } from '../../db/repositories/index.js';
import { newId } from '../ids.js';
import type { Tx } from '../tx.js';

/**
 * Notifies the school's active staff (stored now, pushed live after commit): everyone, or only
 * `onlyUserIds` when the school chose who is told — falling back to everyone when none of those
 * is active any more, so that a request is never unseen.
 */
export async function notifyStaff(
  tx: Tx,
  schoolId: string,
  notification: {
    kind: string;
    requestId: string | null;
    payload: Record<string, unknown>;
    exceptUserId?: string;
    onlyUserIds?: readonly string[] | null;
  },
): Promise<number> {
  const active = await listActiveStaffIds(tx.trx, schoolId);
  const everyone = active.filter((id) => id !== notification.exceptUserId);
  const only = notification.onlyUserIds ? new Set(notification.onlyUserIds) : null;
  const chosen = only ? everyone.filter((id) => only.has(id)) : everyone;
  const recipients = chosen.length > 0 ? chosen : everyone;
  if (recipients.length === 0) return 0;
  await insertNotifications(
    tx.trx,
    recipients.map((userId) => ({
      id: newId('notification'),
      school_id: schoolId,
      user_id: userId,
      request_id: notification.requestId,
      kind: notification.kind,
      payload_json: JSON.stringify(notification.payload),
      created_at: tx.now,
      read_at: null,
    })),
  );
  tx.publish({
    schoolId,
    type: 'notification',
    requestId: notification.requestId ?? undefined,
    data: { kind: notification.kind },
  });
  return recipients.length;
}
