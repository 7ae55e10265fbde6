import type { CreateStaffBody, Role, StaffUser, UpdateStaffBody } from '../../shared/contracts/staff';
import { apiRequest } from './http';

export type { CreateStaffBody, Role, StaffUser, UpdateStaffBody };

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
