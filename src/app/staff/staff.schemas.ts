import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../auth/password-policy.js';
import { EmailSchema, frenchWords, humanText } from '../common.schemas.js';

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
  required: 'Indiquez le nom.',
  words: { ...frenchWords('Nom'), tooLong: (max) => `Le nom ne doit pas dépasser ${max} caractères.` },
});
const email = EmailSchema;
const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit faire au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(200, 'Le mot de passe ne doit pas dépasser 200 caractères.');
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
