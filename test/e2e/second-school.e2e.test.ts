import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import {
  ADMIN,
  apiAs,
  collectPageProblems,
  type DemoServer,
  launchChromium,
  SCREENSHOTS,
  startDemoServer,
} from '../support/e2e.js';

/**
 * Issue 14: a second school created with the operator command works end to end in the browser —
 * its own form, its own admin, its own lists — and sees nothing of the demo school (nor the demo
 * school anything of it). The command runs against the server's own database while it serves.
 */

let server: DemoServer;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  server = await startDemoServer({
    needsWebBuild: true,
    env: { LOG_LEVEL: 'silent' },
    // A lighter proof of work keeps the form quick (as forms.e2e does); the rules are the same.
    config: (base) => ({
      ...base,
      intake: { ...base.intake, minFillMs: 500, powCost: 200, powCounterMin: 100, powCounterMax: 400 },
    }),
  });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 30_000);

async function schuss(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    env: {
      SQLITE_FILE: server.deps.config.sqliteFile,
      PUBLIC_URL: server.url,
      LOG_LEVEL: 'silent',
    } as NodeJS.ProcessEnv,
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

/** A page on its own French context; the sign-in page asking "who am I?" before login answers 401. */
async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport });
  return collectPageProblems(await context.newPage(), problems, /status of 401/);
}

describe('a second school, created by the operator command', { timeout: 120_000 }, () => {
  test('its form, its admin and its lists work in Chromium, and neither school sees the other', async () => {
    const created = await schuss(
      'school',
      'create',
      '--slug',
      'esf-tignes',
      '--name',
      'ESF Tignes',
      '--admin-email',
      'chef@tignes.test',
      '--admin-name',
      'Chef Tignes',
    );
    expect(created, created.err).toMatchObject({ code: 0, err: '' });
    const password = /Password: {2}(\S+)/.exec(created.out)?.[1] ?? /: (\S+)\n/.exec(created.out)?.[1];
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);

    // A customer writes through the new school's contact form, on a phone.
    const customer = await newPage({ width: 390, height: 844 });
    await customer.goto(`${server.url}/f/esf-tignes/contact`);
    await expect(customer.locator('body').textContent()).resolves.toContain('ESF Tignes');
    await customer.locator('[name="customer.firstName"]').fill('Zoé');
    await customer.locator('[name="customer.lastName"]').fill('Tignard');
    await customer.locator('[name="customer.email"]').fill('zoe.tignard@exemple.fr');
    await customer.locator('[name="message"]').fill('Bonjour, avez-vous des cours de snowboard à Noël ?');
    await customer.waitForFunction(() => {
      const widget = document.querySelector('altcha-widget') as
        | (Element & { getState?: () => string })
        | null;
      return widget?.getState?.() === 'verified';
    });
    await customer.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await customer.waitForURL(/\/merci\?n=/);
    const number = /n° (\d{4}-\d{5})/.exec(
      (await customer.locator('[data-request-number]').textContent()) ?? '',
    )?.[1];
    expect(number).toBeDefined();
    await customer.screenshot({ path: join(SCREENSHOTS, 'second-school-form-thanks-phone.png') });

    // Its admin signs in with the one-time password and finds that request — and only that one.
    const admin = await newPage({ width: 1280, height: 900 });
    await admin.goto(`${server.url}/app/connexion`);
    await admin.getByLabel('E-mail').fill('chef@tignes.test');
    await admin.getByLabel('Mot de passe', { exact: true }).fill(password!);
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await admin.waitForURL(`${server.url}/app/demandes`);
    const table = admin.getByRole('table', { name: 'Demandes, la plus récente activité en premier' });
    await table.getByRole('row').filter({ hasText: 'Zoé Tignard' }).getByText(number!).waitFor();
    await expect(admin.getByText('ESF Tignes').first().isVisible()).resolves.toBe(true);
    // One header row and one request: none of the demo school's requests.
    await expect(table.getByRole('row').count()).resolves.toBe(2);
    const demoNames = await server.deps.db.kysely
      .selectFrom('requests')
      .innerJoin('schools', 'schools.id', 'requests.school_id')
      .select('requests.customer_name')
      .where('schools.slug', '=', 'demo')
      .execute();
    expect(demoNames.length).toBeGreaterThan(0);
    const shown = (await table.textContent()) ?? '';
    for (const { customer_name } of demoNames) expect(shown).not.toContain(customer_name);
    await admin.screenshot({ path: join(SCREENSHOTS, 'second-school-requests.png') });

    // The demo school's admin neither lists nor finds the new school's request.
    const demo = await apiAs(server, ADMIN);
    const search = await demo('GET', '/api/search?q=Tignard');
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('Tignard');
    const tignesId = (
      await server.deps.db.kysely
        .selectFrom('requests')
        .select('id')
        .where('number', '=', number!)
        .where('customer_name', 'like', '%Tignard%')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await demo('GET', `/api/requests/${tignesId}`)).statusCode).toBe(404);
    expect(problems).toEqual([]);
  });
});
