import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  collectPageProblems,
  type DemoServer,
  dayFromNow,
  launchChromium,
  MARIE,
  SCREENSHOTS,
  signInAs,
  startDemoServer,
} from '../support/e2e.js';

/**
 * The Paiement onglet as a secretary uses it (issue 10): on a file "En attente de paiement" she
 * records a cheque ("Acompte versé"), then the rest by virement ("Paiement soldé"), and unticks
 * "Autoriser le paiement en ligne". Photographed at 1280, 1440 and phone width.
 */

let server: DemoServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let fileUrl = '';
let fileId = '';
const problems: string[] = [];

beforeAll(async () => {
  server = await startDemoServer({ needsWebBuild: true });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  // Provoked on purpose: the login page's "who am I" (401) and the refusal of "12,345" (400).
  page = collectPageProblems(await context.newPage(), problems, /status of (400|401)/);
  await signInAs(page, server.url, MARIE);
  fileId = await quotedFile(server.url);
  fileUrl = `${server.url}/app/dossiers/${fileId}`;
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
}, 30_000);

afterEach(() => {
  expect(problems).toEqual([]);
});

/** A demo demande given the insurance extra and a quote, through the staff API: "En attente de paiement". */
async function quotedFile(url: string): Promise<string> {
  const api = context!.request;
  const headers = { origin: url };
  const list = (await (await api.get(`${url}/api/requests?tab=request`)).json()) as {
    items: { id: string }[];
  };
  const id = list.items[0]!.id;
  const catalogue = (await (await api.get(`${url}/api/catalogue`)).json()) as {
    products: { id: string; kind: string; isArchived: boolean }[];
  };
  const extra = catalogue.products.find((p) => p.kind === 'extra' && !p.isArchived)!;
  let version = (
    (await (await api.get(`${url}/api/requests/${id}`)).json()) as { request: { version: number } }
  ).request.version;
  const added = await api.post(`${url}/api/requests/${id}/lines`, {
    headers,
    data: { kind: 'extra', version, productId: extra.id, quantity: 3 },
  });
  expect(added.status(), await added.text()).toBe(201);
  version = ((await added.json()) as { version: number }).version;
  const quoted = await api.post(`${url}/api/requests/${id}/quotes`, { headers, data: { version } });
  expect(quoted.status(), await quoted.text()).toBe(201);
  return id;
}

const dialog = () => page.getByRole('dialog');
const header = () => page.locator('main').getByText(/^N° /).locator('..');
const summary = () => page.getByRole('region', { name: 'Paiement', exact: true });
const paymentList = () => page.getByRole('region', { name: 'Paiements et remboursements' });

async function shoot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

async function expectNoSidewaysScroll(): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const doc = document.scrollingElement!;
        return doc.scrollWidth - doc.clientWidth;
      }),
    )
    .toBe(0);
}

describe('the Paiement onglet', { timeout: 120_000 }, () => {
  test('« En attente de paiement » shows « Expire bientôt » on a quote that ends within the reminder days', async () => {
    const api = context!.request;
    const url = server!.url;
    const devis = (await (await api.get(`${url}/api/requests/${fileId}/devis`)).json()) as {
      version: number;
      offers: { id: string }[];
    };
    // The school reminds 3 days before the end (its default): a quote ending in 2 days is close.
    const validUntil = dayFromNow(2);
    const extended = await api.post(`${url}/api/requests/${fileId}/offers/${devis.offers[0]!.id}/extend`, {
      headers: { origin: url },
      data: { version: devis.version, validUntil },
    });
    expect(extended.status(), await extended.text()).toBeLessThan(300);
    await page.goto(`${url}/app/dossiers?onglet=en-attente-de-paiement`);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: /./ }) })
      .filter({
        has: page.locator(`a[href$="/dossiers/${fileId}"]`),
      });
    // The badge itself carries the date in its title (its text is the inner label).
    const badge = row.locator('[title]', { hasText: /^Expire bientôt$/ });
    await badge.waitFor();
    const [year, month, day] = validUntil.split('-');
    expect(await badge.getAttribute('title')).toBe(
      `Le devis ou le lien de paiement envoyé expire le ${day}/${month}/${year}.`,
    );
    // Whole, not cut short by the number's column: its label is as wide as its text.
    const label = badge.locator('.mantine-Badge-label');
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Only that file's quote is that close: the other files waiting for payment have no badge.
    expect(await page.getByText('Expire bientôt', { exact: true }).count()).toBe(1);
    await expectNoSidewaysScroll();
    await shoot('list-offer-expiring-1280', false);
  });

  test('a cheque puts the file in « Acompte versé », the rest by virement in « Paiement soldé »', async () => {
    await page.goto(fileUrl);
    await header().getByText('En attente de paiement', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Paiement' }).click();
    await summary().getByText('Reste à payer').waitFor();
    const toggle = summary().getByRole('switch', { name: 'Autoriser le paiement en ligne' });
    expect(await toggle.isChecked()).toBe(true);

    await summary().getByRole('button', { name: 'Ajouter un paiement manuel' }).click();
    await dialog().getByRole('heading', { name: 'Ajouter un paiement manuel' }).waitFor();
    // Pre-filled: the balance, today, the customer's name; the cheque first.
    const amount = dialog().getByRole('textbox', { name: /^Montant/ });
    const balance = await amount.inputValue();
    expect(balance).toMatch(/^\d+(,\d{2})?$/);
    expect(
      await dialog()
        .getByLabel(/^Nom du payeur/)
        .inputValue(),
    ).not.toBe('');
    expect(
      await dialog()
        .getByLabel(/^Mode de paiement/)
        .inputValue(),
    ).toBe('Chèque');
    // "12,345" is refused next to the field, by the server; nothing is recorded.
    await amount.fill('12,345');
    await dialog()
      .getByLabel(/^Numéro du chèque/)
      .fill('0012345');
    await dialog().getByRole('button', { name: 'Enregistrer le paiement' }).click();
    await dialog().getByText('Montant invalide : tapez-le en euros, par exemple 120 ou 120,50.').waitFor();
    await expectNoSidewaysScroll();
    await shoot('payment-dialog-manuel', false);
    await amount.fill('10');
    await dialog().getByRole('button', { name: 'Enregistrer le paiement' }).click();
    await dialog().waitFor({ state: 'detached' });
    await header().getByText('Acompte versé', { exact: true }).waitFor();
    await paymentList().getByText('Chèque', { exact: true }).waitFor();
    await paymentList()
      .getByText(/0012345 .*saisi par Marie Dupont/)
      .waitFor();

    // The rest by virement: the dialog now opens on what remains.
    await summary().getByRole('button', { name: 'Ajouter un paiement manuel' }).click();
    await dialog().getByRole('heading', { name: 'Ajouter un paiement manuel' }).waitFor();
    expect(
      await dialog()
        .getByRole('textbox', { name: /^Montant/ })
        .inputValue(),
    ).not.toBe(balance);
    await dialog()
      .getByLabel(/^Mode de paiement/)
      .click();
    await page.getByRole('option', { name: 'Virement' }).click();
    await dialog()
      .getByLabel(/^Libellé du virement/)
      .fill('VIR CAMILLE');
    await dialog().getByRole('button', { name: 'Enregistrer le paiement' }).click();
    await dialog().waitFor({ state: 'detached' });
    await header().getByText('Paiement soldé', { exact: true }).waitFor();
    await paymentList().getByText('Virement', { exact: true }).waitFor();
    await summary().getByText('Rien ne reste à payer sur ce dossier.').waitFor();
  });

  test('unticking « Autoriser le paiement en ligne » is kept, and the onglet fits every width', async () => {
    const toggle = summary().getByRole('switch', { name: 'Autoriser le paiement en ligne' });
    await toggle.click({ force: true });
    await summary().getByText('Le bouton « Payer » n’est plus proposé au client.').waitFor();
    const view = (await (
      await context!.request.get(`${server!.url}/api/requests/${fileId}/payments`)
    ).json()) as {
      isOnlinePaymentAllowed: boolean;
    };
    expect(view.isOnlinePaymentAllowed).toBe(false);
    await page.reload();
    await summary().getByText('Le bouton « Payer » n’est plus proposé au client.').waitFor();
    expect(await summary().getByRole('switch', { name: 'Autoriser le paiement en ligne' }).isChecked()).toBe(
      false,
    );

    for (const [width, height, name] of [
      [1280, 900, 'payment-1280'],
      [1440, 900, 'payment-1440'],
      [390, 844, 'payment-phone'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await summary().waitFor();
      await expectNoSidewaysScroll();
      await shoot(name);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
