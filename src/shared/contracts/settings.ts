/**
 * The settings of the public forms, for the staff app: the schemas live with their use cases in
 * `src/app/settings` and are handed on type-only (no server code in `src/shared` at run time).
 */
import type { z } from 'zod';
import type {
  FormSettingsView,
  FormSettingsViewSchema,
  IntakeKeySchema,
} from '../../app/settings/form-settings.js';
import type { FormSettingsInput, FormSettingsSchema } from '../../app/settings/form-settings.schemas.js';

export type {
  FormSettingsInput,
  FormSettingsSchema,
  FormSettingsView,
  FormSettingsViewSchema,
  IntakeKeySchema,
};
export type IntakeKey = z.infer<typeof IntakeKeySchema>;
