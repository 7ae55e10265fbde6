import type { Role } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';

/** Refuses the action unless the signed-in staff member has the role. */
export function requireRole(actor: StaffActor, role: Role): void {
  if (role === 'admin' && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Seul un administrateur de l’école peut faire cela.');
  }
}
