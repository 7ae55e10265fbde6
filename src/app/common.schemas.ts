import { z } from 'zod';

/** Letters with accents are fine in e-mail addresses (RFC 6531); spaces, quotes and brackets are not. */
const EMAIL_PATTERN = /^[^\s@"<>(),;:\\[\]]{1,64}@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]{2,}$/u;

/** An e-mail address as typed, normalised to the key we compare on: Unicode NFC, lower case. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254, 'Adresse e-mail trop longue (254 caractères au plus).')
  .regex(EMAIL_PATTERN, 'Adresse e-mail invalide.')
  .transform((e) => normalizeEmail(e));

export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
