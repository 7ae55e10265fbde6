import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  ADMIN,
  collectPageProblems,
  type DemoServer,
  launchBrowser,
  type PersistentBrowser,
  PROJECT_ROOT,
  SCREENSHOTS,
  signInAs,
  startDemoServer,
} from '../support/e2e.js';

const SECRETARY = 'marie.dupont@esf-demo.fr';
const FIRST_LOAD_BUDGET_BYTES = 250 * 1024;

let server: DemoServer | undefined;
let browser: PersistentBrowser | undefined;
let context: BrowserContext | undefined;
let baseUrl = '';

/**
 * Errors the page reports, except the HTTP answers these tests provoke on purpose: 401 (not
 * signed in, wrong password) and 409 (e-mail already taken), which the browser logs by itself.
 */
let pageProblems: string[] = [];

beforeAll(async () => {
  server = await startDemoServer({ needsWebBuild: true });
  baseUrl = server.url;
  browser = await launchBrowser({ viewport: { width: 1366, height: 860 } });
  context = browser.context;
  context.setDefaultTimeout(10_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 30_000);

let page: Page;

beforeEach(async () => {
  await context!.clearCookies();
  page = await context!.newPage();
  pageProblems = [];
  collectPageProblems(page, pageProblems, /status of (401|409)\b/);
});

afterEach(async () => {
  await page.close();
  // CSP violations and React errors surface here; a screen that "works" while logging them is not done.
  expect(pageProblems).toEqual([]);
});

async function signIn(email: string): Promise<void> {
  await signInAs(page, baseUrl, email);
}

/** Gzipped size of the app scripts a fresh tab fetches while opening a page. */
async function firstLoadScriptBytes(
  path: string,
  readyText: string,
): Promise<{ files: string[]; bytes: number }> {
  const tab = await context!.newPage();
  const files = new Set<string>();
  tab.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/app/assets/') && pathname.endsWith('.js')) files.add(pathname);
  });
  await tab.goto(`${baseUrl}${path}`);
  await tab.getByText(readyText).first().waitFor();
  await tab.close();
  const bytes = [...files]
    .map(
      (pathname) =>
        gzipSync(readFileSync(join(PROJECT_ROOT, 'dist/web', pathname.slice('/app/'.length)))).length,
    )
    .reduce((a, b) => a + b, 0);
  return { files: [...files], bytes };
}

describe('staff app shell', { timeout: 60_000 }, () => {
  test('shows the French generic error when the password is wrong', async () => {
    await page.goto(`${baseUrl}/app/`);
    await page.waitForURL(`${baseUrl}/app/connexion`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByText('Schuss', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });

    await page.getByLabel('E-mail').fill(ADMIN);
    await page.getByLabel('Mot de passe', { exact: true }).fill('not-the-right-password');
    await page.getByLabel('Mot de passe', { exact: true }).press('Enter');

    await page.getByRole('alert').filter({ hasText: 'E-mail ou mot de passe incorrect.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/connexion');
  });

  test('lets an admin reach Paramètres and add a secretary with a long accented name', async () => {
    await signIn(ADMIN);
    const navigation = page.getByRole('navigation');
    await navigation.getByText('GESTION COMMERCIALE', { exact: true }).waitFor();
    await navigation.getByRole('link', { name: 'Gestion des demandes' }).waitFor();
    await navigation.getByRole('link', { name: 'Gestion des dossiers' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Gestion des demandes' }).waitFor();
    // The demo school's inbox, or its empty state when the demo brings no requests.
    await page
      .getByRole('table', { name: 'Demandes, la plus récente activité en premier' })
      .or(page.getByText('Aucune demande pour le moment'))
      .waitFor();
    await page.getByRole('banner').getByText('ESF Démo').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'layout.png') });

    await navigation.getByRole('link', { name: 'Paramètres' }).click();
    await page.waitForURL(`${baseUrl}/app/parametres/personnel`);
    await page.getByRole('heading', { level: 1, name: 'Personnel' }).waitFor();
    const table = page.getByRole('table', { name: 'Membres du personnel de l’école' });
    await table.getByRole('row').filter({ hasText: 'Marie Dupont' }).waitFor();

    const name = 'Marie-Éloïse Château-Ferrière de la Pérouse-Montgaillard d’Étrembières';
    await page.getByRole('button', { name: 'Ajouter un membre' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un membre' });
    await dialog.getByLabel('Nom').fill(name);
    // An e-mail that already has an account: the server's field error shows beside the field.
    await dialog.getByLabel('E-mail').fill(SECRETARY);
    await dialog.getByRole('radio', { name: 'Secrétaire' }).check();
    // The label ends with the required-field asterisk.
    const password = dialog.getByLabel(/^Mot de passe/);
    await password.fill('un-mot-de-passe-solide');
    await password.press('Enter');
    await dialog
      .getByText('Cette adresse e-mail ne peut pas servir à un nouveau compte : choisissez-en une autre.')
      .waitFor();
    expect(await dialog.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('E-mail').fill('marie-eloise.chateau@esf-demo.fr');
    await dialog.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = table.getByRole('row').filter({ hasText: 'marie-eloise.chateau@esf-demo.fr' });
    await row.getByTitle(name).waitFor();
    await row.getByText('Secrétaire').waitFor();
    await row.getByText('Actif').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'staff-settings.png') });
  });

  test('tells a secretary that staff settings are reserved to administrators', async () => {
    await signIn(SECRETARY);
    await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
    await page.getByText('Réservé aux administrateurs').waitFor();
    expect(await page.getByRole('button', { name: 'Ajouter un membre' }).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
  });

  test('returns to the login page after logout, and the session is really over', async () => {
    await signIn(ADMIN);
    await page.getByRole('button', { name: 'Menu de Claire Admin' }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${baseUrl}/app/connexion?deconnecte=1`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();

    await page.goto(`${baseUrl}/app/dossiers`);
    await page.waitForURL(`${baseUrl}/app/connexion?suite=%2Fdossiers`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  });

  test('goes back to the login page when an API call answers 401', async () => {
    // The first screen's own calls finish with the session; the next call is the one that fails.
    const settled = Promise.all(
      ['/api/requests?', '/api/categories', '/api/notifications'].map((path) =>
        page.waitForResponse((response) => response.url().includes(path)),
      ),
    );
    await signIn(ADMIN);
    await settled;
    await context!.clearCookies();
    await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.getByText('Votre session a expiré. Reconnectez-vous pour continuer.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/connexion');
  });

  test('an unknown address of the app opens the app’s own “page not found”, never raw JSON', async () => {
    await signIn(SECRETARY);
    const response = await page.goto(`${baseUrl}/app/pas/une/page`);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    await page.getByRole('heading', { name: 'Page introuvable', level: 1 }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'app-not-found.png') });
  });

  test('keeps the first page under 250 KB of gzipped JavaScript, signed out and signed in', async () => {
    const login = await firstLoadScriptBytes('/app/connexion', 'Connexion');
    expect(login.files.some((f) => f.includes('/login-page-'))).toBe(true);
    expect(login.bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);

    await signIn(ADMIN);
    const layout = await firstLoadScriptBytes('/app/demandes', 'Nouvelle demande');
    expect(layout.files.some((f) => f.includes('/requests-page-'))).toBe(true);
    expect(layout.files.some((f) => f.includes('/staff-settings-page-'))).toBe(false);
    expect(layout.files.some((f) => f.includes('/dossier-page-'))).toBe(false);
    expect(layout.bytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });
});
