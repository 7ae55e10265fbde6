import type { z } from 'zod';
import type { FormSettingsView, IntakeKeySchema } from '../../app/settings/form-settings';
import type { FormSettingsInput } from '../../app/settings/form-settings.schemas';
import { apiRequest } from './http';

// Types only: the schemas stay on the server, the web bundle carries no Zod.
export type FormSettingsPage = FormSettingsView;
export type FormSettings = FormSettingsView['settings'];
export type FormSettingsBody = FormSettingsInput;
export type IntakeKey = z.infer<typeof IntakeKeySchema>;
export type Practice = FormSettingsView['choices']['practices'][number];
export type Duration = FormSettingsView['choices']['durations'][number];

/** Same limit as the server (FormSettingsSchema.embedOrigins). */
export const EMBED_ORIGINS_MAX = 20;

export function getFormSettings(signal?: AbortSignal): Promise<FormSettingsPage> {
  return apiRequest<FormSettingsPage>('GET', '/api/settings/forms', { signal });
}

export function saveFormSettings(body: FormSettingsBody): Promise<FormSettingsPage> {
  return apiRequest<FormSettingsPage>('PUT', '/api/settings/forms', { body });
}

/** A new intake key; the previous one stops working at once. The key is only ever shown here. */
export function createIntakeKey(): Promise<IntakeKey> {
  return apiRequest<IntakeKey>('POST', '/api/settings/intake-key');
}
