import { findPortalFile } from '../../db/repositories/index.js';
import { sha256 } from '../crypto.js';
import type { AppDeps } from '../deps.js';
import { isLanguage, type Language } from '../intake/intake.i18n.js';

/** What the customer's private page says about their file, until the portal replaces it. */
export interface CustomerFile {
  number: string;
  /** The language the customer wrote in: the page speaks it unless they choose another. */
  language: Language;
  receivedAt: string;
  schoolName: string;
  schoolTimeZone: string;
  firstName: string;
}

/** Private links are 256-bit base64url tokens (newSecretToken); anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The file a private link (`/c/<token>`) opens, or null for a link that opens none: unknown,
 * mistyped, cut short or replaced. Only the token's hash is stored and compared.
 */
export async function findCustomerFile(deps: AppDeps, token: string): Promise<CustomerFile | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await findPortalFile(deps.db.kysely, sha256(token));
  if (!row) return null;
  return {
    number: row.number,
    language: isLanguage(row.language) ? row.language : 'fr',
    receivedAt: row.created_at,
    schoolName: row.school_name,
    schoolTimeZone: row.school_time_zone,
    firstName: row.customer_first_name,
  };
}
