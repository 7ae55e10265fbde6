import { z } from 'zod';
import { AppError, type FieldErrors } from '../../domain/errors.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { newSecretToken } from '../ids.js';
import { DURATIONS, PRACTICES } from '../intake/intake.vocabulary.js';
import { journal, transact } from '../tx.js';
import {
  type FormSettings,
  FormSettingsSchema,
  normalizeFormSettings,
  readFormSettings,
  writeFormSettings,
} from './form-settings.schemas.js';

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
    db
      .selectFrom('schools')
      .select(['slug', 'settings_json', 'intake_key_hash'])
      .where('id', '=', schoolId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('instructors')
      .select(['id', 'first_name', 'last_name', 'is_active'])
      .where('school_id', '=', schoolId)
      .orderBy('first_name')
      .orderBy('last_name')
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'name', 'role', 'is_active'])
      .where('school_id', '=', schoolId)
      .orderBy('name')
      .execute(),
  ]);
  const base = `${deps.config.publicUrl}/f/${encodeURIComponent(school.slug)}`;
  return {
    settings: readFormSettings(school.settings_json),
    hasIntakeKey: school.intake_key_hash !== null,
    urls: { vel: `${base}/vel`, contact: `${base}/contact`, custom: `${base}/sur-mesure` },
    choices: {
      practices: [...PRACTICES],
      durations: [...DURATIONS],
      instructors: instructors.map((i) => ({
        id: i.id,
        name: `${i.first_name} ${i.last_name}`,
        isActive: i.is_active === 1,
      })),
      staff: staff.map((u) => ({ id: u.id, name: u.name, role: u.role, isActive: u.is_active === 1 })),
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
    const fields: FieldErrors = {};
    const instructorIds = input.custom.instructorIds;
    if (instructorIds !== null && instructorIds.length > 0) {
      const found = await tx.trx
        .selectFrom('instructors')
        .select('id')
        .where('school_id', '=', actor.schoolId)
        .where('id', 'in', instructorIds)
        .execute();
      const known = new Set(found.map((r) => r.id));
      const index = instructorIds.findIndex((id) => !known.has(id));
      if (index >= 0) fields[`custom.instructorIds.${index}`] = 'Moniteur inconnu pour cette école.';
    }
    const userIds = input.notifyUserIds;
    if (userIds !== null) {
      const found = await tx.trx
        .selectFrom('users')
        .select('id')
        .where('school_id', '=', actor.schoolId)
        .where('id', 'in', userIds)
        .execute();
      const known = new Set(found.map((r) => r.id));
      const index = userIds.findIndex((id) => !known.has(id));
      if (index >= 0) fields[`notifyUserIds.${index}`] = 'Membre du personnel inconnu pour cette école.';
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('VALIDATION', 'Certains réglages sont invalides.', { fields });
    }
    const school = await tx.trx
      .selectFrom('schools')
      .select('settings_json')
      .where('id', '=', actor.schoolId)
      .executeTakeFirstOrThrow();
    await tx.trx
      .updateTable('schools')
      .set({ settings_json: writeFormSettings(school.settings_json, input) })
      .where('id', '=', actor.schoolId)
      .execute();
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
    await tx.trx
      .updateTable('schools')
      .set({ intake_key_hash: sha256(key) })
      .where('id', '=', actor.schoolId)
      .execute();
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'settings.intake_key_created',
      details: {},
    });
  });
  return { key };
}
