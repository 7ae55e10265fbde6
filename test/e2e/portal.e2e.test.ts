import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StaffActor } from '../../src/app/actor.js';
import { sendQuote } from '../../src/app/offers/send-offer.js';
import { privateLinkOf } from '../../src/app/portal/private-link.js';
import { replyToCustomer } from '../../src/app/requests/conversation.js';
import { transact } from '../../src/app/tx.js';
import {
  collectPageProblems,
  type DemoServer,
  launchChromium,
  MARIE,
  SCREENSHOTS,
  startDemoServer,
} from '../support/e2e.js';

/**
 * The customer's private page as Camille opens it from her e-mail, on a phone first: her quote
 * with the optional insurance, which she removes (the total follows), a reply to the school, and
 * the school's answer arriving live. Photographed at 390 px and 1280 px.
 */

let server: DemoServer | undefined;
let browser: Browser | undefined;
let link = '';
let requestId = '';
let marie: StaffActor;
const problems: string[] = [];

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
  const db = server.deps.db.kysely;
  const user = await db.selectFrom('users').selectAll().where('email', '=', MARIE).executeTakeFirstOrThrow();
  marie = { kind: 'staff', schoolId: user.school_id, userId: user.id, name: user.name, role: user.role };
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('email', '=', 'camille.rousseau@example.fr')
    .executeTakeFirstOrThrow();
  const request = await db
    .selectFrom('requests')
    .select(['id', 'version'])
    .where('customer_id', '=', customer.id)
    .executeTakeFirstOrThrow();
  requestId = request.id;
  const line = (n: number, label: string, total: number, vat: number, optional: 0 | 1) => ({
    id: `e2e_line_${n}`,
    school_id: user.school_id,
    request_id: request.id,
    kind: optional ? ('extra' as const) : ('catalog' as const),
    product_id: null,
    label,
    label_key: null,
    label_params_json: null,
    quantity: 2,
    unit_price_cents: total / 2,
    total_cents: total,
    vat_rate_bp: vat,
    is_online_sale: 1 as const,
    is_optional: optional,
    is_active: 1 as const,
    details_json: '{}',
    pos_imported_at: null,
    position: 100 + n,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    session_id: null,
    instructor_id: null,
    participant_count: 2,
  });
  await db
    .insertInto('lines')
    .values([
      line(1, 'Cours collectif enfants — Ourson, 6 matinées (Léo, Inès)', 39_000, 1000, 0),
      line(2, 'Assurance Carré Neige — 6 jours (par personne)', 3_840, 0, 1),
    ])
    .execute();
  const { version } = await db
    .selectFrom('requests')
    .select('version')
    .where('id', '=', request.id)
    .executeTakeFirstOrThrow();
  await sendQuote(server.deps, marie, request.id, { version: Number(version) });
  link = await transact(server.deps, (tx) =>
    privateLinkOf(server!.deps, tx, { schoolId: user.school_id, id: request.id }),
  );
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 30_000);

describe('the customer portal', { timeout: 120_000 }, () => {
  test('on a phone: read the quote, remove the insurance, reply; the school’s answer arrives live', async () => {
    const context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
    const page = collectPageProblems(await context.newPage(), problems, /^$/);
    await page.goto(link);
    await expect.poll(() => page.locator('main').getAttribute('data-live-ready')).toBe('1');
    expect(await page.locator('h1').textContent()).toMatch(/^Dossier n° /);
    await expect.poll(() => page.locator('[data-total]').textContent()).toContain('428,40');
    const wide = await page.evaluate(
      () => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth,
    );
    expect(wide).toBe(0);
    await page.screenshot({
      path: join(SCREENSHOTS, 'portal-phone.png'),
      fullPage: true,
      animations: 'disabled',
    });

    await page.getByRole('button', { name: /Retirer : Assurance/ }).click();
    await page.waitForURL(/ok=removed/);
    expect(await page.locator('[data-total]').textContent()).toContain('390,00');
    expect(await page.locator('.line.is-removed').count()).toBe(1);
    await expect.poll(() => page.locator('main').getAttribute('data-live-ready')).toBe('1');

    await page
      .getByLabel('Votre message à l’école')
      .fill('Merci ! Peut-on commencer mardi plutôt que lundi ?');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForURL(/ok=reply/);
    expect(await page.locator('.bubble.mine').last().textContent()).toContain('commencer mardi');
    await expect.poll(() => page.locator('main').getAttribute('data-live-ready')).toBe('1');

    // The school answers: the page shows it without reloading (event stream, then a fetch).
    await replyToCustomer(server!.deps, marie, requestId, 'Bien sûr, c’est noté pour mardi 9 h.');
    await expect
      .poll(() => page.locator('.bubble.theirs').last().textContent())
      .toContain('c’est noté pour mardi');
    await page.screenshot({
      path: join(SCREENSHOTS, 'portal-phone-after.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await context.close();
    expect(problems).toEqual([]);
  });

  test('at 1280 px: two columns, nothing cut', async () => {
    const context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = collectPageProblems(await context.newPage(), problems, /^$/);
    await page.goto(link);
    const wide = await page.evaluate(
      () => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth,
    );
    expect(wide).toBe(0);
    // The right column is one stack: "Échéancier" follows "Payer en ligne" closely, whatever
    // the height of the offer on the left.
    const pay = (await page.locator('.card.pay').boundingBox())!;
    const schedule = (await page.locator('.card.schedule').boundingBox())!;
    const offer = (await page.locator('.card.offer').boundingBox())!;
    expect(pay.x).toBeGreaterThan(offer.x + offer.width);
    expect(Math.abs(schedule.x - pay.x)).toBeLessThan(1);
    expect(schedule.y - (pay.y + pay.height)).toBeLessThanOrEqual(20);
    await page.screenshot({
      path: join(SCREENSHOTS, 'portal-desktop.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await context.close();
    expect(problems).toEqual([]);
  });
});
