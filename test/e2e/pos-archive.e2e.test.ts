import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN, type ApiAnswer, apiAs, dayFromNow, MARIE, SCREENSHOTS, staffSuite } from '../support/e2e.js';

/**
 * Closing the loop as the school uses it (issue 12): the admin creates a POS key in Paramètres →
 * Logiciel de caisse (shown once); the counter software acknowledges a paid mixed file (a lesson
 * sold online + a helmet rental sold at the desk) with that key; the secretary ticks « Saisi dans
 * logiciel » and the file reaches « Commande traitée »; she archives it and what remains is
 * shown (conversation, totals, payment ledger). Then the admin runs « Archiver la saison » to the
 * end of its progress bar. Photographed at 1280, 1440 and phone width.
 */

const VIEWPORTS = {
  1280: { width: 1280, height: 900 },
  1440: { width: 1440, height: 900 },
  390: { width: 390, height: 844 },
} as const;
type Width = keyof typeof VIEWPORTS;
const WIDTHS = [1280, 1440, 390] as const satisfies readonly Width[];

/** The paid mixed file, and the files already « Commande traitée » that the season archive takes. */
const mixed = { id: '', number: '', totalCents: 0, message: '', quote: '' };
const seasonIds: string[] = [];
let posKey = '';

const suite = staffSuite({
  env: { LOG_LEVEL: 'silent' },
  // The login page asks who is signed in (401 before signing in).
  provoked: /status of 401\b/,
  setup: async (server) => {
    const api = await apiAs(server, MARIE);
    const list = json<{ items: { id: string }[] }>(await api('GET', '/api/requests?tab=request&limit=10'));
    const catalogue = json<{ products: CatalogueProduct[] }>(await api('GET', '/api/catalogue'));
    // A lesson sold online that a 10-year-old beginner may join, and the helmet rental sold at the desk.
    const lesson = catalogue.products.find(
      (p) =>
        p.kind !== 'extra' &&
        p.isOnlineSale &&
        !p.isArchived &&
        p.sessions.length > 0 &&
        (p.ageMin === null || p.ageMin <= 10) &&
        (p.ageMax === null || p.ageMax >= 10) &&
        (p.levels.length === 0 || p.levels.includes('beginner')),
    )!;
    const helmet = catalogue.products.find((p) => p.kind === 'extra' && !p.isOnlineSale && !p.isArchived)!;
    const [first, ...others] = list.items;

    // The mixed file: one online line, one desk line, paid in full by cheque → « Paiement soldé ».
    let version = await versionOf(api, first!.id);
    version = await addLine(api, first!.id, {
      kind: 'catalog',
      version,
      productId: lesson.id,
      sessionId: lesson.sessions[0]!.id,
      participants: [{ firstName: 'Léa', birthDate: '2016-03-02', level: 'beginner' }],
    });
    const total = await addLineTotal(api, first!.id, {
      kind: 'extra',
      version,
      productId: helmet.id,
      quantity: 1,
    });
    // A quote sent first: the archive erases it, « Devis et liens envoyés » still says it was sent.
    const quoted = json<{ version: number; offers: { number: string }[] }>(
      await api('POST', `/api/requests/${first!.id}/quotes`, { version: total.version }),
    );
    mixed.quote = quoted.offers[0]!.number;
    await payInFull(api, first!.id, quoted.version, total.totalCents);
    const page = json<{ request: { number: string; status: string }; messages: { body: string }[] }>(
      await api('GET', `/api/requests/${first!.id}`),
    );
    expect(page.request.status).toBe('paid');
    Object.assign(mixed, {
      id: first!.id,
      number: page.request.number,
      totalCents: total.totalCents,
      // The customer's first words, to find in the conversation after the archive.
      message: page.messages.map((m) => m.body.split('\n')[0]!.trim()).find((line) => line !== '') ?? '',
    });

    // Three desk-only files, paid and ticked: « Commande traitée », for « Archiver la saison ».
    for (const other of others.slice(0, 3)) {
      const added = await addLineTotal(api, other.id, {
        kind: 'extra',
        version: await versionOf(api, other.id),
        productId: helmet.id,
        quantity: 1,
      });
      await payInFull(api, other.id, added.version, added.totalCents);
      const ticked = await api('PUT', `/api/requests/${other.id}/entered-in-pos`, {
        version: await versionOf(api, other.id),
        isEnteredInPos: true,
      });
      expect(json<{ status: string }>(ticked).status).toBe('processed');
      seasonIds.push(other.id);
    }
  },
});

interface CatalogueProduct {
  id: string;
  kind: string;
  isOnlineSale: boolean;
  isArchived: boolean;
  ageMin: number | null;
  ageMax: number | null;
  levels: string[];
  sessions: { id: string }[];
}
type Api = Awaited<ReturnType<typeof apiAs>>;

function json<T>(answer: ApiAnswer): T {
  expect(answer.statusCode, answer.body).toBeLessThan(300);
  return answer.json() as T;
}

async function versionOf(api: Api, id: string): Promise<number> {
  return json<{ request: { version: number } }>(await api('GET', `/api/requests/${id}`)).request.version;
}

async function addLineTotal(
  api: Api,
  id: string,
  line: object,
): Promise<{ version: number; totalCents: number }> {
  const devis = json<{ version: number; totals: { totalCents: number } }>(
    await api('POST', `/api/requests/${id}/lines`, line),
  );
  return { version: devis.version, totalCents: devis.totals.totalCents };
}

async function addLine(api: Api, id: string, line: object): Promise<number> {
  return (await addLineTotal(api, id, line)).version;
}

/** « Ajouter un paiement manuel »: the whole amount, by cheque, today. */
async function payInFull(api: Api, id: string, version: number, totalCents: number): Promise<void> {
  json(
    await api('POST', `/api/requests/${id}/payments`, {
      version,
      amount: (totalCents / 100).toFixed(2).replace('.', ','),
      receivedOn: dayFromNow(0),
      payerName: 'Camille Roux',
      payerAddress: '12 rue des Alpes, 74400 Chamonix',
      method: 'cheque',
      reference: '0012345',
    }),
  );
}

/** The POS software's call: the key as a Bearer token, over HTTP as the counter would. */
async function pos(method: 'GET' | 'POST', path: string): Promise<Response> {
  return fetch(`${suite.baseUrl}/api/pos/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${posKey}` },
  });
}

const header = (page: Page) => page.locator('main').getByText(/^N° /).locator('..');
const dialog = (page: Page) => page.getByRole('dialog');

/** Nothing scrolls sideways and no badge, button or checkbox label is cut. */
async function expectLaidOut(page: Page): Promise<void> {
  // Polled: right after a resize the layout is still settling.
  await expect.poll(() => layoutFaults(page)).toEqual([]);
}

function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollWidth > doc.clientWidth) found.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const label of document.querySelectorAll(
      '.mantine-Badge-label, .mantine-Button-label, .mantine-Checkbox-label, main th, main td p',
    )) {
      if (label.scrollWidth > label.clientWidth + 1) found.push(`cut: ${label.textContent}`);
    }
    return found;
  });
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  // The « done » notices would hide part of the screen: closed first, as a person would.
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click();
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
  await expectLaidOut(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Every width, the same screen: laid out and photographed as `<name>-<width>.png`. */
async function shootWidths(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize(VIEWPORTS[width]);
    await ready();
    await shoot(page, `${name}-${width}`);
  }
  await page.setViewportSize(VIEWPORTS[1280]);
}

/** Tab stays inside the open dialog (focus trap) and Escape closes it. */
async function expectTrappedAndEscapable(page: Page): Promise<void> {
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
}

async function tabCounts(page: Page): Promise<Record<string, number>> {
  const answer = await page.request.get(`${suite.baseUrl}/api/requests?tab=new&limit=1`);
  return ((await answer.json()) as { counts: Record<string, number> }).counts;
}

describe('POS key, « Saisi dans logiciel », « Archiver »', { timeout: 180_000 }, () => {
  test('the admin creates a POS key: shown once, then only its name and hint', async () => {
    const page = await suite.signIn(ADMIN, VIEWPORTS[1280]);
    await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).first().click();
    await page
      .locator('main')
      .getByRole('navigation', { name: 'Rubriques des paramètres' })
      .getByRole('link', { name: 'Logiciel de caisse' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Logiciel de caisse' }).waitFor();
    await page.getByText('Aucune clé pour l’instant.').waitFor();

    await page.getByRole('button', { name: 'Créer une clé' }).click();
    await dialog(page).getByRole('heading', { name: 'Nouvelle clé de logiciel de caisse' }).waitFor();
    await expectTrappedAndEscapable(page);
    await page.getByRole('button', { name: 'Créer une clé' }).click();
    // A key without a name is refused beside the field.
    await dialog(page).getByRole('button', { name: 'Créer la clé' }).click();
    await dialog(page).getByText('Donnez un nom à la clé.').waitFor();
    await dialog(page).getByLabel('Nom de la clé').fill('Caisse 4807');
    await dialog(page).getByRole('button', { name: 'Créer la clé' }).click();

    await dialog(page).getByRole('heading', { name: 'Clé « Caisse 4807 » créée' }).waitFor();
    await dialog(page)
      .getByText(/elle ne sera plus jamais affichée/)
      .waitFor();
    posKey = (await page.getByTestId('pos-key-value').textContent())!.trim();
    expect(posKey).toMatch(/^spk_[A-Za-z0-9_-]{40,}$/);
    await shoot(page, 'pos-key-shown-once', false);
    await dialog(page).getByRole('button', { name: 'J’ai copié la clé' }).click();
    await dialog(page).waitFor({ state: 'detached' });

    // In the list: the name, a hint of the key, never the key itself.
    const row = page
      .getByRole('table', { name: 'Clés d’accès à l’API' })
      .getByRole('row', { name: /Caisse 4807/ });
    await row.getByText('Jamais utilisée').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(posKey);
    await page.reload();
    await row.waitFor();
    expect(await page.locator('body').textContent()).not.toContain(posKey);
    await shootWidths(page, 'pos-settings', () => row.waitFor());
  });

  test('the counter software reads the paid mixed file and acknowledges it with that key', async () => {
    const ready = await pos('GET', '/orders?state=ready');
    expect(ready.status).toBe(200);
    const listed = (await ready.json()) as { orders: { number: string }[] };
    expect(listed.orders.map((o) => o.number)).toEqual([mixed.number]);

    const ack = await pos('POST', `/orders/${encodeURIComponent(mixed.number)}/ack`);
    expect(ack.status).toBe(200);
    // The online line is imported; the desk line still waits for « Saisi dans logiciel ».
    expect(await ack.json()).toMatchObject({ number: mixed.number, importedLines: 1, status: 'paid' });
    expect(
      ((await (await pos('GET', '/orders?state=ready')).json()) as { orders: unknown[] }).orders,
    ).toEqual([]);
  });

  test('the secretary ticks « Saisi dans logiciel »: « Commande traitée », tab and counts', async () => {
    const page = await suite.signIn(MARIE, VIEWPORTS[1280]);
    const before = await tabCounts(page);
    await page.goto(`${suite.baseUrl}/app/dossiers/${mixed.id}`);
    await header(page).getByText('Paiement soldé', { exact: true }).waitFor();
    // Already imported by the software: nothing left to mark by hand.
    expect(await page.getByRole('button', { name: 'Marquer comme importé' }).count()).toBe(0);
    const tick = page.getByRole('checkbox', { name: 'Saisi dans logiciel' });
    expect(await tick.isChecked()).toBe(false);
    await shootWidths(page, 'pos-file-paid', () => tick.waitFor());

    await tick.click();
    await header(page).getByText('Commande traitée', { exact: true }).waitFor();
    await page.getByText('« Saisi dans logiciel » est coché.').waitFor();
    expect(await tick.isChecked()).toBe(true);
    await page.getByText('Caisse 4807 a marqué 1 prestation vendue en ligne').first().waitFor();
    await shootWidths(page, 'pos-file-processed', () => tick.waitFor());

    const after = await tabCounts(page);
    expect(after.paid).toBe(before.paid! - 1);
    expect(after.processed).toBe(before.processed! + 1);
    // The way back to the list opens the file's tab, with its count, and the file in it.
    await page.getByRole('link', { name: 'Gestion des dossiers · Commande traitée' }).click();
    const tabs = page.getByRole('tablist', { name: 'Onglets des dossiers' });
    const active = tabs.getByRole('tab', { name: `Commande traitée ${after.processed}` });
    await active.waitFor();
    expect(await active.getAttribute('aria-selected')).toBe('true');
    await tabs.getByRole('tab', { name: `Paiement soldé ${after.paid}` }).waitFor();
    await page
      .getByRole('table', { name: /^Dossiers de l’onglet « Commande traitée »/ })
      .getByRole('row')
      .filter({ hasText: mixed.number })
      .waitFor();
  });

  test('« Archiver » says what will be erased, then « Archivé » shows what remains', async () => {
    const page = await suite.signIn(MARIE, VIEWPORTS[1280]);
    await page.goto(`${suite.baseUrl}/app/dossiers/${mixed.id}`);
    await header(page).getByText('Commande traitée', { exact: true }).waitFor();
    expect(mixed.message).not.toBe('');
    await page.getByText(mixed.message).first().waitFor();
    // The customer spoke last: « À traiter » until the file is archived.
    await header(page).getByText('À traiter', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Archiver', exact: true }).click();
    const confirm = dialog(page);
    await confirm.getByRole('heading', { name: `Archiver le dossier ${mixed.number} ?` }).waitFor();
    await confirm.getByText('Sera effacé').waitFor();
    await confirm.getByText('Les coordonnées des payeurs').waitFor();
    await confirm.getByText('Sera conservé').waitFor();
    await confirm.getByText(/Le registre des paiements/).waitFor();
    await shoot(page, 'archive-dialog-1280', false);
    await expectTrappedAndEscapable(page);
    await page.setViewportSize(VIEWPORTS[390]);
    await page.getByRole('button', { name: 'Archiver', exact: true }).click();
    await confirm.getByText('Sera effacé').waitFor();
    await shoot(page, 'archive-dialog-390', false);
    await page.setViewportSize(VIEWPORTS[1280]);

    await confirm.getByRole('button', { name: 'Archiver et effacer' }).click();
    await confirm.waitFor({ state: 'detached' });
    await header(page).getByText('Archivé', { exact: true }).waitFor();
    await page.getByText('Dossier archivé', { exact: true }).waitFor();
    // The status says « Archivé » alone: an archived file is no longer « À traiter ».
    expect(await header(page).getByText('À traiter', { exact: true }).count()).toBe(0);
    // No more actions on it: no tick, no second « Archiver ».
    expect(await page.getByRole('checkbox', { name: 'Saisi dans logiciel' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archiver', exact: true }).count()).toBe(0);

    // What remains: the conversation, the totals, the journal sentences, the payment ledger.
    await page.getByRole('heading', { name: 'Conversation' }).waitFor();
    await page.getByText(mixed.message).first().waitFor();
    await page.getByText(/la conversation est conservée/).waitFor();
    const total = (mixed.totalCents / 100).toFixed(2).replace('.', ',');
    await page
      .getByText(new RegExp(`^${total}\\s€$`))
      .first()
      .waitFor();
    await page
      .getByText(/a archivé le dossier/)
      .first()
      .waitFor();
    await shootWidths(page, 'archive-file', () =>
      header(page).getByText('Archivé', { exact: true }).waitFor(),
    );

    // What was sent stays listed (from the journal): the quote's number, no PDF any more.
    await page.getByRole('tab', { name: /^Devis/ }).click();
    const sentOffers = page.getByRole('region', { name: 'Devis et liens envoyés' });
    await sentOffers.getByText(mixed.quote, { exact: true }).waitFor();
    await sentOffers.getByText(/d’après le journal d’activité/).waitFor();
    expect(await sentOffers.getByText('Rien n’a encore été envoyé au client.').count()).toBe(0);
    expect(await sentOffers.getByRole('link', { name: /PDF/ }).count()).toBe(0);
    await shootWidths(page, 'archive-file-devis', () => sentOffers.waitFor());

    await page.getByRole('tab', { name: 'Paiement' }).click();
    const ledger = page.getByRole('region', { name: 'Paiements et remboursements' });
    await ledger.getByText('Chèque', { exact: true }).waitFor();
    // The ledger stays readable; the schedule and its reminders no longer apply.
    expect(await page.getByRole('region', { name: 'Échéancier' }).count()).toBe(0);
    expect(await page.getByText('Solde en retard').count()).toBe(0);
    await shootWidths(page, 'archive-file-ledger', () => ledger.waitFor());
    // The payer's address is gone from the ledger's view; the amount, date and method stay.
    expect(await page.locator('main').textContent()).not.toContain('12 rue des Alpes');
  });

  test('« Archiver la saison »: the progress bar runs to the end, twice harmlessly', async () => {
    const page = await suite.signIn(ADMIN, VIEWPORTS[1280]);
    const processed = (await tabCounts(page)).processed!;
    expect(processed).toBeGreaterThanOrEqual(seasonIds.length);
    await page.goto(`${suite.baseUrl}/app/parametres/archivage`);
    await page.getByRole('heading', { level: 1, name: 'Archiver la saison' }).waitFor();
    await page.getByRole('radio', { name: 'Tous les dossiers en « Commande traitée »' }).waitFor();
    await shootWidths(page, 'archive-season', () =>
      page.getByRole('button', { name: 'Archiver la saison' }).waitFor(),
    );

    // « Ouverts avant une date » needs its date.
    await page.getByRole('radio', { name: 'Tous les dossiers ouverts avant une date' }).check();
    await page.getByRole('button', { name: 'Archiver la saison' }).click();
    await page.getByText('Choisissez une date.').waitFor();
    await page.getByRole('radio', { name: 'Tous les dossiers en « Commande traitée »' }).check();

    await page.getByRole('button', { name: 'Archiver la saison' }).click();
    await dialog(page).getByRole('heading', { name: 'Lancer l’archivage de la saison ?' }).waitFor();
    await expectTrappedAndEscapable(page);
    await page.getByRole('button', { name: 'Archiver la saison' }).click();
    await dialog(page).getByRole('button', { name: 'Archiver la saison' }).click();
    await dialog(page).waitFor({ state: 'detached' });

    const bar = page.getByRole('progressbar', { name: 'Avancement de l’archivage' });
    await page.getByText(`${processed} sur ${processed} dossiers`).waitFor();
    await page.getByText(`Terminé : ${processed} dossiers archivés`).waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await shootWidths(page, 'archive-season-done', () => bar.waitFor());
    const counts = await tabCounts(page);
    expect(counts.processed).toBe(0);
    for (const id of seasonIds) {
      const file = await page.request.get(`${suite.baseUrl}/api/requests/${id}`);
      expect(((await file.json()) as { request: { status: string } }).request.status).toBe('archived');
    }

    // Run again: nothing left, nothing more archived.
    await page.getByRole('button', { name: 'Archiver la saison' }).click();
    await dialog(page).getByRole('button', { name: 'Archiver la saison' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByText('Terminé : 0 dossier archivé').waitFor();
    expect((await tabCounts(page)).archived).toBe(counts.archived);
  });
});
