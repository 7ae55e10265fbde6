import { threadId } from 'node:worker_threads';
import { render } from '@react-email/components';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { CustomerEmailPayload } from '../../app/email/customer-email.js';
import { EmailLayout, type EmailLayoutProps } from '../../app/email/email-layout.js';
import {
  type EmailSchoolFacts,
  type RenderedEmail,
  renderCustomerEmail,
} from '../../app/email/render-email.js';
import type { OfferSnapshot } from '../../app/offers/offer-snapshot.js';
import { PermanentMailError } from '../mail/mail-transport.js';
import { renderQuotePdf } from '../pdf/quote-pdf.js';

/**
 * The rendering jobs: pure functions of serializable facts (no database, no clock), so they can
 * run on the render pool's thread (src/integrations/render/render-pool.ts) or in-process alike.
 */
export type RenderJob =
  | { job: 'customerEmail'; payload: CustomerEmailPayload; school: EmailSchoolFacts }
  | { job: 'staffEmailHtml'; props: EmailLayoutProps }
  | { job: 'quotePdf'; snapshot: OfferSnapshot }
  /** Which thread renders (tests: the pool's thread is not the main one). */
  | { job: 'threadId' };

export interface RenderResults {
  customerEmail: RenderedEmail;
  staffEmailHtml: string;
  quotePdf: Uint8Array;
  threadId: number;
}

/**
 * What crosses back to the caller: a value, or an error as its message and its kind — a class
 * does not survive the thread boundary, so a PermanentMailError travels as `permanent: true`.
 */
export type RenderOutcome =
  | { ok: true; value: RenderResults[keyof RenderResults] }
  | { ok: false; message: string; permanent: boolean; stack: string | undefined };

async function resultOf(job: RenderJob): Promise<RenderResults[keyof RenderResults]> {
  switch (job.job) {
    case 'customerEmail':
      return renderCustomerEmail(job.payload, job.school);
    case 'staffEmailHtml':
      return render(<EmailLayout {...job.props} />);
    case 'quotePdf':
      return ownBuffer(await renderQuotePdf(job.snapshot));
    case 'threadId':
      return threadId;
  }
}

/**
 * Bytes that own their whole ArrayBuffer, safe to transfer: a Buffer may be a view on Node's
 * shared pool (which cannot move), so it is copied once into its own (Buffer#slice would not copy).
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

export async function runRenderJob(job: RenderJob): Promise<RenderOutcome> {
  try {
    return { ok: true, value: await resultOf(job) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, message: e.message, permanent: error instanceof PermanentMailError, stack: e.stack };
  }
}

/** The pool thread's task (render-worker.mjs): the outcome, a PDF's buffer moved rather than copied. */
export async function runRenderTask(job: RenderJob): Promise<unknown> {
  const outcome = await runRenderJob(job);
  const transfer = outcome.ok && outcome.value instanceof Uint8Array ? [outcome.value.buffer] : [];
  return move({ [transferableSymbol]: transfer, [valueSymbol]: outcome } as never);
}
