import { z } from 'zod';
import { staffError } from '../../domain/schema-texts.js';
import { PASSWORD_MIN_LENGTH } from '../auth/password-policy.js';
import { EmailSchema, humanText, staffWords } from '../common.schemas.js';
import { nameTooLong, passwordTooShort, STAFF_MESSAGES, STAFF_NAME_LABEL } from './staff.messages.js';

/** Shared by the HTTP routes and the staff screens. */
export const RoleSchema = z.enum(['admin', 'secretary']);

export const StaffUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  language: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StaffUserDto = z.infer<typeof StaffUserSchema>;

/** The display name shows in the journal, presence and e-mail signatures: the one text rule applies. */
const name = humanText({
  max: 120,
  multiline: false,
  required: STAFF_MESSAGES.nameRequired,
  words: { ...staffWords(STAFF_NAME_LABEL), tooLong: nameTooLong },
});
const email = EmailSchema;
const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, staffError(passwordTooShort(PASSWORD_MIN_LENGTH)))
  .max(200, staffError(STAFF_MESSAGES.passwordTooLong));
const language = z.enum(['fr', 'en']);

export const CreateStaffSchema = z.object({
  email,
  name,
  role: RoleSchema,
  password,
  language: language.default('fr'),
});
export type CreateStaffInput = z.infer<typeof CreateStaffSchema>;

export const UpdateStaffSchema = z.object({
  name: name.optional(),
  role: RoleSchema.optional(),
  isActive: z.boolean().optional(),
  password: password.optional(),
  language: language.optional(),
});
export type UpdateStaffInput = z.infer<typeof UpdateStaffSchema>;
