import { z } from 'zod';

/** An offer as it was sent (offers.snapshot_json): what the PDF prints and the customer saw. */
export const OfferSnapshotSchema = z.object({
  kind: z.enum(['quote', 'payment_link']),
  number: z.string(),
  version: z.number().int(),
  fileNumber: z.string(),
  sentAt: z.string(),
  /** The school's day the offer was sent, and its last valid day ("YYYY-MM-DD"). */
  sentOn: z.string(),
  validUntil: z.string(),
  customer: z.object({ name: z.string(), email: z.string() }),
  school: z.object({
    name: z.string(),
    legal: z.object({
      companyName: z.string(),
      address: z.string(),
      siret: z.string(),
      vatNumber: z.string(),
      mentions: z.string(),
    }),
  }),
  lines: z.array(
    z.object({
      label: z.string(),
      quantity: z.number(),
      unitPriceCents: z.number().int(),
      totalCents: z.number().int(),
      vatRateBp: z.number().int(),
    }),
  ),
  totals: z.object({
    totalCents: z.number().int(),
    netCents: z.number().int(),
    vatCents: z.number().int(),
    vat: z.array(
      z.object({
        rateBp: z.number().int(),
        totalCents: z.number().int(),
        netCents: z.number().int(),
        vatCents: z.number().int(),
      }),
    ),
    paidCents: z.number().int(),
  }),
  /** What a payment link asks for; null for a quote. */
  amountCents: z.number().int().nullable(),
});
export type OfferSnapshot = z.infer<typeof OfferSnapshotSchema>;
