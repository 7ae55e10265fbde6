import { z } from 'zod';
import { staffError, textIssue } from '../domain/schema-texts.js';
import { FORM_SETTINGS_MESSAGES as M } from './form-settings.messages.js';
import { DURATIONS, PRACTICES } from './vocabulary.js';

/** An origin a school's site is served from: scheme, host and port, nothing else. */
export const EmbedOriginSchema = z
  .string()
  .trim()
  .max(200, staffError(M.originTooLong))
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, textIssue(M.badOrigin));

const practices = z
  .array(z.enum(PRACTICES, { error: staffError(M.unknownPractice) }))
  .min(1, staffError(M.noPractice))
  .max(PRACTICES.length);

/**
 * Paramètres → Formulaires, stored under `forms` in `schools.settings_json`. Every field has a
 * default, so a school that never saved them gets all three forms on, every discipline and
 * duration, every active instructor, no foreign embedding, and every active staff member notified.
 */
export const FormSettingsSchema = z.object({
  vel: z
    .object({
      isEnabled: z.boolean().default(true),
      practices: practices.default([...PRACTICES]),
    })
    .default({ isEnabled: true, practices: [...PRACTICES] }),
  contact: z.object({ isEnabled: z.boolean().default(true) }).default({ isEnabled: true }),
  custom: z
    .object({
      isEnabled: z.boolean().default(true),
      practices: practices.default([...PRACTICES]),
      durations: z
        .array(z.enum(DURATIONS, { error: staffError(M.unknownDuration) }))
        .min(1, staffError(M.noDuration))
        .max(DURATIONS.length)
        .default([...DURATIONS]),
      /** null: every active instructor of the school is offered. */
      instructorIds: z.array(z.string().max(64)).max(500).nullable().default(null),
    })
    .default({ isEnabled: true, practices: [...PRACTICES], durations: [...DURATIONS], instructorIds: null }),
  /** Sites allowed to show the forms in an iframe (besides Schuss itself). */
  embedOrigins: z.array(EmbedOriginSchema).max(20, staffError(M.tooManyOrigins)).default([]),
  /** null: every active staff member is notified of a new request. */
  notifyUserIds: z
    .array(z.string().max(64))
    .min(1, staffError(M.nobodyNotified))
    .max(500)
    .nullable()
    .default(null),
});
export type FormSettings = z.infer<typeof FormSettingsSchema>;
export type FormSettingsInput = z.input<typeof FormSettingsSchema>;

export const DEFAULT_FORM_SETTINGS: FormSettings = FormSettingsSchema.parse({});

const cache = new Map<string, FormSettings>();

/**
 * The form settings inside a school's `settings_json`, validated, with defaults. A value that
 * no longer validates (hand-edited, older shape) falls back to the defaults rather than
 * breaking the public forms. Parsed values are memoised by their JSON text.
 */
export function readFormSettings(settingsJson: string): FormSettings {
  const hit = cache.get(settingsJson);
  if (hit) return hit;
  let settings = DEFAULT_FORM_SETTINGS;
  try {
    const raw = JSON.parse(settingsJson) as { forms?: unknown } | null;
    const parsed = FormSettingsSchema.safeParse(raw?.forms ?? {});
    if (parsed.success) settings = parsed.data;
  } catch {
    // not JSON: defaults
  }
  if (cache.size >= 1_000) cache.clear();
  cache.set(settingsJson, settings);
  return settings;
}

/** Each list once, in the vocabulary's order where there is one. */
export function normalizeFormSettings(settings: FormSettings): FormSettings {
  const unique = <T>(list: T[]) => [...new Set(list)];
  const inOrder = <T extends string>(order: readonly T[], list: T[]) => order.filter((x) => list.includes(x));
  return {
    vel: { ...settings.vel, practices: inOrder(PRACTICES, settings.vel.practices) },
    contact: { ...settings.contact },
    custom: {
      ...settings.custom,
      practices: inOrder(PRACTICES, settings.custom.practices),
      durations: inOrder(DURATIONS, settings.custom.durations),
      instructorIds: settings.custom.instructorIds && unique(settings.custom.instructorIds),
    },
    embedOrigins: unique(settings.embedOrigins),
    notifyUserIds: settings.notifyUserIds && unique(settings.notifyUserIds),
  };
}

/** Writes the form settings back under `forms`, keeping whatever else settings_json holds. */
export function writeFormSettings(settingsJson: string, settings: FormSettings): string {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(settingsJson) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      raw = parsed as Record<string, unknown>;
  } catch {
    // not JSON: start afresh
  }
  return JSON.stringify({ ...raw, forms: settings });
}
