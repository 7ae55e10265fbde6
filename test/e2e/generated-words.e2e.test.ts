import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiAs, LUC, MARIE, SCREENSHOTS, staffSuite } from '../support/e2e.js';

/**
 * What Schuss writes by itself reads in the reader's language (system messages, summaries,
 * custom-lesson labels, origins), French sentences elide "de", a custom lesson without a price is
 * "à chiffrer", and a request noted by phone reads as the customer's. On the demo school's data.
 */

const ELODIE = 'Élodie Marchand';
const OLIVER = 'Oliver Hughes';
const FILE_URL = /\/app\/dossiers\/req_/;

const suite = staffSuite({
  provoked: /status of 401\b/,
  setup: async (server) => {
    // Luc reads the English interface (kept on his account).
    const asLuc = await apiAs(server, LUC);
    const chosen = await asLuc('PATCH', '/api/auth/me', { language: 'en' });
    if (chosen.statusCode !== 204) throw new Error(`language not saved: ${chosen.body}`);
  },
});

function signIn(email: string, width = 1280): Promise<Page> {
  return suite.signIn(email, { width, height: 900 });
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${width}.png`),
      animations: 'disabled',
      fullPage: true,
    });
  }
}

async function openFileOf(page: Page, table: string | RegExp, name: string): Promise<void> {
  await page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: name }).click();
  await page.waitForURL(FILE_URL);
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('generated words in the reader’s language', { timeout: 90_000 }, () => {
  test('French: the custom lesson reads in French, its total is « À chiffrer », the system message is French', async () => {
    const page = await signIn(MARIE);
    await page.goto(`${suite.baseUrl}/app/dossiers?onglet=nouveaux`);
    const tableName = /^Dossiers de l’onglet « Nouveaux dossiers »/;
    const row = page.getByRole('table', { name: tableName }).getByRole('row').filter({ hasText: ELODIE });
    await row.getByText('Cours sur mesure — Ski de randonnée — 3 × demi-journée', { exact: true }).waitFor();
    // Number, customer, services, total, paid…: the total is not known, it is not 0 €.
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('À chiffrer');
    await shoot(page, 'nouveaux-dossiers-a-chiffrer');

    await openFileOf(page, tableName, ELODIE);
    const conversation = page.getByRole('log', { name: 'Messages échangés avec le client' });
    await conversation
      .locator('li[data-author="system"]')
      .getByText('Dossier créé depuis la vente', { exact: true })
      .waitFor();
    const services = page.getByRole('region', { name: 'Prestations' });
    await services.getByText('Cours sur mesure — Ski de randonnée — 3 × demi-journée').waitFor();
    // The line and the total wait for a price; only "Payé" shows an amount.
    expect(await services.getByText('À chiffrer', { exact: true }).count()).toBe(2);
    expect(await services.getByText(/^0,00\s€$/).count()).toBe(1);
    await shoot(page, 'dossier-sur-mesure-fr');
  });

  test('French: an empty « Nouveaux dossiers » tab says what arrives there, and promises no editing', async () => {
    const page = await signIn(MARIE);
    await page.route('**/api/requests?tab=new*', async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      await route.fulfill({ response, json: { ...json, items: [], nextCursor: null } });
    });
    await page.goto(`${suite.baseUrl}/app/dossiers?onglet=nouveaux`);
    await page.getByText('Aucun dossier dans cet onglet').waitFor();
    await page
      .getByText(
        'Les demandes reçues par le formulaire Sur mesure arrivent ici, avec le cours demandé, à chiffrer.',
        { exact: true },
      )
      .waitFor();
    expect(await page.getByText(/Éditez|éditer la prestation/).count()).toBe(0);
  });

  test('French: a phone request noted by Marie is the customer’s request, à traiter, origin « Téléphone / guichet »', async () => {
    const page = await signIn(MARIE);
    await page.getByRole('button', { name: 'Nouvelle demande' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle demande' });
    await dialog.getByText(/l’origine « Téléphone \/ guichet »/).waitFor();
    await dialog.getByRole('textbox', { name: 'Prénom' }).fill('Ophélie');
    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Arnaud');
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('ophelie.arnaud@example.fr');
    await dialog
      .getByRole('textbox', { name: 'Demande du client' })
      .fill('Voudrait deux heures de cours particulier samedi matin pour sa fille.');
    await dialog.getByRole('button', { name: 'Créer la demande' }).click();
    await page.waitForURL(FILE_URL);
    await page.getByRole('heading', { level: 1, name: 'Ophélie Arnaud' }).waitFor();

    const conversation = page.getByRole('log', { name: 'Messages échangés avec le client' });
    const first = conversation.getByRole('listitem').first();
    expect(await first.getAttribute('data-author')).toBe('customer');
    await first.getByText('Ophélie Arnaud', { exact: true }).waitFor();
    await first.getByText('Client', { exact: true }).waitFor();
    await first.getByText('Demande téléphonique notée par Marie Dupont', { exact: true }).waitFor();
    await first.getByText(/deux heures de cours particulier/).waitFor();
    expect(await conversation.locator('li[data-author="staff"]').count()).toBe(0);
    expect(await first.getByText('Secrétariat').count()).toBe(0);
    await page.getByRole('main').getByText('À traiter', { exact: true }).first().waitFor();
    await page
      .getByRole('region', { name: 'Dossier' })
      .getByText('Téléphone / guichet', { exact: true })
      .waitFor();
    await page
      .getByRole('region', { name: 'Journal d’activité' })
      .getByText(/^Marie Dupont a noté la demande \d{4}-\d{5} \(téléphone \/ guichet\)$/)
      .waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, 'demande-telephonique-fr');

    await page.goto(`${suite.baseUrl}/app/demandes`);
    const row = page
      .getByRole('table', { name: 'Demandes, la plus récente activité en premier' })
      .getByRole('row')
      .filter({ hasText: 'Ophélie Arnaud' });
    await row.getByText('À traiter', { exact: true }).waitFor();
    await row.getByText('Téléphone / guichet', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Origine' }).click();
    for (const origin of ['VEL', 'Contact', 'Sur mesure', 'E-mail', 'Téléphone / guichet']) {
      await page.getByRole('option', { name: origin, exact: true }).waitFor();
    }
    await shoot(page, 'demandes-origines-fr');
  });

  test('French: the VEL summary and the bell read in French, with « d’ » before a vowel or a mute h', async () => {
    const page = await signIn(MARIE);
    const row = page
      .getByRole('table', { name: 'Demandes, la plus récente activité en premier' })
      .getByRole('row')
      .filter({ hasText: OLIVER });
    await row
      .getByText(/^Cours particulier · Snowboard · 1 participant · du \d\d\/\d\d\/\d{4} au /)
      .waitFor();

    await page.getByRole('button', { name: /^Notifications/ }).click();
    const bell = page.getByRole('dialog', { name: 'Notifications' });
    await bell.getByTitle(`Nouvelle demande d’${ELODIE}`, { exact: true }).waitFor();
    await bell.getByTitle('Nouvelle demande d’Hugo Bernard', { exact: true }).waitFor();
    await bell.getByTitle('Nouvelle demande de Camille Rousseau', { exact: true }).waitFor();
    expect(await bell.getByText(/ de [aeiouhéèêœ]/i).count()).toBe(0);
    await page.screenshot({
      path: join(SCREENSHOTS, 'notifications-elision-1280.png'),
      animations: 'disabled',
    });
  });

  test('English: the same words in English — system message, lesson label, to be priced, origins, bell', async () => {
    const page = await signIn(LUC);
    await page.goto(`${suite.baseUrl}/app/dossiers?onglet=nouveaux`);
    const row = page.getByRole('row').filter({ hasText: ELODIE });
    await row.getByText('Custom lesson — Ski touring — 3 × half day', { exact: true }).waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('To be priced');
    await row.click();
    await page.waitForURL(FILE_URL);
    await page.getByRole('heading', { level: 1, name: ELODIE }).waitFor();
    const conversation = page.getByRole('log', { name: 'Messages exchanged with the customer' });
    await conversation
      .locator('li[data-author="system"]')
      .getByText('File created from the online sale', { exact: true })
      .waitFor();
    expect(await conversation.getByText('Dossier créé depuis la vente').count()).toBe(0);
    const services = page.getByRole('region', { name: 'Services' });
    await services.getByText('Custom lesson — Ski touring — 3 × half day').waitFor();
    expect(await services.getByText('To be priced', { exact: true }).count()).toBe(2);
    await page.getByRole('region', { name: 'Dossier' }).getByText('Custom lesson', { exact: true }).waitFor();
    await shoot(page, 'dossier-sur-mesure-en');

    await page.goto(`${suite.baseUrl}/app/demandes`);
    const oliver = page.getByRole('row').filter({ hasText: OLIVER });
    await oliver
      .getByText(/^Private lesson · Snowboard · 1 participant · from \d\d\/\d\d\/\d{4} to /)
      .waitFor();
    await oliver.getByText('Online sale', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Origin' }).click();
    for (const origin of ['Online sale', 'Contact', 'Custom lesson', 'E-mail', 'Phone / desk']) {
      await page.getByRole('option', { name: origin, exact: true }).waitFor();
    }
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const bell = page.getByRole('dialog', { name: 'Notifications' });
    await bell.getByTitle(`New request from ${ELODIE}`, { exact: true }).waitFor();
    await bell.getByTitle('New request from Hugo Bernard', { exact: true }).waitFor();
    await shoot(page, 'demandes-en');
  });
});
