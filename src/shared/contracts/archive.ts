import { z } from 'zod';

/**
 * "Archiver" (one file) and "Archiver la saison" (a resumable run), for the staff app.
 *
 *   POST /api/requests/:id/archive            { version }            → ArchivedFileSchema
 *   GET  /api/archive/season                                        → { job: ArchiveJobView | null } (admin)
 *   POST /api/archive/season                  SeasonArchiveInput     → ArchiveJobView (starts, or the running one)
 *   POST /api/archive/season/:id/run          { batch? }             → ArchiveJobView (archives the next files)
 */
export const SeasonArchiveInputSchema = z.object({
  scope: z.enum(['processed', 'older_than']),
  beforeDay: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type SeasonArchiveInput = z.infer<typeof SeasonArchiveInputSchema>;

export const ArchiveJobViewSchema = z.object({
  id: z.string(),
  scope: z.enum(['processed', 'older_than']),
  beforeDay: z.string().nullable(),
  total: z.number().int(),
  doneCount: z.number().int(),
  state: z.enum(['running', 'done']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ArchiveJobView = z.infer<typeof ArchiveJobViewSchema>;

export const CurrentArchiveJobSchema = z.object({ job: ArchiveJobViewSchema.nullable() });
export const RunArchiveBodySchema = z.object({ batch: z.number().int().min(1).max(50).default(10) });
export const ArchiveFileBodySchema = z.object({ version: z.number().int() });
export const ArchivedFileSchema = z.object({ version: z.number().int(), status: z.string() });
export type ArchivedFile = z.infer<typeof ArchivedFileSchema>;
export type CurrentArchiveJob = z.infer<typeof CurrentArchiveJobSchema>;
