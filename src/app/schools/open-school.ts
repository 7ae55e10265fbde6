import { isEmailTaken, isSlugTaken } from '../../db/repositories/index.js';
import { AppError, type Text } from '../../domain/errors.js';
import { textOfIssue } from '../../domain/schema-texts.js';
import { EmailSchema } from '../common.schemas.js';
import type { AppDeps } from '../deps.js';
import { LANGUAGES } from '../requests/requests.schemas.js';
import { type CreatedSchool, createSchool } from './create-school.js';
import { SCHOOLS_MESSAGES as M } from './schools.messages.js';
import { generatePassword } from './seed-demo.js';

export interface OpenSchoolInput {
  slug: string;
  name: string;
  timeZone: string;
  /** The customers' default language (forms, e-mails). */
  language: string;
  adminEmail: string;
  adminName: string;
}

export interface OpenedSchool {
  school: CreatedSchool;
  /** The admin's generated password: stored only as its hash, shown once by the caller. */
  password: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

/**
 * The operator opens a school for a new customer: the school, empty (no catalogue, default
 * settings), and its first admin with a generated password. Field problems are named by field.
 */
export async function openSchool(deps: AppDeps, input: OpenSchoolInput): Promise<OpenedSchool> {
  const db = deps.db.kysely;
  const fields: Record<string, Text> = {};
  const slug = input.slug.trim();
  if (!SLUG.test(slug)) fields.slug = M.slugFormat;
  else if (await isSlugTaken(db, slug)) fields.slug = M.slugTaken;
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) fields.name = M.nameRequired;
  if (!isTimeZone(input.timeZone)) fields.timeZone = M.timeZoneUnknown;
  if (!(LANGUAGES as readonly string[]).includes(input.language)) fields.language = M.languageUnknown;
  const email = EmailSchema.safeParse(input.adminEmail);
  if (!email.success) fields.adminEmail = textOfIssue(email.error.issues[0]!);
  else if (await isEmailTaken(db, email.data)) fields.adminEmail = M.emailTaken;
  const adminName = input.adminName.trim();
  if (adminName.length === 0 || adminName.length > 100) fields.adminName = M.nameRequired;
  if (Object.keys(fields).length > 0 || !email.success)
    throw new AppError('VALIDATION', M.invalid, { fields });

  const password = generatePassword();
  const school = await createSchool(deps, {
    slug,
    name,
    timeZone: input.timeZone,
    defaultLanguage: input.language,
    staff: [{ email: email.data, name: adminName, role: 'admin', password }],
  });
  return { school, password };
}
