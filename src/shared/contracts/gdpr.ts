import { z } from 'zod';

/**
 * The customer's data rights (GDPR articles 15 and 17), admin only.
 *
 *   GET  /api/customers/:id/gdpr-export                        → JSON attachment (GdprExport)
 *   POST /api/customers/:id/gdpr-erase   { confirmEmail }      → GdprErasure
 */
export const GDPR_EXPORT_VERSION = 'schuss.gdpr-export.v1';

export const GdprEraseBodySchema = z.object({
  /** The customer's e-mail typed again: the strong confirmation of an erasure. */
  confirmEmail: z.string().trim().max(320),
});
export type GdprEraseBody = z.infer<typeof GdprEraseBodySchema>;

export const GdprErasureSchema = z.object({ customerId: z.string(), files: z.number().int() });
export type GdprErasure = z.infer<typeof GdprErasureSchema>;
