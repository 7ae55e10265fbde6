import { Buffer } from 'node:buffer';
import { Piscina } from 'piscina';
import type { CustomerEmailPayload } from '../../app/email/customer-email.js';
import type { EmailLayoutProps } from '../../app/email/email-layout.js';
import type { EmailSchoolFacts, RenderedEmail } from '../../app/email/render-email.js';
import type { OfferSnapshot } from '../../app/offers/offer-snapshot.js';
import { PermanentMailError } from '../mail/mail-transport.js';
import type { RenderJob, RenderOutcome, RenderResults } from './render-jobs.js';

/**
 * Customer e-mails (react-email) and quote PDFs (pdfkit) cost milliseconds of CPU each: they are
 * rendered on a small pool of worker threads (piscina), never on the thread that answers requests.
 * `RENDER_THREADS` (default: one per core beyond two) sizes it; 0 renders in-process. The pool starts on the first job,
 * its idle threads never keep the process alive, and it is process-wide: every app of a process
 * (tests start many) shares it. Closing it (deps close) lets running jobs finish; a later job
 * starts a new one.
 */
export interface RenderPool {
  run<J extends RenderJob>(job: J): Promise<RenderResults[J['job']]>;
  close(): Promise<void>;
}

const WORKER = new URL('./render-worker.mjs', import.meta.url).href;

/**
 * The parent's Node flags without tsx's own loader (`tsx src/server.ts` passes it): the worker
 * registers tsx itself, so it loads its jobs the same way under tsx, vitest and the benchmark.
 */
function workerExecArgv(): string[] {
  const flags: string[] = [];
  const argv = process.execArgv;
  // `--import tsx` (the benchmark), or tsx's own files (the tsx command).
  const isTsx = (value = '') => /^(--(require|import)=)?tsx(\/|$)|[\\/]tsx[\\/]/.test(value);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if ((flag === '--require' || flag === '--import') && isTsx(argv[i + 1])) i++;
    else if (!/^--(require|import)=/.test(flag) || !isTsx(flag)) flags.push(flag);
  }
  return flags;
}

/** A job's failure as the error it was: a permanent mail failure stays one (the outbox parks it). */
export function errorOf(failure: Extract<RenderOutcome, { ok: false }>): Error {
  const error = failure.permanent ? new PermanentMailError(failure.message) : new Error(failure.message);
  if (failure.stack) error.stack = failure.stack;
  return error;
}

export function createRenderPool(threads: number): RenderPool {
  let pool: Piscina<RenderJob, RenderOutcome> | null = null;
  return {
    async run<J extends RenderJob>(job: J): Promise<RenderResults[J['job']]> {
      let outcome: RenderOutcome;
      if (threads === 0) {
        // Loaded on demand: with a pool, the main thread never loads react-email nor pdfkit.
        const { runRenderJob } = await import('./render-jobs.js');
        outcome = await runRenderJob(job);
      } else {
        pool ??= new Piscina({
          filename: WORKER,
          minThreads: threads,
          maxThreads: threads,
          execArgv: workerExecArgv(),
          // A renderer's heap is bounded: it grew with a long backlog in the soak (bench/soak.ts).
          resourceLimits: { maxOldGenerationSizeMb: 256 },
        });
        outcome = await pool.run(job);
      }
      if (!outcome.ok) throw errorOf(outcome);
      return outcome.value as RenderResults[J['job']];
    },
    async close() {
      const closing = pool;
      pool = null;
      await closing?.close();
    },
  };
}

let shared: { threads: number; pool: RenderPool } | null = null;
let threadsWanted = 1;

function sharedPool(): RenderPool {
  shared ??= { threads: threadsWanted, pool: createRenderPool(threadsWanted) };
  return shared.pool;
}

/** The size of the process's pool (config RENDER_THREADS); a pool of another size is closed. */
export async function sizeRenderPool(threads: number): Promise<void> {
  threadsWanted = threads;
  if (shared && shared.threads !== threads) await closeRenderPool();
}

/** Closes the process's pool (running jobs finish first). */
export async function closeRenderPool(): Promise<void> {
  const closing = shared;
  shared = null;
  await closing?.pool.close();
}

/** A customer e-mail's subject, text and HTML in its language (src/app/email/render-email.tsx). */
export function customerEmail(
  payload: CustomerEmailPayload,
  school: EmailSchoolFacts,
): Promise<RenderedEmail> {
  return sharedPool().run({ job: 'customerEmail', payload, school });
}

/** The HTML part of a staff notification (src/app/email/email-layout.tsx). */
export function staffEmailHtml(props: EmailLayoutProps): Promise<string> {
  return sharedPool().run({ job: 'staffEmailHtml', props });
}

/** A quote or payment link as a PDF (src/integrations/pdf/quote-pdf.ts). */
export async function quotePdf(snapshot: OfferSnapshot): Promise<Buffer> {
  const bytes = await sharedPool().run({ job: 'quotePdf', snapshot });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The id of the thread that renders (0: the main thread). */
export function renderThreadId(): Promise<number> {
  return sharedPool().run({ job: 'threadId' });
}
