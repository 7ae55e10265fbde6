import {
  countActiveAdmins,
  deleteSessionsOfUser,
  findUserInSchool,
  insertUsers,
  isEmailTaken,
  listUsersOfSchool,
  type StaffUser,
  type StaffUserChange,
  updateUserInSchool,
} from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import { hashPassword } from '../auth/password.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { SESSIONS_ENDED } from '../events.js';
import { newId } from '../ids.js';
import { journal, transact } from '../tx.js';
import { STAFF_MESSAGES } from './staff.messages.js';
import type { CreateStaffInput, UpdateStaffInput } from './staff.schemas.js';

/** The staff of the actor's school; admins only. */
export async function listStaff(deps: AppDeps, actor: StaffActor): Promise<StaffUser[]> {
  requireRole(actor, 'admin');
  const users = await listUsersOfSchool(deps.db.kysely, actor.schoolId);
  return users.sort((a, b) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }));
}

/** An admin opens a personal login for a colleague. */
export async function createStaff(
  deps: AppDeps,
  actor: StaffActor,
  input: CreateStaffInput,
): Promise<StaffUser> {
  requireRole(actor, 'admin');
  const passwordHash = await hashPassword(input.password);
  return transact(deps, async (tx) => {
    // A login is an e-mail address, unique across Schuss (signing in names no school). Whether
    // the address belongs to a colleague or to someone at another school, the answer is the
    // same: an admin learns nothing about other schools' staff.
    if (await isEmailTaken(tx.trx, input.email)) {
      throw new AppError('CONFLICT', STAFF_MESSAGES.addressTaken, {
        fields: { email: STAFF_MESSAGES.addressTaken },
      });
    }
    const user: StaffUser = {
      id: newId('user'),
      schoolId: actor.schoolId,
      email: input.email,
      name: input.name,
      role: input.role,
      language: input.language,
      isActive: true,
      createdAt: tx.now,
      updatedAt: tx.now,
    };
    await insertUsers(tx.trx, [{ ...user, passwordHash }]);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'staff.created',
      details: { userId: user.id, name: user.name, role: user.role },
    });
    return user;
  });
}

/**
 * An admin edits a colleague: name, role, language, password, or disables the account — which
 * ends its sessions at once. The school always keeps at least one active admin.
 */
export async function updateStaff(
  deps: AppDeps,
  actor: StaffActor,
  userId: string,
  input: UpdateStaffInput,
): Promise<StaffUser> {
  requireRole(actor, 'admin');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return transact(deps, async (tx) => {
    const current = await findUserInSchool(tx.trx, actor.schoolId, userId);
    if (!current) throw notFound(NOT_FOUND.staff);
    const losesAdmin =
      current.role === 'admin' &&
      current.isActive &&
      ((input.role !== undefined && input.role !== 'admin') || input.isActive === false);
    if (losesAdmin && (await countActiveAdmins(tx.trx, actor.schoolId)) <= 1) {
      throw new AppError('INVALID_STATE', STAFF_MESSAGES.lastAdmin);
    }
    const change: StaffUserChange = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.language !== undefined && { language: input.language }),
      ...(input.isActive !== undefined && { isActive: input.isActive }),
      ...(passwordHash !== undefined && { passwordHash }),
    };
    const updated = await updateUserInSchool(tx.trx, actor.schoolId, userId, change, tx.now);
    if (!updated) throw notFound(NOT_FOUND.staff);
    if (input.isActive === false || passwordHash !== undefined) await deleteSessionsOfUser(tx.trx, userId);
    // Open live streams were authorised for the old account: they close, and a screen that is
    // still allowed reconnects with what the account may see now.
    const changesAccess =
      input.isActive === false ||
      passwordHash !== undefined ||
      (input.role !== undefined && input.role !== current.role);
    if (changesAccess) tx.publish({ schoolId: actor.schoolId, type: SESSIONS_ENDED, userId });
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'staff.updated',
      details: {
        userId,
        name: current.name,
        changes: journaledChanges(input),
        passwordChanged: passwordHash !== undefined,
      },
    });
    return updated;
  });
}

/**
 * What the journal keeps of an edit, in the shape entries have always had (column names). Never
 * the password, nor its hash: the journal only says that it changed.
 */
function journaledChanges(input: UpdateStaffInput): Record<string, unknown> {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.language !== undefined && { language: input.language }),
    ...(input.isActive !== undefined && { is_active: input.isActive ? 1 : 0 }),
  };
}

/** Any staff member chooses the language of their own screens. */
export async function setOwnLanguage(deps: AppDeps, actor: StaffActor, language: 'fr' | 'en'): Promise<void> {
  await updateUserInSchool(
    deps.db.kysely,
    actor.schoolId,
    actor.userId,
    { language },
    deps.clock.now().toISOString(),
  );
}
