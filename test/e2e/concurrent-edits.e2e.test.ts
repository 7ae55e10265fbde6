import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN, apiAs, LUC, MARIE, SCREENSHOTS, staffSuite, watchApiErrors } from '../support/e2e.js';

/**
 * Two secretaries on the same file at once (issue 7): nobody's edit is silently overwritten.
 * Each test opens a fresh file, and Marie and Luc each have their own browser context.
 */

/**
 * Expected HTTP errors: the login page's "who am I" (401) and the refused stale edits (409); any
 * other API error is a problem.
 */
const suite = staffSuite({
  provoked: /status of (401|409)\b/,
  watch: (page, problems) =>
    watchApiErrors(
      page,
      problems,
      (status, method, pathname) =>
        (status === 401 && pathname === '/api/auth/me') || (status === 409 && method === 'PATCH'),
    ),
});

let fileCount = 0;

/** A new file, for a new customer unless `email` is one's, opened by the admin through the API. */
async function newFile(
  firstName: string,
  lastName: string,
  email = `edits-${fileCount + 1}@example.fr`,
): Promise<{ id: string; number: string }> {
  const asAdmin = await apiAs(suite.server, ADMIN);
  fileCount += 1;
  const created = await asAdmin('POST', '/api/requests', {
    customer: { firstName, lastName, email, language: 'fr' },
    message: 'Bonjour, des cours de ski pour deux adultes en février ?',
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  return created.json();
}

/** A signed-in page on its own browser context. */
function signIn(email: string, width = 1366): Promise<Page> {
  return suite.signIn(email, { width, height: 900 });
}

async function openFile(page: Page, id: string, heading: string): Promise<void> {
  await page.goto(`${suite.baseUrl}/app/dossiers/${id}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const journal = (page: Page) => page.getByRole('region', { name: 'Journal d’activité' });
const refusal = (page: Page) => page.getByRole('alert').filter({ hasText: 'Modification refusée' });
const comment = (page: Page) => page.getByRole('textbox', { name: 'Commentaire client' });
const customerCard = (page: Page) => page.getByRole('region', { name: 'Client', exact: true });

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('two secretaries editing the same file', { timeout: 90_000 }, () => {
  test('a stale comment is refused naming Marie, Luc’s text is kept, and the note is on every file of the customer', async () => {
    const file = await newFile('Aurélie', 'Vasseur', 'aurelie.vasseur@example.fr');
    const marie = await signIn(MARIE);
    const luc = await signIn(LUC);
    await openFile(marie, file.id, 'Aurélie Vasseur');
    await openFile(luc, file.id, 'Aurélie Vasseur');

    const lucText = 'Préfère les cours du matin ; a payé l’an dernier par chèques-vacances.';
    await comment(luc).fill(lucText);
    const marieText = 'Attention, ce client a droit à une remise de 10 %.';
    await comment(marie).fill(marieText);
    await marie.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await marie.getByRole('status').getByText('Commentaire client enregistré.').waitFor();

    // Luc's page shows Marie's note beside his draft as soon as it is saved…
    const theirs = luc.getByRole('region', { name: 'Commentaire enregistré entre-temps' });
    await theirs.getByText(marieText).waitFor();
    expect(await comment(luc).inputValue()).toBe(lucText);
    // …and if he saves anyway, the save is refused, naming Marie and what she changed.
    await luc.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await refusal(luc)
      .getByText(/^Marie Dupont a modifié la fiche du client entre-temps \(.+\) : commentaire client\.$/)
      .waitFor();
    expect(await comment(luc).inputValue()).toBe(lucText);
    expect(await comment(marie).inputValue()).toBe(marieText);
    await expectNoHorizontalOverflow(luc);
    for (const width of [1280, 1440]) {
      await luc.setViewportSize({ width, height: 1000 });
      await luc.screenshot({
        path: join(SCREENSHOTS, `conflict-comment-${width}.png`),
        animations: 'disabled',
      });
      await luc.screenshot({
        path: join(SCREENSHOTS, `conflict-comment-${width}-full.png`),
        animations: 'disabled',
        fullPage: true,
      });
    }

    // Having read Marie's note, Luc keeps it in his text and saves on purpose: that goes through.
    const merged = `${marieText}\n${lucText}`;
    await comment(luc).fill(merged);
    await luc.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await luc.getByRole('status').getByText('Commentaire client enregistré.').waitFor();
    await journal(marie).getByText('Luc Martin a modifié le commentaire client').waitFor();
    await expect.poll(() => comment(marie).inputValue()).toBe(merged);

    // The note is the customer's: its next file shows it too, with who wrote it and where.
    const next = await newFile('Aurélie', 'Vasseur', 'aurelie.vasseur@example.fr');
    await openFile(marie, next.id, 'Aurélie Vasseur');
    await marie
      .getByText(`Modifié par Luc Martin`)
      .filter({ hasText: `depuis le dossier ${file.number}` })
      .waitFor();
    expect(await comment(marie).inputValue()).toBe(merged);
    await marie.setViewportSize({ width: 1280, height: 1000 });
    await comment(marie).scrollIntoViewIfNeeded();
    await marie.screenshot({ path: join(SCREENSHOTS, 'note-on-next-file-1280.png'), animations: 'disabled' });
  });

  test('Luc corrects the first name while Marie adds the phone number: both changes stay', async () => {
    const file = await newFile('Heloise', 'Marchand');
    const marie = await signIn(MARIE);
    const luc = await signIn(LUC);
    await openFile(marie, file.id, 'Heloise Marchand');
    await openFile(luc, file.id, 'Heloise Marchand');
    await customerCard(marie).getByRole('button', { name: 'Modifier' }).click();
    await customerCard(luc).getByRole('button', { name: 'Modifier' }).click();

    await customerCard(marie).getByRole('textbox', { name: 'Téléphone' }).fill('06 12 34 56 78');
    await customerCard(luc).getByRole('textbox', { name: 'Prénom' }).fill('Héloïse');
    await customerCard(marie).getByRole('button', { name: 'Enregistrer' }).click();
    await customerCard(marie).getByRole('link', { name: '06 12 34 56 78' }).waitFor();
    // Luc did not touch the phone: his open form follows Marie's change instead of erasing it.
    await expect
      .poll(() => customerCard(luc).getByRole('textbox', { name: 'Téléphone' }).inputValue())
      .toBe('06 12 34 56 78');
    await customerCard(luc).getByRole('button', { name: 'Enregistrer' }).click();

    for (const page of [luc, marie]) {
      await page.getByRole('heading', { level: 1, name: 'Héloïse Marchand' }).waitFor();
      await customerCard(page).getByRole('link', { name: '06 12 34 56 78' }).waitFor();
    }
    await expect(refusal(luc).count()).resolves.toBe(0);
  });

  test('Luc and Marie change the same customer field: Luc’s stale change is refused, his typing kept', async () => {
    const file = await newFile('Bastien', 'Roux');
    const marie = await signIn(MARIE);
    const luc = await signIn(LUC);
    await openFile(marie, file.id, 'Bastien Roux');
    await openFile(luc, file.id, 'Bastien Roux');
    await customerCard(marie).getByRole('button', { name: 'Modifier' }).click();
    await customerCard(luc).getByRole('button', { name: 'Modifier' }).click();
    await customerCard(marie).getByRole('textbox', { name: 'Téléphone' }).fill('04 79 00 00 01');
    await customerCard(luc).getByRole('textbox', { name: 'Téléphone' }).fill('04 79 00 00 02');
    await customerCard(marie).getByRole('button', { name: 'Enregistrer' }).click();
    await customerCard(marie).getByRole('link', { name: '04 79 00 00 01' }).waitFor();

    const lucPhone = customerCard(luc).getByRole('textbox', { name: 'Téléphone' });
    await customerCard(luc).getByText('Enregistré entre-temps : 04 79 00 00 01').waitFor();
    await customerCard(luc).getByRole('button', { name: 'Enregistrer' }).click();
    await refusal(luc)
      .getByText(/^Marie Dupont a modifié la fiche du client entre-temps \(.+\) : téléphone\.$/)
      .waitFor();
    expect(await lucPhone.inputValue()).toBe('04 79 00 00 02');
    await luc.setViewportSize({ width: 1280, height: 900 });
    await expectNoHorizontalOverflow(luc);
    await luc.screenshot({ path: join(SCREENSHOTS, 'conflict-customer-1280.png'), animations: 'disabled' });
    await customerCard(marie).getByRole('link', { name: '04 79 00 00 01' }).waitFor();
  });

  test('a category or language chosen from a list opened before Luc’s change is refused, naming Luc', async () => {
    const file = await newFile('Chloé', 'Bertin');
    const marie = await signIn(MARIE);
    const luc = await signIn(LUC);
    await openFile(marie, file.id, 'Chloé Bertin');
    await openFile(luc, file.id, 'Chloé Bertin');

    // Marie opens the list of categories; meanwhile Luc chooses one.
    await marie.getByRole('combobox', { name: 'Catégorie' }).click();
    await marie.getByRole('option', { name: 'Familles', exact: true }).waitFor();
    await luc.getByRole('combobox', { name: 'Catégorie' }).click();
    await luc.getByRole('option', { name: 'Groupes', exact: true }).click();
    await journal(marie).getByText('Luc Martin a changé la catégorie en « Groupes »').waitFor();
    await marie.getByRole('option', { name: 'Familles', exact: true }).click();
    await refusal(marie)
      .getByText(
        new RegExp(`^Luc Martin a modifié le dossier ${file.number} entre-temps \\(.+\\) : catégorie\\.$`),
      )
      .waitFor();
    // Nothing was typed: the page says to choose again rather than that a draft was kept.
    await refusal(marie)
      .getByText(/choisissez de nouveau si le vôtre doit l’emporter/)
      .waitFor();
    await expect.poll(() => marie.getByRole('combobox', { name: 'Catégorie' }).inputValue()).toBe('Groupes');
    await expect.poll(() => luc.getByRole('combobox', { name: 'Catégorie' }).inputValue()).toBe('Groupes');

    // Same with the customer's language: Marie's menu was opened before Luc's choice.
    await marie.getByRole('button', { name: /^Langue du client : Français/ }).click();
    await marie.getByRole('menuitem', { name: 'Allemand' }).waitFor();
    await luc.getByRole('button', { name: /^Langue du client : Français/ }).click();
    await luc.getByRole('menuitem', { name: 'Anglais' }).click();
    await journal(marie).getByText('Luc Martin a changé la langue du client en anglais').waitFor();
    await marie.getByRole('menuitem', { name: 'Allemand' }).click();
    await refusal(marie)
      .getByText(
        new RegExp(
          `^Luc Martin a modifié le dossier ${file.number} entre-temps \\(.+\\) : langue du client\\.$`,
        ),
      )
      .waitFor();
    await marie.setViewportSize({ width: 1440, height: 900 });
    await marie.screenshot({ path: join(SCREENSHOTS, 'conflict-language-1440.png'), animations: 'disabled' });
    await marie.getByRole('button', { name: /^Langue du client : Anglais/ }).waitFor();
    await luc.getByRole('button', { name: /^Langue du client : Anglais/ }).waitFor();

    // With the list opened after Luc's change, Marie's choice is hers to make: it goes through.
    await marie.getByRole('combobox', { name: 'Catégorie' }).click();
    await marie.getByRole('option', { name: 'Familles', exact: true }).click();
    await journal(luc).getByText('Marie Dupont a changé la catégorie en « Familles »').waitFor();
  });
});
