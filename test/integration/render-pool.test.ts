import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { CustomerEmailPayload } from '../../src/app/email/customer-email.js';
import { renderCustomerEmail } from '../../src/app/email/render-email.js';
import type { OfferSnapshot } from '../../src/app/offers/offer-snapshot.js';
import { defaultRenderThreads, loadConfig } from '../../src/config/env.js';
import { PermanentMailError } from '../../src/integrations/mail/mail-transport.js';
import {
  createRenderPool,
  customerEmail,
  errorOf,
  quotePdf,
  renderThreadId,
} from '../../src/integrations/render/render-pool.js';

const PAYLOAD: CustomerEmailPayload = {
  schoolId: 'sch_render',
  requestId: 'req_render',
  to: 'anais@example.fr',
  firstName: 'Anaïs',
  language: 'de',
  fileNumber: 'D-2026-0042',
  link: 'https://schuss.test/p/abc',
  params: { template: 'acknowledgement' },
};
const SCHOOL = {
  name: 'ESF Démo',
  defaultLanguage: 'fr',
  signature: ['1 place de la Mairie', '73000 Savoie'],
};

const SNAPSHOT: OfferSnapshot = {
  kind: 'quote',
  number: 'DV-2026-0007',
  version: 1,
  fileNumber: 'D-2026-0042',
  sentAt: '2026-12-02T09:00:00.000Z',
  sentOn: '2026-12-02',
  validUntil: '2026-12-31',
  customer: { name: 'Anaïs R', email: 'anais@example.fr' },
  school: {
    name: 'ESF Démo',
    legal: { companyName: 'ESF Démo SARL', address: '1 place', siret: '', vatNumber: '', mentions: '' },
  },
  lines: [
    { label: 'Cours collectif', quantity: 2, unitPriceCents: 9_000, totalCents: 18_000, vatRateBp: 1000 },
  ],
  totals: {
    totalCents: 18_000,
    netCents: 16_364,
    vatCents: 1_636,
    vat: [{ rateBp: 1000, totalCents: 18_000, netCents: 16_364, vatCents: 1_636 }],
    paidCents: 0,
  },
  amountCents: null,
} as OfferSnapshot;

describe('the render pool', () => {
  it('renders on another thread than the one answering requests, the same e-mail as in-process', async () => {
    const renderer = await renderThreadId();
    expect(renderer).not.toBe(threadId);
    expect(renderer).not.toBe(0);
    const pooled = await customerEmail(PAYLOAD, SCHOOL);
    expect(pooled).toEqual(await renderCustomerEmail(PAYLOAD, SCHOOL));
    expect(pooled.language).toBe('de');
    expect(pooled.subject).toContain('D-2026-0042');
    const pdf = await quotePdf(SNAPSHOT);
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a job that fails rejects with its own message, and is no permanent failure unless it was one', async () => {
    const failure = await customerEmail({ ...PAYLOAD, link: 'javascript:alert(1)' }, SCHOOL).catch((e) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentMailError);
    expect((failure as Error).message).toBe('A customer e-mail link must be http(s)');
    const permanent = errorOf({ ok: false, message: 'SMTP 550', permanent: true, stack: undefined });
    expect(permanent).toBeInstanceOf(PermanentMailError);
    expect(permanent.message).toBe('SMTP 550');
  });

  it('RENDER_THREADS=0 renders in-process, on the calling thread', async () => {
    expect(loadConfig({ RENDER_THREADS: '0' } as NodeJS.ProcessEnv).renderThreads).toBe(0);
    // By default one per core beyond two: none on a 2-core box, two on a 4-core one.
    expect(loadConfig({} as NodeJS.ProcessEnv).renderThreads).toBe(defaultRenderThreads());
    expect([2, 4, 8].map((cores) => defaultRenderThreads(cores))).toEqual([0, 2, 4]);
    const inProcess = createRenderPool(0);
    expect(await inProcess.run({ job: 'threadId' })).toBe(threadId);
    const email = await inProcess.run({ job: 'customerEmail', payload: PAYLOAD, school: SCHOOL });
    expect(email).toEqual(await renderCustomerEmail(PAYLOAD, SCHOOL));
    await inProcess.close();
  });
});
