import type { FormSettingsInput, FormSettingsView, IntakeKey } from '../../shared/contracts/settings';
import { apiRequest } from './http';

export type { IntakeKey };
export type FormSettingsPage = FormSettingsView;
export type FormSettings = FormSettingsView['settings'];
export type FormSettingsBody = FormSettingsInput;
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
