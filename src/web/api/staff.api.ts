import type { z } from 'zod';
import type {
  CreateStaffSchema,
  RoleSchema,
  StaffUserDto,
  UpdateStaffSchema,
} from '../../app/staff/staff.schemas';
import { apiRequest } from './http';

// Types only: the schemas stay on the server, the web bundle carries no Zod.
export type Role = z.infer<typeof RoleSchema>;
export type StaffUser = StaffUserDto;
export type CreateStaffBody = z.input<typeof CreateStaffSchema>;
export type UpdateStaffBody = z.input<typeof UpdateStaffSchema>;

/** Same rule as the server (PASSWORD_MIN_LENGTH in app/auth/password.ts). */
export const PASSWORD_MIN_LENGTH = 12;
export const NAME_MAX_LENGTH = 120;

export async function listStaff(signal?: AbortSignal): Promise<StaffUser[]> {
  const { items } = await apiRequest<{ items: StaffUser[] }>('GET', '/api/staff', { signal });
  return items;
}

export function createStaff(body: CreateStaffBody): Promise<StaffUser> {
  return apiRequest<StaffUser>('POST', '/api/staff', { body });
}

export function updateStaff(id: string, body: UpdateStaffBody): Promise<StaffUser> {
  return apiRequest<StaffUser>('PATCH', `/api/staff/${encodeURIComponent(id)}`, { body });
}
