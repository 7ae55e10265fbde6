/**
 * The school's staff accounts, for the staff app: the schemas live with their use cases in
 * `src/app/staff` and are handed on type-only (no server code in `src/shared` at run time).
 */
import type { z } from 'zod';
import type {
  CreateStaffSchema,
  RoleSchema,
  StaffUserDto,
  StaffUserSchema,
  UpdateStaffSchema,
} from '../../app/staff/staff.schemas.js';

export type { CreateStaffSchema, RoleSchema, StaffUserSchema, UpdateStaffSchema };
export type Role = z.infer<typeof RoleSchema>;
export type StaffUser = StaffUserDto;
export type CreateStaffBody = z.input<typeof CreateStaffSchema>;
export type UpdateStaffBody = z.input<typeof UpdateStaffSchema>;
