import { z } from 'zod';
import {
  findIdsInSchool,
  findSchoolFormSettings,
  listInstructorsOfSchool,
  listUsersOfSchool,
  saveSchoolFormSettings,
  setIntakeKeyHash,
} from '../../db/repositories/index.js';
import { AppError, type FieldTexts } from '../../domain/errors.js';
import { DURATIONS, PRACTICES } from '../../shared/vocabulary.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { newSecretToken } from '../ids.js';
import { journal, transact } from '../tx.js';
import { type FormSettings, FormSettingsSchema, normalizeFormSettings } from './form-settings.schemas.js';
import { SETTINGS_MESSAGES } from './settings.messages.js';

export const FormSettingsViewSchema = z.object({
  settings: FormSettingsSchema,
  hasIntakeKey: z.boolean(),
  /** The public pages, to link to or embed. */
  urls: z.object({ vel: z.string(), contact: z.string(), custom: z.string() }),
  choices: z.object({
    practices: z.array(z.enum(PRACTICES)),
    durations: z.array(z.enum(DURATIONS)),
    instructors: z.array(z.object({ id: z.string(), name: z.string(), isActive: z.boolean() })),
    staff: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), isActive: z.boolean() })),
  }),
});
export type FormSettingsView = z.infer<typeof FormSettingsViewSchema>;

export const IntakeKeySchema = z.object({
  /** Shown once: only its hash is kept. */
  key: z.string(),
});

async function loadView(deps: AppDeps, schoolId: string): Promise<FormSettingsView> {
  const db = deps.db.kysely;
  const [school, instructors, staff] = await Promise.all([
    findSchoolFormSettings(db, schoolId),
    listInstructorsOfSchool(db, schoolId),
    listUsersOfSchool(db, schoolId),
  ]);
  const base = `${deps.config.publicUrl}/f/${encodeURIComponent(school.slug)}`;
  return {
    settings: school.settings,
    hasIntakeKey: school.hasIntakeKey,
    urls: { vel: `${base}/vel`, contact: `${base}/contact`, custom: `${base}/sur-mesure` },
    choices: {
      practices: [...PRACTICES],
      durations: [...DURATIONS],
      instructors,
      staff: staff.map((u) => ({ id: u.id, name: u.name, role: u.role, isActive: u.isActive })),
    },
  };
}

/** Paramètres → Formulaires: what the school's public forms offer, who may embed them, who hears of them. */
export async function getFormSettings(deps: AppDeps, actor: StaffActor): Promise<FormSettingsView> {
  requireRole(actor, 'admin');
  return loadView(deps, actor.schoolId);
}

/**
 * Saves the form settings (admin). Instructors and staff named must be the school's own; other
 * keys of the school's settings are kept. Journaled.
 */
export async function updateFormSettings(
  deps: AppDeps,
  actor: StaffActor,
  raw: FormSettings,
): Promise<FormSettingsView> {
  requireRole(actor, 'admin');
  const input = normalizeFormSettings(raw);
  await transact(deps, async (tx) => {
    const fields: FieldTexts = {};
    const instructorIds = input.custom.instructorIds;
    if (instructorIds !== null && instructorIds.length > 0) {
      const known = await findIdsInSchool(tx.trx, 'instructors', actor.schoolId, instructorIds);
      const index = instructorIds.findIndex((id) => !known.has(id));
      if (index >= 0) fields[`custom.instructorIds.${index}`] = SETTINGS_MESSAGES.unknownInstructor;
    }
    const userIds = input.notifyUserIds;
    if (userIds !== null) {
      const known = await findIdsInSchool(tx.trx, 'users', actor.schoolId, userIds);
      const index = userIds.findIndex((id) => !known.has(id));
      if (index >= 0) fields[`notifyUserIds.${index}`] = SETTINGS_MESSAGES.unknownStaff;
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('VALIDATION', SETTINGS_MESSAGES.invalid, { fields });
    }
    await saveSchoolFormSettings(tx.trx, actor.schoolId, input);
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'settings.forms_changed',
      details: {
        vel: input.vel.isEnabled,
        contact: input.contact.isEnabled,
        custom: input.custom.isEnabled,
        embedOrigins: input.embedOrigins,
      },
    });
  });
  return loadView(deps, actor.schoolId);
}

/**
 * Creates a new intake key for the school (admin), replacing the previous one at once. The key
 * is returned this once; only its sha256 is stored.
 */
export async function rotateIntakeKey(deps: AppDeps, actor: StaffActor): Promise<{ key: string }> {
  requireRole(actor, 'admin');
  const key = `sik_${newSecretToken()}`;
  await transact(deps, async (tx) => {
    await setIntakeKeyHash(tx.trx, actor.schoolId, sha256(key));
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'settings.intake_key_created',
      details: {},
    });
  });
  return { key };
}
