import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  ADMIN,
  collectPageProblems,
  DEMO_PASSWORD,
  type DemoServer,
  dayFromNow,
  FOLDER_TABS,
  LUC,
  launchChromium,
  MARIE,
  SCREENSHOTS,
  signInAs,
  startDemoServer,
} from '../support/e2e.js';

const SCHOOL = 'demo';

/** A customer whose name tests the layout: accents, a long compound name, a 4-byte emoji. */
const VEL_CUSTOMER = {
  firstName: 'Héloïse-Marguerite',
  lastName: 'de La Tour-d’Auvergne-Château-Ferrière 🏔️',
  email: 'heloise.delatour@example.fr',
  phone: '06 11 22 33 44',
};
const VEL_NAME = `${VEL_CUSTOMER.firstName} ${VEL_CUSTOMER.lastName}`;
const LONG_WORD = 'Supercalifragilisticexpialidocious'.repeat(6);
const VEL_MESSAGE = `Bonjour ! Nous venons à quatre 🎿⛷️ pendant les vacances de février et nous aimerions des cours collectifs le matin pour Léo et Zoé. ${LONG_WORD}\n\n${'Nous avons beaucoup de questions sur le matériel, la location et les horaires. '.repeat(18)}`;

let server: DemoServer | undefined;
let app: DemoServer['app'] | undefined;
let browser: Browser | undefined;
let baseUrl = '';

/** A cookie session over app.inject, for the test's own setup calls. */
async function session(email: string) {
  const login = await app!.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: baseUrl },
    payload: { email, password: DEMO_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === 'schuss_session')!.value;
  return async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const response = await app!.inject({
      method,
      url,
      headers: { cookie: `schuss_session=${cookie}`, ...(method !== 'GET' && { origin: baseUrl }) },
      ...(payload && { payload }),
    });
    return { status: response.statusCode, json: () => response.json() };
  };
}

let intakeKey: string | null = null;

/**
 * Opens a request as a customer would, through the public intake API (with the school's intake
 * key, as a school's own web server does). When that API is not available, a secretary opens it.
 */
async function submitForm(body: Record<string, unknown>): Promise<string> {
  if (intakeKey !== null) {
    const response = await app!.inject({
      method: 'POST',
      url: `/api/public/${SCHOOL}/requests`,
      headers: { 'x-intake-key': intakeKey },
      payload: body,
    });
    if (response.statusCode === 201) return response.json().number;
  }
  const customer = body.customer as typeof VEL_CUSTOMER;
  const created = await (await session(ADMIN))('POST', '/api/requests', {
    customer: { ...customer, language: 'fr' },
    message: typeof body.message === 'string' && body.message ? body.message : 'Demande de cours',
  });
  if (created.status !== 201) throw new Error('could not open a request');
  return created.json().number;
}

let velNumber = '';

beforeAll(async () => {
  server = await startDemoServer({ needsWebBuild: true });
  ({ app, url: baseUrl } = server);

  const admin = await session(ADMIN);
  const key = await admin('POST', '/api/settings/intake-key');
  intakeKey = key.status === 201 ? key.json().key : null;

  velNumber = await submitForm({
    form: 'vel',
    customer: VEL_CUSTOMER,
    participants: [
      { firstName: 'Léo', birthDate: '2018-03-14', level: 'beginner' },
      { firstName: 'Zoé', birthDate: '2020-07-02', level: 'first_time' },
    ],
    productType: 'cours_collectif',
    practice: 'ski_alpin',
    dates: { from: dayFromNow(30), to: dayFromNow(35) },
    message: VEL_MESSAGE,
  });
  await submitForm({
    form: 'custom',
    customer: { firstName: 'Maëlys', lastName: 'Cœur-de-Lion', email: 'maelys.coeur@example.fr' },
    participants: [{ firstName: 'Maëlys', birthDate: '1992-01-05', level: 'advanced' }],
    practice: 'snowboard',
    dates: { from: dayFromNow(40), to: dayFromNow(42) },
    slots: ['morning', 'afternoon'],
    duration: '2h',
    sessions: 3,
    lessonLanguage: 'fr',
    message: 'Un cours de freestyle sur mesure, si possible avec le même moniteur chaque jour.',
  });

  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 30_000);

/**
 * Every page a test opens reports its errors here. The browser logs the HTTP errors it sees by
 * itself: the 401 of the login page's "who am I" and the 409 of the stale edit are provoked on
 * purpose; any other 4xx/5xx from the API is a problem.
 */
let problems: string[] = [];
const contexts: BrowserContext[] = [];

beforeEach(() => {
  problems = [];
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(problems).toEqual([]);
});

async function openBrowser(): Promise<BrowserContext> {
  const context = await browser!.newContext({ viewport: { width: 1366, height: 860 }, locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context;
}

function watch(page: Page): Page {
  collectPageProblems(page, problems, /status of (401|409)\b/);
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    const expected =
      (response.status() === 401 && pathname === '/api/auth/me') ||
      (response.status() === 409 && response.request().method() === 'PATCH');
    if (pathname.startsWith('/api/') && response.status() >= 400 && !expected)
      problems.push(`${response.status()} ${response.request().method()} ${pathname}`);
  });
  return page;
}

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = watch(await context.newPage());
  await signInAs(page, baseUrl, email);
  return page;
}

const FILE_URL = /\/app\/dossiers\/req_/;

function bellName(unread: number): string {
  if (unread === 0) return 'Notifications';
  return `Notifications : ${unread} ${unread === 1 ? 'non lue' : 'non lues'}`;
}

/** Nothing wider than the window: long names and messages wrap or truncate. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function openVelRequest(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Origine' }).click();
  await page.getByRole('option', { name: 'VEL', exact: true }).click();
  await page.waitForURL(`${baseUrl}/app/demandes?origine=vel`);
  await page.getByRole('row').filter({ hasText: VEL_NAME }).getByRole('link', { name: velNumber }).click();
  await page.waitForURL(FILE_URL);
  await page.getByRole('heading', { level: 1, name: VEL_NAME }).waitFor();
}

describe('staff app', { timeout: 90_000 }, () => {
  test('a secretary finds a VEL request, reads it, sets category and language, comments and replies', async () => {
    const page = await signIn(await openBrowser(), MARIE);

    const requests = page.getByRole('table', { name: 'Demandes, la plus récente activité en premier' });
    const row = requests.getByRole('row').filter({ hasText: VEL_NAME });
    await row.getByText('À traiter').waitFor();
    await row.getByText('VEL', { exact: true }).waitFor();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'demandes.png'), animations: 'disabled' });

    await openVelRequest(page);
    const conversation = page.getByRole('log', { name: 'Messages échangés avec le client' });
    await conversation.getByText('Formulaire VEL').waitFor();
    await conversation.getByText('Léo', { exact: true }).waitFor();
    await conversation.getByText(/14\/03\/2018/).waitFor();
    await conversation.getByText('Cours collectif', { exact: true }).waitFor();
    await conversation.getByText('Ski alpin', { exact: true }).waitFor();
    await conversation.getByText(/nous aimerions des cours collectifs le matin/).waitFor();

    const journal = page.getByRole('region', { name: 'Journal d’activité' });
    await page.getByRole('combobox', { name: 'Catégorie' }).click();
    await page.getByRole('option', { name: 'Groupes', exact: true }).click();
    await journal.getByText('Marie Dupont a changé la catégorie en « Groupes »').waitFor();

    await page.getByRole('button', { name: /^Langue du client : Français/ }).click();
    await page.getByRole('menuitem', { name: 'Anglais' }).click();
    await journal.getByText('Marie Dupont a changé la langue du client en anglais').waitFor();
    await page.getByRole('button', { name: /^Langue du client : Anglais/ }).waitFor();

    const comment = page.getByRole('textbox', { name: 'Commentaire client' });
    await comment.fill('Attention, ce client a droit à une remise de 10 %.');
    await page.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await journal.getByText('Marie Dupont a modifié le commentaire client').waitFor();
    await page.getByRole('button', { name: 'Enregistrer le commentaire' }).waitFor({ state: 'detached' });

    const reply = page.getByRole('textbox', { name: 'Répondre au client' });
    await reply.fill('Bonjour Héloïse, il reste de la place le matin. Nous vous envoyons un devis. 🎿');
    await reply.press('Control+Enter');
    await conversation
      .getByRole('listitem')
      .filter({ hasText: 'Nous vous envoyons un devis' })
      .getByText('Marie Dupont')
      .waitFor();
    await journal.getByText('Marie Dupont a répondu au client').waitFor();
    expect(await reply.inputValue()).toBe('');
    await expectNoHorizontalOverflow(page);
    // The thread follows the newest message; the screenshot shows its start (the VEL form) too.
    await page.setViewportSize({ width: 1366, height: 1180 });
    await conversation.evaluate((thread) => thread.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'dossier-page.png'), animations: 'disabled' });
  });

  test('a second secretary sees the change arrive live, who is on the file, and a stale edit is refused', async () => {
    const marie = await signIn(await openBrowser(), MARIE);
    await openVelRequest(marie);
    const fileUrl = marie.url();

    const lucContext = await openBrowser();
    const luc = await signIn(lucContext, LUC);
    await luc.goto(fileUrl);
    await luc.getByRole('heading', { level: 1, name: VEL_NAME }).waitFor();

    await marie.getByRole('status').getByText('Luc Martin consulte ce dossier').waitFor();
    await luc.getByRole('status').getByText('Marie Dupont consulte ce dossier').waitFor();

    await marie.getByRole('combobox', { name: 'Catégorie' }).click();
    await marie.getByRole('option', { name: 'Familles', exact: true }).click();
    const lucJournal = luc.getByRole('region', { name: 'Journal d’activité' });
    await lucJournal.getByText('Marie Dupont a changé la catégorie en « Familles »').waitFor();
    expect(await luc.getByRole('combobox', { name: 'Catégorie' }).inputValue()).toBe('Familles');
    await luc.screenshot({ path: join(SCREENSHOTS, 'live-presence.png'), animations: 'disabled' });

    // Luc's other tab lost its live connection (a laptop waking up): it still shows the old version.
    const stale = watch(await lucContext.newPage());
    await stale.route('**/api/events', (route) => route.fulfill({ status: 204, body: '' }));
    await stale.goto(fileUrl);
    await stale.getByRole('heading', { level: 1, name: VEL_NAME }).waitFor();
    const typed = 'Client fidèle depuis 2012 : proposer le cours du matin en priorité.';
    await stale.getByRole('textbox', { name: 'Commentaire client' }).fill(typed);

    await marie.getByRole('button', { name: /^Langue du client : / }).click();
    await marie.getByRole('menuitem', { name: 'Allemand' }).click();
    await marie
      .getByRole('region', { name: 'Journal d’activité' })
      .getByText('Marie Dupont a changé la langue du client en allemand')
      .waitFor();
    // The comment is the customer's, guarded by the customer's version (issue 7): Marie changes it too.
    await marie.getByRole('textbox', { name: 'Commentaire client' }).fill('Préfère être appelée le soir.');
    await marie.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await marie.getByRole('status').getByText('Commentaire client enregistré.').waitFor();

    await stale.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    const refusal = stale.getByRole('alert').filter({ hasText: 'Modification refusée' });
    await refusal
      .getByText(/Marie Dupont a modifié la fiche du client entre-temps .* : commentaire client\./)
      .waitFor();
    // The page now shows Marie's change, and what Luc typed is still there.
    await stale.getByRole('button', { name: /^Langue du client : Allemand/ }).waitFor();
    expect(await stale.getByRole('textbox', { name: 'Commentaire client' }).inputValue()).toBe(typed);

    await stale.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await stale
      .getByRole('region', { name: 'Journal d’activité' })
      .getByText('Luc Martin a modifié le commentaire client')
      .waitFor();
    await marie
      .getByRole('region', { name: 'Journal d’activité' })
      .getByText('Luc Martin a modifié le commentaire client')
      .waitFor();
    expect(await marie.getByRole('textbox', { name: 'Commentaire client' }).inputValue()).toBe(typed);
  });

  test('a new request arrives live: row, bell count, and "Accéder au dossier"', async () => {
    const page = await signIn(await openBrowser(), MARIE);
    const table = page.getByRole('table', { name: 'Demandes, la plus récente activité en premier' });
    await table.waitFor();
    const { unread } = await (await page.request.get(`${baseUrl}/api/notifications`)).json();
    await page.getByRole('button', { name: bellName(unread), exact: true }).waitFor();

    const number = await submitForm({
      form: 'contact',
      customer: { firstName: 'Søren', lastName: 'Østergård-Ærø', email: 'soren@example.dk' },
      message: 'Bonjour, proposez-vous des cours en anglais pour adultes débutants ?',
    });
    await table.getByRole('row').filter({ hasText: 'Søren Østergård-Ærø' }).getByText(number).waitFor();
    await page.getByRole('button', { name: bellName(unread + 1), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    const item = dialog.getByRole('listitem').filter({ hasText: 'Nouvelle demande de Søren Østergård-Ærø' });
    await item.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'notifications.png'), animations: 'disabled' });

    await item.getByRole('button', { name: /^Accéder au dossier/ }).click();
    await page.waitForURL(FILE_URL);
    await page.getByRole('heading', { level: 1, name: 'Søren Østergård-Ærø' }).waitFor();
    await page.getByRole('button', { name: bellName(unread), exact: true }).waitFor();
  });

  test('Gestion des dossiers shows the 7 tabs with their counts, and the keyboard opens a file', async () => {
    const page = await signIn(await openBrowser(), MARIE);
    const counts = (await (await page.request.get(`${baseUrl}/api/requests?tab=new&limit=1`)).json()).counts;
    await page.getByRole('navigation').getByRole('link', { name: 'Gestion des dossiers' }).click();
    const tabs = page.getByRole('tablist', { name: 'Onglets des dossiers' });
    for (const [label, key] of FOLDER_TABS) {
      await tabs.getByRole('tab', { name: `${label} ${counts[key]}` }).waitFor();
    }
    const table = page.getByRole('table', { name: /^Dossiers de l’onglet « Nouveaux dossiers »/ });
    await table
      .getByRole('row')
      .filter({ hasText: 'Maëlys Cœur-de-Lion' })
      .getByText(/Cours sur mesure/)
      .waitFor();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'dossiers.png'), animations: 'disabled' });

    await page.keyboard.press('j');
    const focused = page.locator('tr[data-list-row]:focus');
    await focused.waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(FILE_URL);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Prestations' }).waitFor();
  });

  test('the search box (Ctrl+K) finds a file without accents and opens it', async () => {
    const page = await signIn(await openBrowser(), MARIE);
    await page.keyboard.press('Control+k');
    const search = page.getByRole('combobox', { name: 'Rechercher' });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    // Several results: the arrows move the highlight, Enter opens the highlighted one.
    await search.fill('bonjour');
    const second = page.getByRole('option').nth(1);
    await second.waitFor();
    const secondNumber = (await second.getAttribute('aria-label'))!.split(' — ')[0]!;
    await search.press('ArrowDown');
    await search.press('Enter');
    await page.waitForURL(FILE_URL);
    await page.getByText(`N° ${secondNumber}`, { exact: true }).waitFor();

    await page.keyboard.press('Control+k');
    await search.fill('heloise tour');
    await page.getByRole('option', { name: new RegExp(velNumber) }).waitFor();
    await search.press('Enter');
    await page.waitForURL(FILE_URL);
    await page.getByRole('heading', { level: 1, name: VEL_NAME }).waitFor();
  });

  test('a secretary opens a request for a customer at the desk (Nouvelle demande)', async () => {
    const page = await signIn(await openBrowser(), MARIE);
    await page.getByRole('button', { name: 'Nouvelle demande' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle demande' });
    await dialog.getByRole('combobox', { name: 'Rechercher un client existant' }).fill('heloise');
    await page.getByRole('option', { name: new RegExp(VEL_CUSTOMER.email) }).click();
    await dialog.getByText('Client existant').waitFor();
    await dialog
      .getByRole('textbox', { name: 'Demande du client' })
      .fill('Au téléphone : souhaite ajouter un cours particulier.');
    await dialog.getByRole('button', { name: 'Créer la demande' }).click();
    await page.waitForURL(FILE_URL);
    await page.getByRole('heading', { level: 1, name: VEL_NAME }).waitFor();
    await page.getByText('Téléphone / guichet', { exact: true }).first().waitFor();
    await page.getByRole('region', { name: 'Autres dossiers du client' }).getByText(velNumber).waitFor();

    const customer = page.getByRole('region', { name: 'Client', exact: true });
    await customer.getByRole('button', { name: 'Modifier' }).click();
    await customer.getByRole('textbox', { name: 'Téléphone' }).fill('+33 4 50 00 00 00');
    await customer.getByRole('button', { name: 'Enregistrer' }).click();
    await customer.getByRole('link', { name: '+33 4 50 00 00 00' }).waitFor();
    await page
      .getByRole('region', { name: 'Journal d’activité' })
      .getByText('Marie Dupont a modifié les coordonnées du client')
      .waitFor();
  });

  test('an admin adds and hides a category in Paramètres → Catégories', async () => {
    const page = await signIn(await openBrowser(), ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
    await page
      .getByRole('navigation', { name: 'Rubriques des paramètres' })
      .getByRole('link', { name: 'Catégories' })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Catégories' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une catégorie' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une catégorie' });
    await dialog.getByRole('textbox', { name: 'Nom de la catégorie' }).fill('Séminaires 🎿');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Séminaires 🎿' });
    await row.getByText('Proposée').waitFor();
    await row.getByRole('button', { name: 'Masquer Séminaires 🎿' }).click();
    await row.getByText('Masquée').waitFor();
  });

  test('an admin closes and reopens the Contact form in Paramètres → Formulaires', async () => {
    const page = await signIn(await openBrowser(), ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
    await page
      .getByRole('navigation', { name: 'Rubriques des paramètres' })
      .getByRole('link', { name: 'Formulaires' })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Formulaires' }).waitFor();
    await page.getByRole('link', { name: `${baseUrl}/f/${SCHOOL}/contact` }).waitFor();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-forms.png'), animations: 'disabled' });

    const contact = page.getByRole('switch', { name: 'Formulaire de contact' });
    expect(await contact.isChecked()).toBe(true);
    const save = async () => {
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/api/settings/forms',
      );
      await page.getByRole('button', { name: 'Enregistrer' }).last().click();
      expect((await saved).status()).toBe(200);
    };
    await contact.uncheck();
    await save();
    await page.getByText('Réglages des formulaires enregistrés.').waitFor();
    expect((await page.request.get(`${baseUrl}/f/${SCHOOL}/contact`)).status()).toBe(404);

    await contact.check();
    await save();
    expect((await page.request.get(`${baseUrl}/f/${SCHOOL}/contact`)).status()).toBe(200);
  });

  test('the interface switches to English, kept on the account, journal included', async () => {
    const page = await signIn(await openBrowser(), ADMIN);
    await page.getByRole('button', { name: 'Menu de Claire Admin' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    await page.getByRole('combobox', { name: 'Origin' }).click();
    await page.getByRole('option', { name: 'Online sale', exact: true }).click();
    await page.getByRole('row').filter({ hasText: VEL_NAME }).getByRole('link', { name: velNumber }).click();
    await page
      .getByRole('region', { name: 'Activity journal' })
      .getByText('Marie Dupont changed the category to “Groupes”')
      .waitFor();
    const me = await (await page.request.get(`${baseUrl}/api/auth/me`)).json();
    expect(me.user.language).toBe('en');
  });

  test('"Charger plus" brings the next page of a long list (keyset pagination)', async () => {
    const admin = await session(ADMIN);
    for (let i = 1; i <= 52; i++) {
      const created = await admin('POST', '/api/requests', {
        customer: {
          firstName: 'Client',
          lastName: `Guichet ${i}`,
          email: `guichet${i}@example.fr`,
          language: 'fr',
        },
        message: `Question au guichet n° ${i}`,
      });
      expect(created.status).toBe(201);
    }
    const page = await signIn(await openBrowser(), MARIE);
    await page.goto(`${baseUrl}/app/demandes?origine=staff`);
    const rows = page
      .getByRole('table', { name: 'Demandes, la plus récente activité en premier' })
      .getByRole('row');
    await rows.filter({ hasText: 'Client Guichet 52' }).waitFor();
    expect(await rows.count()).toBe(1 + 50);
    await page.getByRole('button', { name: 'Charger plus' }).click();
    await rows.filter({ hasText: 'Client Guichet 1' }).filter({ hasText: 'guichet1@example.fr' }).waitFor();
    const total = (
      await (await page.request.get(`${baseUrl}/api/requests?tab=request&source=staff&limit=100`)).json()
    ).items.length;
    expect(await rows.count()).toBe(1 + total);
    await page.getByRole('button', { name: 'Charger plus' }).waitFor({ state: 'detached' });
  });
});
