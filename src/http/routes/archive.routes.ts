import { z } from 'zod';
import { archiveFile } from '../../app/archive/archive-file.js';
import {
  getCurrentArchiveJob,
  runSeasonArchive,
  startSeasonArchive,
} from '../../app/archive/season-archive.js';
import type { AppDeps } from '../../app/deps.js';
import {
  ArchivedFileSchema,
  ArchiveFileBodySchema,
  ArchiveJobViewSchema,
  CurrentArchiveJobSchema,
  RunArchiveBodySchema,
  SeasonArchiveInputSchema,
} from '../../shared/contracts/archive.js';
import { STAFF_ERRORS } from '../errors.js';
import { staffOf } from '../plugins/auth.plugin.js';
import type { App } from '../types.js';

const IdParams = z.object({ id: z.string().max(64) });

/** "Archiver" one file, and "Archiver la saison" (admin): start, resume, progress. */
export function archiveRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/requests/:id/archive',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['archive'],
        summary:
          '“Archiver”: erase the order content, keep the conversation, the totals and the payment ledger',
        params: IdParams,
        body: ArchiveFileBodySchema,
        response: { 200: ArchivedFileSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => archiveFile(deps, staffOf(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/archive/season',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['archive'],
        summary: 'The running season archive (to resume), else the latest (admin)',
        response: { 200: CurrentArchiveJobSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => ({ job: await getCurrentArchiveJob(deps, staffOf(request).actor) }),
  );

  app.post(
    '/api/archive/season',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['archive'],
        summary: '“Archiver la saison”: start a run (or answer the one running) (admin)',
        body: SeasonArchiveInputSchema,
        response: { 200: ArchiveJobViewSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => startSeasonArchive(deps, staffOf(request).actor, request.body),
  );

  app.post(
    '/api/archive/season/:id/run',
    {
      preHandler: app.requireStaff,
      schema: {
        tags: ['archive'],
        summary: 'Archive the next files of a run, one transaction each; the answer is its progress (admin)',
        params: IdParams,
        body: RunArchiveBodySchema,
        response: { 200: ArchiveJobViewSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => runSeasonArchive(deps, staffOf(request).actor, request.params.id, request.body),
  );
}
