import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN, dayFromNow, MARIE, SCREENSHOTS, staffSuite } from '../support/e2e.js';

/**
 * Paramètres → Catalogue, Moniteurs, Devis et paiements as the school's admin uses them: a
 * session added to a lesson, a product archived, a price typed the wrong way and then right, a
 * day off given and taken back, the default deposit changed — on a laptop, a wide screen and a
 * phone, with nothing scrolling sideways and no label cut. A secretary reads them, changes nothing.
 */

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  wide: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
type Viewport = keyof typeof VIEWPORTS;
const SHOT_SUFFIX: Record<Viewport, string> = { desktop: '', wide: '-1440', phone: '-phone' };

const suite = staffSuite({
  env: { LOG_LEVEL: 'silent' },
  // The login page asks who is signed in (401 before signing in); the refusals the test provokes
  // on purpose answer 400 or 409. The browser logs them by itself.
  provoked: /status of (400|401|409)\b/,
});

function signIn(email: string, viewport: Viewport = 'desktop'): Promise<Page> {
  return suite.signIn(email, VIEWPORTS[viewport]);
}

/** Paramètres, then one of its rubriques, through the tabs above the page as a person clicks them. */
async function openSettings(page: Page, rubrique: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Personnel' }).waitFor();
  await page
    .locator('main')
    .getByRole('navigation', { name: 'Rubriques des paramètres' })
    .getByRole('link', { name: rubrique })
    .click();
  await page.getByRole('heading', { level: 1, name: rubrique }).waitFor();
}

/**
 * Nothing scrolls sideways (the page, a table's box), no badge or button label is cut, and every
 * button of a table stays inside its cell.
 */
async function expectLaidOut(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const faults: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollWidth > doc.clientWidth) faults.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const table of document.querySelectorAll('main table')) {
      let box = table.parentElement;
      while (box && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX))
        box = box.parentElement;
      if (box && box.scrollWidth > box.clientWidth)
        faults.push(`table box ${box.scrollWidth} > ${box.clientWidth}`);
    }
    for (const label of document.querySelectorAll(
      'main .mantine-Badge-label, main .mantine-Button-label, main th, main td p',
    )) {
      if (label.scrollWidth > label.clientWidth) faults.push(`cut: ${label.textContent}`);
    }
    for (const button of document.querySelectorAll('main td button')) {
      const cell = button.closest('td')!.getBoundingClientRect();
      const own = button.getBoundingClientRect();
      if (own.left < cell.left - 0.5 || own.right > cell.right + 0.5)
        faults.push(`outside its cell: ${button.textContent}`);
    }
    return faults;
  });
  expect(found).toEqual([]);
}

async function shoot(page: Page, name: string, viewport: Viewport): Promise<void> {
  await expectLaidOut(page);
  await page.screenshot({
    path: join(SCREENSHOTS, `settings-${name}${SHOT_SUFFIX[viewport]}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** Waits for the answer of one API call the screen makes, and hands it back. */
function answerOf(page: Page, method: string, path: RegExp) {
  return page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
}

function productCard(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

/** The name of the first product a section of the catalogue lists. */
async function firstProductOf(page: Page, section: string): Promise<string> {
  const title = page
    .getByRole('region', { name: section, exact: true })
    .getByRole('article')
    .first()
    .getByRole('heading');
  return (await title.textContent())!.trim();
}

describe('Paramètres → Catalogue, Moniteurs, Devis et paiements', { timeout: 90_000 }, () => {
  test('an admin adds a session to a lesson, archives a product and refuses a price typed "12,345"', async () => {
    const page = await signIn(ADMIN);
    await openSettings(page, 'Catalogue');
    for (const section of ['Cours collectif', 'Cours particulier', 'Club enfants', 'Options'])
      await page.getByRole('region', { name: section, exact: true }).waitFor();

    // A session on the first group lesson: its dates, times, meeting point and places.
    const lesson = await firstProductOf(page, 'Cours collectif');
    const card = productCard(page, lesson);
    await card.getByRole('button', { name: `Ajouter une séance à ${lesson}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une séance' });
    const from = dayFromNow(40);
    const to = dayFromNow(45);
    await dialog.getByLabel(/^Premier jour/).fill(from);
    await dialog.getByLabel(/^Dernier jour/).fill(to);
    await dialog.getByLabel(/^Début/).fill('09:15');
    await dialog.getByLabel(/^Fin/).fill('11:45');
    await dialog.getByLabel('Lieu de rendez-vous').fill('Front de neige, devant le télésiège du Rosay');
    await dialog.getByLabel(/^Places/).fill('12');
    const created = answerOf(page, 'POST', /^\/api\/catalogue\/products\/[^/]+\/sessions$/);
    await dialog.getByRole('button', { name: 'Ajouter la séance' }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });
    const frDay = (day: string) => day.split('-').reverse().join('/');
    const row = card
      .getByRole('table', { name: `Séances de ${lesson}` })
      .getByRole('row')
      .filter({ hasText: `${frDay(from)} – ${frDay(to)}` });
    await row.getByText('09:15–11:45').waitFor();
    await row.getByText('Front de neige, devant le télésiège du Rosay').waitFor();
    await row.getByText('0 / 12').waitFor();

    // A new extra: "12,345" is refused beside the price, "4,50" is taken and shown as money.
    const options = page.getByRole('region', { name: 'Options', exact: true });
    await options.getByRole('button', { name: 'Ajouter : Options' }).click();
    const extra = page.getByRole('dialog', { name: 'Ajouter une option' });
    await extra.getByLabel(/^Nom/).first().fill('Location de casque');
    const price = extra.getByLabel(/^Prix TTC/);
    await price.fill('12,345');
    await extra.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    await extra.getByText('Prix : un montant en euros avec au plus deux décimales, par ex. 62,50.').waitFor();
    expect(await price.getAttribute('aria-invalid')).toBe('true');
    await price.fill('1e3');
    await extra.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    await extra.getByText('Prix : un montant en euros avec au plus deux décimales, par ex. 62,50.').waitFor();
    await price.fill('4,50');
    const added = answerOf(page, 'POST', /^\/api\/catalogue\/products$/);
    await extra.getByRole('button', { name: 'Ajouter au catalogue' }).click();
    const addedAnswer = await added;
    expect(addedAnswer.status()).toBe(201);
    expect(JSON.parse(addedAnswer.request().postData()!)).toMatchObject({ kind: 'extra', priceCents: 450 });
    const helmet = productCard(page, 'Location de casque');
    await helmet.getByText('4,50 € par participant').waitFor();
    await helmet.getByText('Option retirable par le client').waitFor();

    // Archived after a confirmation, then shown apart with its badge.
    const privateLesson = await firstProductOf(page, 'Cours particulier');
    await productCard(page, privateLesson)
      .getByRole('button', { name: `Archiver ${privateLesson}` })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Archiver ce produit ?' });
    await confirm.getByText(`« ${privateLesson} » ne sera plus proposé`, { exact: false }).waitFor();
    const archived = answerOf(page, 'PATCH', /^\/api\/catalogue\/products\/[^/]+$/);
    await confirm.getByRole('button', { name: 'Archiver' }).click();
    const archivedAnswer = await archived;
    expect(archivedAnswer.status()).toBe(200);
    expect(JSON.parse(archivedAnswer.request().postData()!)).toEqual({ isArchived: true });
    const apart = page.getByRole('region', { name: 'Produits archivés', exact: true });
    await apart
      .getByRole('article', { name: privateLesson, exact: true })
      .getByText('Archivé', { exact: true })
      .waitFor();
    await expect(
      page
        .getByRole('region', { name: 'Cours particulier', exact: true })
        .getByRole('article', { name: privateLesson, exact: true })
        .count(),
    ).resolves.toBe(0);

    // What the server keeps, read back.
    await page.reload();
    await page
      .getByRole('region', { name: 'Produits archivés', exact: true })
      .getByRole('article', { name: privateLesson, exact: true })
      .waitFor();
    // The demo school's winter of weekly sessions: the first ones are listed, the others on demand.
    const reloaded = productCard(page, lesson);
    const all = reloaded.getByRole('button', { name: /^Voir les \d+ séances$/ });
    expect(await all.getAttribute('aria-expanded')).toBe('false');
    await all.click();
    await reloaded.getByRole('button', { name: 'Voir moins de séances', expanded: true }).waitFor();
    await reloaded.getByRole('table').getByText('Front de neige, devant le télésiège du Rosay').waitFor();
  });

  test('an admin gives an instructor a day off with a reason, is told beside the day it is taken twice, then takes it back', async () => {
    const page = await signIn(ADMIN);
    await openSettings(page, 'Moniteurs');
    const card = page.getByRole('article').first();
    const name = (await card.getByRole('heading').textContent())!.trim();
    const day = dayFromNow(21);
    const shown = day.split('-').reverse().join('/');
    const form = card.getByRole('form', { name: `Ajouter un jour de repos à ${name}` });
    await form.getByLabel(/^Jour/).fill(day);
    await form.getByLabel('Motif').fill('Formation sécurité avalanche');
    const added = answerOf(page, 'POST', /^\/api\/catalogue\/instructors\/[^/]+\/days-off$/);
    await form.getByRole('button', { name: 'Ajouter un jour de repos' }).click();
    expect((await added).status()).toBe(201);
    const daysOff = card.getByRole('region', { name: `Jours de repos de ${name}` });
    const item = daysOff.getByRole('listitem').filter({ hasText: shown });
    await item.getByText('Formation sécurité avalanche', { exact: false }).waitFor();

    // The same day again: the server's refusal shows beside the day, in the staff member's words.
    await form.getByLabel(/^Jour/).fill(day);
    const refused = answerOf(page, 'POST', /^\/api\/catalogue\/instructors\/[^/]+\/days-off$/);
    await form.getByRole('button', { name: 'Ajouter un jour de repos' }).click();
    expect((await refused).status()).toBe(409);
    await form.getByText('Ce moniteur est déjà indisponible ce jour-là.').waitFor();
    expect(await form.getByLabel(/^Jour/).getAttribute('aria-invalid')).toBe('true');

    await page.reload();
    await page
      .getByRole('region', { name: `Jours de repos de ${name}` })
      .getByRole('listitem')
      .filter({ hasText: shown })
      .waitFor();
    const removed = answerOf(page, 'DELETE', /^\/api\/catalogue\/instructors\/[^/]+\/days-off\/[^/]+$/);
    await page.getByRole('button', { name: `Retirer le jour de repos du ${shown} de ${name}` }).click();
    expect((await removed).status()).toBe(200);
    await page
      .getByRole('region', { name: `Jours de repos de ${name}` })
      .getByRole('listitem')
      .filter({ hasText: shown })
      .waitFor({ state: 'detached' });
  });

  test('an admin changes the default deposit; a deposit of "12,345" % is refused beside the field', async () => {
    const page = await signIn(ADMIN);
    await openSettings(page, 'Devis et paiements');
    const deposit = page.getByLabel(/^Acompte par défaut/);
    await deposit.fill('12,345');
    await page.getByRole('button', { name: 'Enregistrer' }).last().click();
    await page.getByText('Acompte : un pourcentage de 0 à 100, par ex. 30.').waitFor();
    expect(await deposit.getAttribute('aria-invalid')).toBe('true');

    await deposit.fill('40');
    const saved = answerOf(page, 'PUT', /^\/api\/settings\/sales$/);
    await page.getByRole('button', { name: 'Enregistrer' }).last().click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    expect(JSON.parse(answer.request().postData()!)).toMatchObject({ defaultDepositBp: 4000 });
    await page.getByText('Réglages des devis et paiements enregistrés.').waitFor();
    await page.reload();
    await expect(page.getByLabel(/^Acompte par défaut/).inputValue()).resolves.toBe('40');
  });

  test('a secretary reads the catalogue, the instructors and the quote settings, and changes nothing', async () => {
    const page = await signIn(MARIE);
    await openSettings(page, 'Catalogue');
    await page.getByText('Seuls les administrateurs modifient le catalogue.', { exact: false }).waitFor();
    await page
      .getByRole('region', { name: 'Cours collectif', exact: true })
      .getByRole('article')
      .first()
      .waitFor();
    await expect(
      page
        .locator('main')
        .getByRole('button', { name: /Ajouter|Modifier|Archiver/ })
        .count(),
    ).resolves.toBe(0);

    await openSettings(page, 'Moniteurs');
    await page.getByRole('article').first().waitFor();
    await expect(
      page
        .locator('main')
        .getByRole('button', { name: /Ajouter|Modifier|Retirer/ })
        .count(),
    ).resolves.toBe(0);

    await openSettings(page, 'Devis et paiements');
    expect(await page.getByLabel(/^Acompte par défaut/).isDisabled()).toBe(true);
    await expect(page.locator('main').getByRole('button', { name: 'Enregistrer' }).count()).resolves.toBe(0);
  });

  for (const viewport of ['desktop', 'wide', 'phone'] as const) {
    test(`the three pages fit a ${VIEWPORTS[viewport].width} px screen, photographed`, async () => {
      const page = await signIn(ADMIN, viewport);
      for (const [path, heading, name] of [
        ['/app/parametres/catalogue', 'Catalogue', 'catalogue'],
        ['/app/parametres/moniteurs', 'Moniteurs', 'instructors'],
        ['/app/parametres/devis', 'Devis et paiements', 'sales'],
      ] as const) {
        await page.goto(`${suite.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.locator('main').getByRole('article').or(page.locator('main form')).first().waitFor();
        await shoot(page, name, viewport);
      }
      // The product dialog with a field error, as a person meets it.
      await page.goto(`${suite.baseUrl}/app/parametres/catalogue`);
      const first = await firstProductOf(page, 'Cours collectif');
      await productCard(page, first)
        .getByRole('button', { name: `Modifier ${first}` })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Modifier le produit' });
      await dialog.getByLabel(/^Prix TTC/).fill('1e3');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await dialog.getByText('Prix : un montant en euros', { exact: false }).waitFor();
      await dialog.getByLabel(/^Prix TTC/).scrollIntoViewIfNeeded();
      await page.screenshot({
        path: join(SCREENSHOTS, `settings-catalogue-product${SHOT_SUFFIX[viewport]}.png`),
        animations: 'disabled',
      });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });
  }
});
