import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CustomerEmailPayload } from '../../src/app/email/customer-email.js';
import { cents, formatMoney } from '../../src/domain/money.js';
import { LUC, MARIE, SCREENSHOTS, staffSuite } from '../support/e2e.js';

/**
 * The customer's payment journey, end to end (issue 10's "done when"): a secretary gives a VEL
 * demande of the demo a lesson for two children and the optional insurance and sends a payment
 * link for the 30 % deposit; on a phone, the customer opens the link from the e-mail waiting in
 * the outbox, removes the insurance, pays the deposit in the sandbox ("paiement accepté"), comes
 * back to "Paiement en cours de confirmation" and sees it paid live, while a second secretary's
 * page turns to "Acompte versé" by itself; then the customer pays the rest ("Paiement soldé"), and
 * a secretary records a cheque on another file. The sandbox's webhook is an outbox row: the test
 * delivers it by draining the outbox (no timer, no sleep). Photographed as journey-pay-*.png.
 */

/** The demo's VEL demande for two children (src/app/intake/demo-requests.ts). */
const CUSTOMER = 'Camille Rousseau';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

// Provoked on purpose: the login page's "who am I" (401) and the refusal of Inès's level (400).
const suite = staffSuite({ provoked: /status of (400|401)/, actionTimeout: 30_000 });
let marie: Page;
let fileId = '';

beforeAll(async () => {
  marie = await suite.signIn(MARIE, DESKTOP, { keep: true });
}, 90_000);

const money = (amount: number) => formatMoney(cents(amount));
const header = (page: Page) => page.locator('main').getByText(/^N° /).locator('..');
const dialog = (page: Page) => page.getByRole('dialog');
const db = () => suite.server.deps.db.kysely;

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: join(SCREENSHOTS, `journey-pay-${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth),
    )
    .toBe(0);
}

/** The portal page listens to its live stream (so a change after this point reaches it). */
async function live(page: Page): Promise<void> {
  await expect.poll(() => page.locator('main').getAttribute('data-live-ready')).toBe('1');
}

/** The file as stored: its status and amounts. */
function fileRow() {
  return db()
    .selectFrom('requests')
    .select(['status', 'total_cents', 'paid_cents'])
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
}

/** The customer e-mails of the file waiting in (or delivered from) the outbox, by template. */
async function customerEmailsOf(template: string): Promise<CustomerEmailPayload[]> {
  const rows = await db()
    .selectFrom('outbox')
    .select('payload_json')
    .where('kind', '=', 'customer_email')
    .execute();
  return rows
    .map((row) => JSON.parse(row.payload_json) as CustomerEmailPayload)
    .filter((p) => p.requestId === fileId && p.params.template === template);
}

/** On the sandbox's hosted checkout, the payer answers for the bank: "paiement accepté". */
async function payOnSandbox(phone: Page, purpose: 'deposit' | 'balance', amount: number): Promise<void> {
  const button = phone.locator(`button[data-purpose="${purpose}"]`);
  await expect(button.textContent()).resolves.toContain(money(amount));
  await button.click();
  await phone.waitForURL(/\/pay\/sandbox\//);
  await expect(phone.locator('main').textContent()).resolves.toContain(money(amount));
  if (purpose === 'deposit') await shoot(phone, '3-sandbox');
  await phone.getByRole('button', { name: 'paiement accepté', exact: true }).click();
  // Back on the private page before the bank's word arrives: "en cours de confirmation".
  await phone.waitForURL(/\/c\/[^/?]+\?paiement=/);
  const pending = phone.locator('[data-payment-state="pending"]');
  await pending.waitFor();
  await expect(pending.textContent()).resolves.toContain('Paiement en cours de confirmation');
  if (purpose === 'deposit') await shoot(phone, '4-pending');
  await live(phone);
}

describe('the customer pays online, the staff see it live', { timeout: 180_000 }, () => {
  test('a secretary adds a lesson for two children and the insurance, and sends a link for the 30 % deposit', async () => {
    await marie.getByRole('table').getByRole('row').filter({ hasText: CUSTOMER }).first().click();
    await marie.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
    fileId = new URL(marie.url()).pathname.split('/').at(-1)!;
    await marie.getByRole('tab', { name: /^Devis/ }).click();

    await marie.getByRole('button', { name: 'Ajouter une prestation' }).click();
    await marie.getByRole('menu').getByRole('menuitem', { name: 'Cours de ski' }).click();
    await dialog(marie).getByRole('heading', { name: 'Cours de ski' }).waitFor();
    await expect(
      dialog(marie)
        .getByRole('textbox', { name: /^Prénom du participant/ })
        .count(),
    ).resolves.toBe(2);
    await dialog(marie)
      .getByLabel(/^Cours/)
      .click();
    await marie.getByRole('option', { name: /Cours collectif enfants — Flocon/ }).click();
    await dialog(marie).locator('.mantine-RadioCard-card:not([data-disabled])').first().click();
    await dialog(marie).getByRole('button', { name: 'Ajouter la prestation' }).click();
    // Inès has never skied: the server says so next to her level; the secretary adjusts it.
    await dialog(marie)
      .getByText(/n’est pas pour le niveau d’Inès|n’est pas pour le niveau de Inès/)
      .waitFor();
    await dialog(marie).getByLabel('Niveau du participant 2').click();
    await marie.getByRole('option', { name: /^Débutant/ }).click();
    await dialog(marie).getByRole('button', { name: 'Ajouter la prestation' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await header(marie).getByText('Dossier en cours', { exact: true }).waitFor();

    await marie.getByRole('button', { name: 'Ajouter une prestation' }).click();
    await marie.getByRole('menuitem', { name: 'Ajouter une option' }).click();
    await expect(
      dialog(marie)
        .getByLabel(/^Option/)
        .inputValue(),
    ).resolves.toMatch(/Assurance Carré Neige/);
    await dialog(marie).getByRole('button', { name: 'Ajouter l’option' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    const services = marie.getByRole('region', { name: 'Prestations' });
    await services
      .getByRole('listitem')
      .filter({ hasText: /Assurance Carré Neige/ })
      .getByText('Option', { exact: true })
      .waitFor();

    await marie.getByRole('button', { name: 'Envoyer un lien de paiement' }).click();
    const deposit = dialog(marie).getByRole('radio', { name: /^Acompte de 30 %/ });
    await deposit.waitFor();
    expect(await deposit.isChecked()).toBe(true);
    await dialog(marie).getByRole('button', { name: 'Envoyer le lien' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await header(marie).getByText('En attente de paiement', { exact: true }).waitFor();
    const { total_cents } = await fileRow();
    const link = await db()
      .selectFrom('offers')
      .select(['kind', 'amount_cents'])
      .where('request_id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(link.kind).toBe('payment_link');
    expect(Number(link.amount_cents)).toBe(Math.round(Number(total_cents) * 0.3));
    await shoot(marie, '0-link-sent');
  });

  test('on a phone the customer removes the insurance, pays the deposit, then the rest; a second secretary sees it live', async () => {
    // The link, as the customer receives it: the payment-link e-mail waiting in the outbox.
    const links = (await customerEmailsOf('payment_link')).map((p) => p.link);
    expect(links).toHaveLength(1);
    const link = links[0]!;
    expect(link).toMatch(new RegExp(`^${suite.baseUrl}/c/[A-Za-z0-9_-]{43}$`));
    const offer = await db()
      .selectFrom('offers')
      .select('amount_cents')
      .where('request_id', '=', fileId)
      .executeTakeFirstOrThrow();
    const depositCents = Number(offer.amount_cents);

    // Luc, the other secretary, has the file open on his desk.
    const luc = await suite.signIn(LUC, DESKTOP);
    await luc.goto(`${suite.baseUrl}/app/dossiers/${fileId}`);
    await header(luc).getByText('En attente de paiement', { exact: true }).waitFor();

    const phone = await suite.guest(PHONE);
    await phone.goto(link);
    await live(phone);
    expect(await phone.locator('h1').textContent()).toMatch(/^Dossier n° /);
    await expectNoSidewaysScroll(phone);
    await shoot(phone, '1-link');

    // The insurance goes: the total follows; the link's deposit is what is asked.
    const before = await phone.locator('[data-total]').textContent();
    await phone.getByRole('button', { name: /Retirer : Assurance/ }).click();
    await phone.waitForURL(/ok=removed/);
    expect(await phone.locator('.line.is-removed').count()).toBe(1);
    const withoutInsurance = Number((await fileRow()).total_cents);
    expect(await phone.locator('[data-total]').textContent()).toContain(money(withoutInsurance));
    expect(await phone.locator('[data-total]').textContent()).not.toBe(before);
    await expect(phone.locator('[data-due]').textContent()).resolves.toContain(money(withoutInsurance));
    await shoot(phone, '2-insurance-removed');
    await live(phone);

    await payOnSandbox(phone, 'deposit', depositCents);
    // The bank's word: the sandbox's signed webhook, delivered from the outbox.
    expect(await suite.server.deps.outbox.drain()).toBeGreaterThan(0);
    await phone.locator('[data-payment-state="succeeded"]').waitFor();
    await expect(phone.locator('[data-payment-state="succeeded"]').textContent()).resolves.toContain(
      'Paiement reçu',
    );
    await phone.locator('.step.done').first().waitFor();
    await expect(phone.locator('[data-due]').textContent()).resolves.toContain(
      money(withoutInsurance - depositCents),
    );
    expect(await phone.locator('button[data-purpose="deposit"]').count()).toBe(0);
    await shoot(phone, '5-deposit-paid');
    // Luc's page moved by itself.
    await header(luc).getByText('Acompte versé', { exact: true }).waitFor();
    expect(await fileRow()).toMatchObject({ status: 'deposit_paid' });
    // The customer's receipt, in the outbox (rendering and delivery are the mail's).
    expect((await customerEmailsOf('payment_receipt')).map((p) => p.params)).toEqual([
      expect.objectContaining({ amountCents: depositCents }),
    ]);
    await shoot(luc, '6-staff-acompte-verse');

    // The rest, the same way.
    await payOnSandbox(phone, 'balance', withoutInsurance - depositCents);
    expect(await suite.server.deps.outbox.drain()).toBeGreaterThan(0);
    await phone.locator('[data-payment-state="succeeded"]').waitFor();
    await expect(phone.locator('[data-due]').textContent()).resolves.toContain(money(0));
    expect(await phone.locator('button[data-purpose]').count()).toBe(0);
    await expectNoSidewaysScroll(phone);
    await shoot(phone, '7-paid');
    await header(luc).getByText('Paiement soldé', { exact: true }).waitFor();
    await header(marie).getByText('Paiement soldé', { exact: true }).waitFor();
    expect(await fileRow()).toMatchObject({ status: 'paid', paid_cents: withoutInsurance });
    expect(await customerEmailsOf('payment_receipt')).toHaveLength(2);
    await luc.getByRole('tab', { name: 'Paiement' }).click();
    await luc
      .getByRole('region', { name: 'Paiements et remboursements' })
      .getByText('Paiement en ligne', { exact: true })
      .first()
      .waitFor();
    await shoot(luc, '8-staff-paiement-solde');
  });

  test('a secretary records a cheque on another file: « Acompte versé »', async () => {
    const api = marie.context().request;
    const url = suite.baseUrl;
    const headers = { origin: url };
    const list = (await (await api.get(`${url}/api/requests?tab=request`)).json()) as {
      items: { id: string }[];
    };
    const other = list.items.find((i) => i.id !== fileId)!.id;
    const catalogue = (await (await api.get(`${url}/api/catalogue`)).json()) as {
      products: { id: string; kind: string; isArchived: boolean }[];
    };
    const extra = catalogue.products.find((p) => p.kind === 'extra' && !p.isArchived)!;
    const { version } = (
      (await (await api.get(`${url}/api/requests/${other}`)).json()) as {
        request: { version: number };
      }
    ).request;
    const added = await api.post(`${url}/api/requests/${other}/lines`, {
      headers,
      data: { kind: 'extra', version, productId: extra.id, quantity: 3 },
    });
    expect(added.status(), await added.text()).toBe(201);
    const quoted = await api.post(`${url}/api/requests/${other}/quotes`, {
      headers,
      data: { version: ((await added.json()) as { version: number }).version },
    });
    expect(quoted.status(), await quoted.text()).toBe(201);

    await marie.goto(`${url}/app/dossiers/${other}`);
    await header(marie).getByText('En attente de paiement', { exact: true }).waitFor();
    await marie.getByRole('tab', { name: 'Paiement' }).click();
    const summary = marie.getByRole('region', { name: 'Paiement', exact: true });
    await summary.getByRole('button', { name: 'Ajouter un paiement manuel' }).click();
    await dialog(marie).getByRole('heading', { name: 'Ajouter un paiement manuel' }).waitFor();
    expect(
      await dialog(marie)
        .getByLabel(/^Mode de paiement/)
        .inputValue(),
    ).toBe('Chèque');
    await dialog(marie)
      .getByRole('textbox', { name: /^Montant/ })
      .fill('20');
    await dialog(marie)
      .getByLabel(/^Numéro du chèque/)
      .fill('0098765');
    await dialog(marie).getByRole('button', { name: 'Enregistrer le paiement' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await header(marie).getByText('Acompte versé', { exact: true }).waitFor();
    const payments = marie.getByRole('region', { name: 'Paiements et remboursements' });
    await payments.getByText('Chèque', { exact: true }).waitFor();
    await payments.getByText(/0098765 .*saisi par Marie Dupont/).waitFor();
    await shoot(marie, '9-cheque');
  });
});
