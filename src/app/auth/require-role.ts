import type { Role } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import { AUTH_MESSAGES } from './auth.messages.js';

/** Refuses the action unless the signed-in staff member has the role. */
export function requireRole(actor: StaffActor, role: Role): void {
  if (role === 'admin' && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', AUTH_MESSAGES.adminOnly);
  }
}
