import { deleteSessionsOfUser, findLoginByEmail, updateUserInSchool } from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import { hashPassword } from '../auth/password.js';
import { normalizeEmail } from '../common.schemas.js';
import type { AppDeps } from '../deps.js';
import { SESSIONS_ENDED } from '../events.js';
import { journal, transact } from '../tx.js';
import { SCHOOLS_MESSAGES as M } from './schools.messages.js';
import { generatePassword } from './seed-demo.js';

/**
 * The operator gives a staff member who lost their password (or an admin locked out) a new
 * generated one: the old one stops working, every session of the account ends, the journal says
 * the password changed (never what it is).
 */
export async function resetStaffPassword(
  deps: AppDeps,
  email: string,
): Promise<{ email: string; schoolId: string; password: string }> {
  const found = await findLoginByEmail(deps.db.kysely, normalizeEmail(email));
  if (!found) throw new AppError('NOT_FOUND', M.staffNotFound, { fields: { email: M.staffNotFound } });
  const { user } = found;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await transact(deps, async (tx) => {
    await updateUserInSchool(tx.trx, user.schoolId, user.id, { passwordHash }, tx.now);
    await deleteSessionsOfUser(tx.trx, user.id);
    tx.publish({ schoolId: user.schoolId, type: SESSIONS_ENDED, userId: user.id });
    await journal(tx, {
      schoolId: user.schoolId,
      actor: { kind: 'system', schoolId: user.schoolId, name: 'Système' },
      action: 'staff.updated',
      details: { userId: user.id, name: user.name, changes: {}, passwordChanged: true },
    });
  });
  return { email: user.email, schoolId: user.schoolId, password };
}
