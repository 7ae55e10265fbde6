import {
  type ArchiveJob,
  advanceArchiveJob,
  countArchiveCandidates,
  findArchiveJob,
  findCurrentArchiveJob,
  finishArchiveJob,
  insertArchiveJob,
  nextArchiveCandidates,
} from '../../db/repositories/index.js';
import { AppError } from '../../domain/errors.js';
import type { ArchiveJobView, SeasonArchiveInput } from '../../shared/contracts/archive.js';
import type { StaffActor } from '../actor.js';
import { requireRole } from '../auth/require-role.js';
import { crashPoint } from '../crash-points.js';
import type { AppDeps } from '../deps.js';
import { newId } from '../ids.js';
import { journal, transact } from '../tx.js';
import { ARCHIVE_MESSAGES } from './archive.messages.js';
import { archiveOne } from './archive-file.js';

function view(job: ArchiveJob): ArchiveJobView {
  return {
    id: job.id,
    scope: job.scope,
    beforeDay: job.beforeDay,
    total: job.total,
    doneCount: job.doneCount,
    state: job.state,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

/** The school's running season archive (to resume), else its latest; null when there never was one. */
export async function getCurrentArchiveJob(deps: AppDeps, actor: StaffActor): Promise<ArchiveJobView | null> {
  requireRole(actor, 'admin');
  const job = await findCurrentArchiveJob(deps.db.kysely, actor.schoolId);
  return job ? view(job) : null;
}

/**
 * "Archiver la saison": starts a run over every processed file, or every file opened before a
 * day — or, if one is already running, answers that one (it is resumed, never doubled).
 */
export async function startSeasonArchive(
  deps: AppDeps,
  actor: StaffActor,
  input: SeasonArchiveInput,
): Promise<ArchiveJobView> {
  requireRole(actor, 'admin');
  if (input.scope === 'older_than' && !input.beforeDay)
    throw new AppError('VALIDATION', ARCHIVE_MESSAGES.beforeDayRequired, {
      fields: { beforeDay: ARCHIVE_MESSAGES.beforeDayRequired },
    });
  return transact(deps, async (tx) => {
    const current = await findCurrentArchiveJob(tx.trx, actor.schoolId);
    if (current?.state === 'running') return view(current);
    const scope = {
      scope: input.scope,
      beforeDay: input.scope === 'older_than' ? (input.beforeDay ?? null) : null,
    };
    const total = await countArchiveCandidates(tx.trx, actor.schoolId, scope);
    const id = newId('archiveJob');
    await insertArchiveJob(tx.trx, {
      ...scope,
      id,
      schoolId: actor.schoolId,
      total,
      createdBy: actor.userId,
      at: tx.now,
    });
    await journal(tx, {
      schoolId: actor.schoolId,
      actor,
      action: 'archive.season_started',
      details: { ...scope, total },
    });
    return view((await findArchiveJob(tx.trx, actor.schoolId, id))!);
  });
}

/**
 * Archives the next files of a run, each in its own transaction which also moves the run's
 * cursor past it: a run interrupted anywhere resumes after the last file archived, and a file
 * archived meanwhile by hand is skipped. When nothing is left the run is finished (journaled).
 */
export async function runSeasonArchive(
  deps: AppDeps,
  actor: StaffActor,
  jobId: string,
  options: { batch: number },
): Promise<ArchiveJobView> {
  requireRole(actor, 'admin');
  const job = await findArchiveJob(deps.db.kysely, actor.schoolId, jobId);
  if (!job) throw new AppError('NOT_FOUND', ARCHIVE_MESSAGES.jobNotFound);
  if (job.state === 'done') return view(job);
  const ids = await nextArchiveCandidates(deps.db.kysely, actor.schoolId, job, job.cursor, options.batch);
  for (const requestId of ids) {
    await transact(deps, async (tx) => {
      const archived = await archiveOne(tx, { schoolId: actor.schoolId, requestId, actor });
      await advanceArchiveJob(tx.trx, job, { cursor: requestId, archived, at: tx.now });
      crashPoint('archive.before-commit');
    });
    crashPoint('archive.between-files');
  }
  if (ids.length < options.batch) {
    await transact(deps, async (tx) => {
      const latest = (await findArchiveJob(tx.trx, actor.schoolId, jobId))!;
      if (latest.state === 'done') return;
      await finishArchiveJob(tx.trx, job, tx.now);
      await journal(tx, {
        schoolId: actor.schoolId,
        actor,
        action: 'archive.season_finished',
        details: { archived: latest.doneCount },
      });
    });
  }
  return view((await findArchiveJob(deps.db.kysely, actor.schoolId, jobId))!);
}
