import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';
import { notifyError } from './notify';

/** Server field errors for the fields a form shows, and whether some of the error is left to say. */
export function splitFieldErrors<K extends string>(
  error: ApiError,
  fields: readonly K[],
): { byField: Partial<Record<K, string>>; hasOther: boolean } {
  const byField: Partial<Record<K, string>> = {};
  let hasOther = false;
  for (const [key, message] of Object.entries(error.fields)) {
    if ((fields as readonly string[]).includes(key)) byField[key as K] = message;
    else hasOther = true;
  }
  return { byField, hasOther: hasOther || Object.keys(byField).length === 0 };
}

/** Conflicts and invalid states ("the school must keep one admin") are told as notifications. */
export function notifyFailure(t: TFunction, error: unknown): void {
  notifyError(
    t('errors.actionImpossible'),
    error instanceof ApiError ? error.message : t('errors.unexpected'),
  );
}
