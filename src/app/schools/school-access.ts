import {
  deleteSessionsOfSchool,
  findSchoolBySlug,
  listActiveStaffIds,
  listSchoolSummaries,
  type SchoolSummary,
  setSchoolDisabledAt,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import type { AppDeps } from '../deps.js';
import { SESSIONS_ENDED } from '../events.js';
import { journal, transact } from '../tx.js';
import { SCHOOLS_MESSAGES as M } from './schools.messages.js';

/** Every school of the installation, for the operator. */
export function listSchools(deps: AppDeps): Promise<SchoolSummary[]> {
  return listSchoolSummaries(deps.db.kysely);
}

/**
 * The operator suspends a school (unpaid subscription, school closed): its forms answer
 * "not open", its staff's sign-ins are refused and their sessions end now. Nothing is deleted;
 * `enable` gives everything back. Answers false when it was disabled already.
 */
export async function disableSchool(deps: AppDeps, slug: string): Promise<boolean> {
  return setAccess(deps, slug, true);
}

/** Gives a disabled school its forms and logins back. Answers false when it was not disabled. */
export async function enableSchool(deps: AppDeps, slug: string): Promise<boolean> {
  return setAccess(deps, slug, false);
}

async function setAccess(deps: AppDeps, slug: string, disable: boolean): Promise<boolean> {
  return transact(deps, async (tx) => {
    const school = await findSchoolBySlug(tx.trx, slug);
    if (!school) throw new AppError('NOT_FOUND', M.schoolNotFound, { fields: { slug: M.schoolNotFound } });
    if ((school.disabledAt !== null) === disable) return false;
    await setSchoolDisabledAt(tx.trx, school.id, disable ? tx.now : null);
    if (disable) {
      await deleteSessionsOfSchool(tx.trx, school.id);
      // Open live streams close now rather than at their next session check.
      for (const userId of await listActiveStaffIds(tx.trx, school.id)) {
        tx.publish({ schoolId: school.id, type: SESSIONS_ENDED, userId });
      }
    }
    await journal(tx, {
      schoolId: school.id,
      actor: { kind: 'system', schoolId: school.id, name: 'Système' },
      action: disable ? 'school.disabled' : 'school.enabled',
      details: { slug },
    });
    return true;
  });
}
