import { findSchoolTimeZone, findVersionStamp } from '../../db/repositories/index.js';
import { changedSince, conflictMessage, FILE_FIELDS } from '../../domain/edit-conflicts.js';
import { AppError, NOT_FOUND, notFound, type StaffText } from '../../domain/errors.js';
import type { Tx } from '../tx.js';

/**
 * Optimistic concurrency for a file: the CONFLICT a stale edit gets, in both staff languages,
 * naming who changed the file, when, and which of its fields (when the change left a mark).
 */
export async function staleFileError(
  tx: Tx,
  target: { schoolId: string; requestId: string; number: string },
  expectedVersion: number,
): Promise<AppError> {
  const [stamp, timeZone] = await Promise.all([
    findVersionStamp(tx.trx, target.schoolId, target.requestId),
    findSchoolTimeZone(tx.trx, target.schoolId),
  ]);
  if (!stamp) return notFound(NOT_FOUND.file);
  const facts = {
    subject: 'file' as const,
    fileNumber: target.number,
    changes: changedSince(stamp.changeMarks, expectedVersion, FILE_FIELDS),
    lastChange: { byName: stamp.updatedByName, at: stamp.updatedAt },
    timeZone,
  };
  const text: StaffText = { fr: conflictMessage(facts, 'fr'), en: conflictMessage(facts, 'en') };
  return new AppError('CONFLICT', text);
}
