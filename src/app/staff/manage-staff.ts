import {
  countActiveAdmins,
  deleteSessionsOfUser,
  findUserByEmail,
  findUserInSchool,
  insertUser,
  listUsersOfSchool,
  type StaffUser,
  toStaffUser,
} from '../../db/repositories/index.js';
import { AppError, NOT_FOUND, notFound } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import { hashPassword } from '../auth/password.js';
import { requireRole } from '../auth/require-role.js';
import type { AppDeps } from '../deps.js';
import { SESSIONS_ENDED } from '../events.js';
import { newId } from '../ids.js';
import { journal, transact } from '../tx.js';
import type { CreateStaffInput, UpdateStaffInput } from './staff.schemas.js';

/** The staff of the actor's school; admins only. */
export async function listStaff(deps: AppDeps, actor: StaffActor): Promise<StaffUser[]> {
  requireRole(actor, 'admin');
  const rows = await listUsersOfSchool(deps.db.kysely, actor.schoolId);
  return rows.map(toStaffUser).sort((a, b) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }));
}

const ADDRESS_TAKEN =
  'Cette adresse e-mail ne peut pas servir à un nouveau compte : choisissez-en une autre.';

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
    if (await findUserByEmail(tx.trx, input.email)) {
      throw new AppError('CONFLICT', ADDRESS_TAKEN, { fields: { email: ADDRESS_TAKEN } });
    }
    const row = {
      id: newId('user'),
      school_id: actor.schoolId,
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      language: input.language,
      is_active: 1 as const,
      created_at: tx.now,
      updated_at: tx.now,
    };
    await insertUser(tx.trx, row);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'staff.created',
      details: { userId: row.id, name: row.name, role: row.role },
    });
    return toStaffUser(row);
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
      current.is_active === 1 &&
      ((input.role !== undefined && input.role !== 'admin') || input.isActive === false);
    if (losesAdmin && (await countActiveAdmins(tx.trx, actor.schoolId)) <= 1) {
      throw new AppError('INVALID_STATE', 'L’école doit garder au moins un administrateur actif.');
    }
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.language !== undefined && { language: input.language }),
      ...(input.isActive !== undefined && { is_active: input.isActive ? (1 as const) : (0 as const) }),
      ...(passwordHash !== undefined && { password_hash: passwordHash }),
    };
    await tx.trx
      .updateTable('users')
      .set({ ...changes, updated_at: tx.now })
      .where('school_id', '=', actor.schoolId)
      .where('id', '=', userId)
      .execute();
    if (input.isActive === false || passwordHash !== undefined) await deleteSessionsOfUser(tx.trx, userId);
    // Open live streams were authorised for the old account: they close, and a screen that is
    // still allowed reconnects with what the account may see now.
    const changesAccess =
      input.isActive === false ||
      passwordHash !== undefined ||
      (input.role !== undefined && input.role !== current.role);
    if (changesAccess) tx.publish({ schoolId: actor.schoolId, type: SESSIONS_ENDED, userId });
    const { password_hash: _hidden, ...visible } = changes;
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'staff.updated',
      details: { userId, name: current.name, changes: visible, passwordChanged: passwordHash !== undefined },
    });
    const updated = await findUserInSchool(tx.trx, actor.schoolId, userId);
    return toStaffUser(updated!);
  });
}

/** Any staff member chooses the language of their own screens. */
export async function setOwnLanguage(deps: AppDeps, actor: StaffActor, language: 'fr' | 'en'): Promise<void> {
  await deps.db.kysely
    .updateTable('users')
    .set({ language, updated_at: deps.clock.now().toISOString() })
    .where('school_id', '=', actor.schoolId)
    .where('id', '=', actor.userId)
    .execute();
}
