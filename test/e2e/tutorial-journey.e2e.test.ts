import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { customerMailsInOutbox } from '../support/customer-mail.js';
import {
  ADMIN,
  apiAs,
  dayFromNow,
  FOLDER_TABS,
  LUC,
  MARIE,
  SCREENSHOTS,
  staffSuite,
} from '../support/e2e.js';

/**
 * The tutorial "Comment transformer une demande en commande ?" played end to end, in French, the
 * way a school works (issue 15): three customers write from their phones (VEL, contact, sur
 * mesure); Marie reads, sorts and answers them; the VEL request becomes a dossier (Cours de ski
 * for two children + the optional insurance) with a payment link for the deposit, the custom
 * request is edited ("ÉDITER") and quoted; the customer opens the link of her e-mail, removes the
 * insurance, pays the deposit in the sandbox and writes — Luc sees it live; the balances are paid
 * (online, and by cheque at the desk); the POS software acknowledges the online lines through its
 * API, "Saisi dans logiciel" is ticked for the custom lesson; both are archived. Each step checks
 * the file's onglet, the lists' counts and the amounts, and leaves a screenshot
 * (journey-NN-*.png). The outbox is drained by the test (e-mails and the sandbox's webhooks):
 * nothing happens behind its back.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** The three customers of the story (none is in the demo). */
const VEL = {
  firstName: 'Sophie',
  lastName: 'Lambert',
  email: 'sophie.lambert@example.fr',
  children: ['Hugo', 'Lina'],
};
const CONTACT = { firstName: 'Thomas', lastName: 'Girard', email: 'thomas.girard@example.fr' };
const CUSTOM = { firstName: 'Nadia', lastName: 'Benali', email: 'nadia.benali@example.fr' };
const nameOf = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;
const CONTACT_MESSAGE = 'Bonjour, proposez-vous des cours de télémark pour adultes en semaine ?';
/** The instructor Nadia asks for: the demo's one without a day off. */
const INSTRUCTOR = 'Chloé Anselme';

/**
 * The amounts, from the demo catalogue: Flocon à 3e Étoile 239 € × 2 children, the insurance
 * 19,20 € × 2; the deposit is the school's 30 %; the custom lesson is priced 360 € at ÉDITER.
 */
const LESSON = '478,00';
const WITH_INSURANCE = '516,40';
/** What the link asks: 30 % of the total when it was sent, kept when the insurance goes. */
const DEPOSIT = '154,92';
const BALANCE = '323,08';
const CUSTOM_PRICE = '360,00';

/** An amount as the pages write it: "360,00 €" (narrow no-break space before the euro sign). */
const money = (amount: string) => new RegExp(`${amount}\\s€`);

type Counts = Record<string, number>;

/** How long a page action, a wait or a poll may take (the machine is shared and often loaded). */
const WAIT_MS = 20_000;
/** Reads until it matches, as long as a page action may take (expect.poll's own 1 s is too short). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: WAIT_MS });

// Provoked on purpose: the login page's "who am I" (401) before each sign-in.
const suite = staffSuite({
  provoked: /status of 401\b/,
  actionTimeout: WAIT_MS,
  env: { LOG_LEVEL: 'silent' },
  // A lighter proof of work keeps the forms quick (the forms' own test does the same).
  config: (base) => ({
    ...base,
    intake: { ...base.intake, minFillMs: 500, powCost: 200, powCounterMin: 100, powCounterMax: 400 },
  }),
});

let marie: Page;
let luc: Page;
let admin: Page;
let customer: Page;
/** The lists' counts before the customers write. */
let before: Counts;
const files = { vel: '', contact: '', custom: '' };
const numbers = { vel: '', contact: '', custom: '' };
let privateLink = '';

beforeAll(async () => {
  const api = await apiAs(suite.server, MARIE);
  before = (await api('GET', '/api/requests?tab=new&limit=1')).json().counts as Counts;
  marie = await suite.signIn(MARIE, DESKTOP, { keep: true });
}, 90_000);

/** Each step goes on from the previous one: after a failure, the next steps say so at once. */
let failedStep = '';
beforeEach((context) => {
  expect(failedStep, 'an earlier step failed').toBe('');
  context.onTestFailed(() => {
    failedStep = context.task.name;
  });
});

// ── Helpers ──

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  // From the top, nothing focused: a full-page capture of a scrolled page moves the sticky header.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({
    path: join(SCREENSHOTS, `journey-${name}.png`),
    fullPage,
    animations: 'disabled',
    // The staff app's confirmations ("Devis envoyé à …", read by the steps) would stack over it.
    style: '.mantine-Notifications-root { visibility: hidden !important; }',
  });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await poll(() =>
    page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
}

const header = (page: Page) => page.locator('main').getByText(/^N° /).locator('..');
const conversation = (page: Page) => page.getByRole('log', { name: 'Messages échangés avec le client' });
const journal = (page: Page) => page.getByRole('region', { name: 'Journal d’activité' });
const devisTab = (page: Page) => page.getByRole('tab', { name: /^Devis/ });
const services = (page: Page) => page.getByRole('region', { name: 'Prestations' });
const dialog = (page: Page) => page.getByRole('dialog');
const salesMenu = (page: Page) => page.getByRole('group', { name: 'GESTION COMMERCIALE' });

async function expectStatus(page: Page, status: string): Promise<void> {
  await header(page).getByText(status, { exact: true }).waitFor();
}

/** The counts as the server gives them, each onglet's as before plus `delta`. */
async function expectCounts(delta: Counts): Promise<Counts> {
  const expected = Object.fromEntries(
    Object.entries(before).map(([key, n]) => [key, n + (delta[key] ?? 0)]),
  ) as Counts;
  const counts = (await (await marie.request.get(`${suite.baseUrl}/api/requests?tab=new&limit=1`)).json())
    .counts as Counts;
  expect(counts).toEqual(expected);
  return expected;
}

/** Gestion des dossiers in the menu, and each of the 7 onglets with its count. */
async function expectFolderTabs(page: Page, delta: Counts): Promise<void> {
  const expected = await expectCounts(delta);
  await salesMenu(page).getByRole('link', { name: 'Gestion des dossiers' }).click();
  const tabs = page.getByRole('tablist', { name: 'Onglets des dossiers' });
  for (const [label, key] of FOLDER_TABS) {
    await tabs.getByRole('tab', { name: `${label} ${expected[key]}` }).waitFor();
  }
}

/** Gestion des dossiers → `tab` → the customer's row: the file page. */
async function openFolder(page: Page, tab: string, name: string): Promise<void> {
  await salesMenu(page).getByRole('link', { name: 'Gestion des dossiers' }).click();
  await page
    .getByRole('tablist', { name: 'Onglets des dossiers' })
    .getByRole('tab', { name: new RegExp(`^${tab} `) })
    .click();
  await page
    .getByRole('table', { name: new RegExp(`^Dossiers de l’onglet « ${tab} »`) })
    .getByRole('row')
    .filter({ hasText: name })
    .click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Gestion des demandes → the customer's row: the file page. */
async function openRequest(page: Page, name: string): Promise<void> {
  await salesMenu(page).getByRole('link', { name: 'Gestion des demandes' }).click();
  await page
    .getByRole('table', { name: 'Demandes, la plus récente activité en premier' })
    .getByRole('row')
    .filter({ hasText: name })
    .click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

const field = (name: string) => customer.locator(`[name="${name}"]`);

async function fillIdentity(who: { firstName: string; lastName: string; email: string }): Promise<void> {
  await field('customer.firstName').fill(who.firstName);
  await field('customer.lastName').fill(who.lastName);
  await field('customer.email').fill(who.email);
  await field('customer.phone').fill('06 12 34 56 78');
}

/** Waits for the ALTCHA widget's proof of work, photographs the form, sends it, reads the number. */
async function send(name: string): Promise<string> {
  await customer.waitForFunction(() => {
    const widget = document.querySelector('altcha-widget') as (Element & { getState?: () => string }) | null;
    return widget?.getState?.() === 'verified';
  });
  await expectNoSidewaysScroll(customer);
  await shoot(customer, name);
  await customer.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await customer.waitForURL(/\/merci\?n=/);
  await customer.getByRole('heading', { name: 'Merci, c’est envoyé !' }).waitFor();
  const text = (await customer.locator('[data-request-number]').textContent()) ?? '';
  const number = /n° (\d{4}-\d{5})/.exec(text)?.[1];
  expect(number).toBeDefined();
  return number!;
}

/** The customer's private page: its total. */
const portalTotal = () => customer.locator('[data-total]').textContent();

/** On the customer's page, "Payer …" → the sandbox's checkout → "paiement accepté" → back. */
async function payInSandbox(button: string, amount: string, left: string, name: string): Promise<void> {
  const pay = customer.getByRole('button', { name: new RegExp(`^${button}`) });
  await expect(pay.textContent()).resolves.toMatch(money(amount));
  await pay.click();
  await customer.waitForURL(/\/pay\/sandbox\/sbx_cs_/);
  await customer.getByText(money(amount)).first().waitFor();
  await shoot(customer, name);
  const accept = customer.getByRole('button', { name: 'paiement accepté' });
  // Big enough to tap on a phone.
  expect((await accept.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await accept.click();
  await customer.waitForURL(/\/c\/[^?]+\?paiement=/);
  await poll(() => customer.locator('main').getAttribute('data-live-ready')).toBe('1');
  // The sandbox's webhook waits in the outbox like a provider's would; delivered now, and the
  // customer's page shows what is left without being reloaded.
  await suite.server.deps.outbox.drain();
  await poll(() => customer.locator('[data-due]').textContent()).toMatch(money(left));
}

describe('the tutorial, from the forms to the archive', { timeout: 180_000 }, () => {
  test('1 · three customers write from their phones: VEL, contact, sur mesure', async () => {
    customer = await suite.guest(PHONE);
    await customer.goto(`${suite.baseUrl}/f/demo/vel`);
    await expect(customer.locator('h1').textContent()).resolves.toBe('Réserver un cours');
    await fillIdentity(VEL);
    await field('participants.0.firstName').fill(VEL.children[0]!);
    await field('participants.0.birthDate').fill('2017-02-10');
    await field('participants.0.level').selectOption('beginner');
    await customer.getByRole('button', { name: '+ Ajouter un participant' }).click();
    await field('participants.1.firstName').fill(VEL.children[1]!);
    await field('participants.1.birthDate').fill('2019-06-01');
    await field('participants.1.level').selectOption('beginner');
    await field('productType').selectOption('cours_collectif');
    await field('practice').selectOption('ski_alpin');
    await field('dates.from').fill(dayFromNow(30));
    await field('dates.to').fill(dayFromNow(35));
    await field('message').fill('Des cours le matin pour nos deux enfants, pendant les vacances.');
    numbers.vel = await send('01-form-vel-phone');

    await customer.goto(`${suite.baseUrl}/f/demo/contact`);
    await fillIdentity(CONTACT);
    await field('message').fill(CONTACT_MESSAGE);
    numbers.contact = await send('01-form-contact-phone');

    await customer.goto(`${suite.baseUrl}/f/demo/sur-mesure`);
    await fillIdentity(CUSTOM);
    await field('participants.0.firstName').fill(CUSTOM.firstName);
    await field('participants.0.birthDate').fill('1988-09-21');
    await field('participants.0.level').selectOption('intermediate');
    await field('practice').selectOption('ski_alpin');
    await field('lessonLanguage').selectOption('fr');
    await field('dates.from').fill(dayFromNow(20));
    await field('dates.to').fill(dayFromNow(22));
    await customer.getByLabel('Matin').check();
    await field('duration').selectOption('half_day');
    await field('sessions').fill('3');
    await field('instructorId').selectOption({ label: `${INSTRUCTOR} (FR, ES)` });
    await field('message').fill('Trois matinées pour progresser en hors-piste, avec le même moniteur.');
    numbers.custom = await send('01-form-sur-mesure-phone');

    // Two simple requests and a new dossier.
    await expectCounts({ request: 2, new: 1 });
  });

  test('2 · Marie finds them, reads them, sorts, comments, answers and reads the journal', async () => {
    await marie.reload();
    // Gestion des demandes: the VEL and contact requests, with the count.
    await salesMenu(marie).getByRole('link', { name: 'Gestion des demandes' }).click();
    const requests = marie.getByRole('table', { name: 'Demandes, la plus récente activité en premier' });
    for (const [who, number] of [
      [nameOf(VEL), numbers.vel],
      [nameOf(CONTACT), numbers.contact],
    ] as const) {
      await requests.getByRole('row').filter({ hasText: who }).getByText(number).waitFor();
    }
    await marie.getByText(`${before.request! + 2} demandes`, { exact: true }).waitFor();
    await expectNoSidewaysScroll(marie);
    await shoot(marie, '02-gestion-des-demandes', false);

    // Nouveaux dossiers: the custom request.
    await expectFolderTabs(marie, { request: 2, new: 1 });
    await marie
      .getByRole('table', { name: /^Dossiers de l’onglet « Nouveaux dossiers »/ })
      .getByRole('row')
      .filter({ hasText: nameOf(CUSTOM) })
      .getByText(numbers.custom)
      .waitFor();
    await shoot(marie, '02-nouveaux-dossiers', false);

    // Conversation: what each form said.
    await openRequest(marie, nameOf(VEL));
    files.vel = marie.url().split('/').pop()!;
    await conversation(marie).getByText('Formulaire VEL').waitFor();
    await conversation(marie).getByText(VEL.children[0]!, { exact: true }).waitFor();
    await conversation(marie)
      .getByText(/10\/02\/2017/)
      .waitFor();
    await conversation(marie).getByText('Cours collectif', { exact: true }).waitFor();
    await conversation(marie).getByText('Ski alpin', { exact: true }).waitFor();
    await conversation(marie)
      .getByText(/Des cours le matin pour nos deux enfants/)
      .waitFor();
    await shoot(marie, '02-conversation-vel', false);

    await openFolder(marie, 'Nouveaux dossiers', nameOf(CUSTOM));
    files.custom = marie.url().split('/').pop()!;
    await conversation(marie).getByText('Dossier créé depuis la vente').waitFor();
    await expectStatus(marie, 'Nouveau dossier');
    await shoot(marie, '02-conversation-sur-mesure', false);

    // A notification: "Accéder au dossier" opens the contact request.
    const { unread } = (await (await marie.request.get(`${suite.baseUrl}/api/notifications`)).json()) as {
      unread: number;
    };
    expect(unread).toBeGreaterThan(0);
    await marie
      .getByRole('button', { name: `Notifications : ${unread} ${unread === 1 ? 'non lue' : 'non lues'}` })
      .click();
    const item = marie
      .getByRole('dialog', { name: 'Notifications' })
      .getByRole('listitem')
      .filter({ hasText: `Nouvelle demande de ${nameOf(CONTACT)}` });
    await item.waitFor();
    await shoot(marie, '02-notification', false);
    await item.getByRole('button', { name: /^Accéder au dossier/ }).click();
    await marie.getByRole('heading', { level: 1, name: nameOf(CONTACT) }).waitFor();
    files.contact = marie.url().split('/').pop()!;
    await expectStatus(marie, 'Demande simple');
    await conversation(marie).getByText(CONTACT_MESSAGE).waitFor();

    // The Dossier onglet: category, the customer's language, Commentaire client, a reply, the journal.
    await marie.getByRole('combobox', { name: 'Catégorie' }).click();
    await marie.getByRole('option', { name: 'Groupes', exact: true }).click();
    await journal(marie).getByText('Marie Dupont a changé la catégorie en « Groupes »').waitFor();
    await marie.getByRole('button', { name: /^Langue du client : Français/ }).click();
    await marie.getByRole('menuitem', { name: 'Anglais' }).click();
    await journal(marie).getByText('Marie Dupont a changé la langue du client en anglais').waitFor();
    await marie
      .getByRole('textbox', { name: 'Commentaire client' })
      .fill('Comité d’entreprise : rappeler le lundi.');
    await marie.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await journal(marie).getByText('Marie Dupont a modifié le commentaire client').waitFor();
    const reply = marie.getByRole('textbox', { name: 'Répondre au client' });
    await reply.fill('Hello Thomas, yes: telemark lessons run on weekdays, mornings or afternoons.');
    await marie.getByRole('button', { name: 'Envoyer' }).click();
    await conversation(marie)
      .getByRole('listitem')
      .filter({ hasText: 'telemark lessons run on weekdays' })
      .getByText('Marie Dupont')
      .waitFor();
    await journal(marie).getByText('Marie Dupont a répondu au client').waitFor();
    expect(
      await journal(marie)
        .getByText(/^Marie Dupont a /)
        .count(),
    ).toBeGreaterThanOrEqual(4);
    await expectNoSidewaysScroll(marie);
    await shoot(marie, '02-dossier-contact');
    // The reply goes to Thomas by e-mail, in English now.
    await suite.server.deps.outbox.drain();
    const toThomas = await customerMailsInOutbox(suite.server.deps.db.kysely, { to: CONTACT.email });
    expect(toThomas.at(-1)).toMatchObject({ language: 'en', params: { template: 'staff_reply' } });
  });

  test('3 · Cours de ski + the insurance on the VEL request, ÉDITER on the custom one; a payment link and a quote', async () => {
    // The VEL request: "Ajouter une prestation" → "Cours de ski" for the two children.
    await openRequest(marie, nameOf(VEL));
    await devisTab(marie).click();
    await services(marie)
      .getByText(/Aucune prestation/)
      .waitFor();
    await marie.getByRole('button', { name: 'Ajouter une prestation' }).click();
    await marie.getByRole('menu').getByRole('menuitem', { name: 'Cours de ski' }).click();
    await dialog(marie).getByRole('heading', { name: 'Cours de ski' }).waitFor();
    const firstNames = dialog(marie).getByRole('textbox', { name: /^Prénom du participant/ });
    await expect(firstNames.count()).resolves.toBe(2);
    await expect(firstNames.nth(0).inputValue()).resolves.toBe(VEL.children[0]);
    await expect(firstNames.nth(1).inputValue()).resolves.toBe(VEL.children[1]);
    await dialog(marie)
      .getByLabel(/^Cours/)
      .click();
    await marie.getByRole('option', { name: /Cours collectif enfants — Flocon/ }).click();
    const session = dialog(marie).locator('.mantine-RadioCard-card:not([data-disabled])').first();
    await expect(session.textContent()).resolves.toMatch(/Dates demandées/);
    await session.click();
    await shoot(marie, '03-cours-de-ski', false);
    await dialog(marie).getByRole('button', { name: 'Ajouter la prestation' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await expectStatus(marie, 'Dossier en cours');
    await poll(() => devisTab(marie).textContent()).toMatch(
      new RegExp(`^Devis · 1 · ${money(LESSON).source}$`),
    );

    // The optional insurance, one per child.
    await marie.getByRole('button', { name: 'Ajouter une prestation' }).click();
    await marie.getByRole('menuitem', { name: 'Ajouter une option' }).click();
    await expect(
      dialog(marie)
        .getByLabel(/^Option/)
        .inputValue(),
    ).resolves.toMatch(/Assurance Carré Neige/);
    await expect(dialog(marie).getByLabel('Quantité').inputValue()).resolves.toBe('2');
    await dialog(marie).getByRole('button', { name: 'Ajouter l’option' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await services(marie)
      .getByRole('listitem')
      .filter({ hasText: /Assurance Carré Neige/ })
      .getByText('Option', { exact: true })
      .waitFor();
    await poll(() => devisTab(marie).textContent()).toMatch(
      new RegExp(`^Devis · 2 · ${money(WITH_INSURANCE).source}$`),
    );
    await expectFolderTabs(marie, { request: 1, new: 1, in_progress: 1 });

    // The custom request: "ÉDITER", the instructor's availability, adjusted, validated.
    await openFolder(marie, 'Nouveaux dossiers', nameOf(CUSTOM));
    await devisTab(marie).click();
    await poll(() => devisTab(marie).textContent()).toBe('Devis · 1 · À chiffrer');
    const lesson = services(marie).getByRole('listitem').first();
    await lesson.getByRole('button', { name: 'Éditer' }).click();
    await dialog(marie).getByRole('heading', { name: 'Éditer — esf sur mesure' }).waitFor();
    expect(await dialog(marie).getByLabel('Premier jour').inputValue()).toBe(dayFromNow(20));
    expect(await dialog(marie).getByLabel('Moniteur', { exact: true }).inputValue()).toBe(INSTRUCTOR);
    await dialog(marie)
      .getByRole('status')
      .getByText(`${INSTRUCTOR} est disponible sur ces dates.`)
      .waitFor();
    await dialog(marie).getByLabel('Heures par séance').fill('3');
    await dialog(marie).getByLabel('Prix TTC').fill('360');
    await shoot(marie, '03-editer-sur-mesure', false);
    await dialog(marie).getByRole('button', { name: 'Valider', exact: true }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await expectStatus(marie, 'Dossier en cours');
    await poll(() => devisTab(marie).textContent()).toMatch(
      new RegExp(`^Devis · 1 · ${money(CUSTOM_PRICE).source}$`),
    );
    await expect(lesson.textContent()).resolves.toContain(`Moniteur : ${INSTRUCTOR}`);
    await expectFolderTabs(marie, { request: 1, in_progress: 2 });

    // A quote for the custom lesson.
    await openFolder(marie, 'Dossier en cours', nameOf(CUSTOM));
    await devisTab(marie).click();
    await marie.getByRole('button', { name: 'Envoyer un devis' }).click();
    await dialog(marie).getByRole('heading', { name: 'Envoyer un devis' }).waitFor();
    await dialog(marie).getByText(money(CUSTOM_PRICE)).first().waitFor();
    await dialog(marie).getByRole('button', { name: 'Envoyer le devis' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await marie.getByText(`Devis envoyé à ${CUSTOM.email}.`).waitFor();
    await expectStatus(marie, 'En attente de paiement');
    await marie
      .getByRole('region', { name: 'Devis et liens envoyés' })
      .getByText(/^DEV-\d{4}-\d{4}$/)
      .waitFor();

    // A payment link for the 30 % deposit on the VEL dossier.
    await openFolder(marie, 'Dossier en cours', nameOf(VEL));
    await devisTab(marie).click();
    await marie.getByRole('button', { name: 'Envoyer un lien de paiement' }).click();
    await dialog(marie).getByRole('heading', { name: 'Envoyer un lien de paiement' }).waitFor();
    const deposit = dialog(marie).getByRole('radio', { name: /^Acompte de 30 %/ });
    expect(await deposit.isChecked()).toBe(true);
    await dialog(marie).getByText(money(DEPOSIT)).first().waitFor();
    await shoot(marie, '03-lien-de-paiement', false);
    await dialog(marie).getByRole('button', { name: 'Envoyer le lien' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await marie.getByText(`Lien de paiement envoyé à ${VEL.email}.`).waitFor();
    await expectStatus(marie, 'En attente de paiement');
    await marie
      .getByRole('region', { name: 'Devis et liens envoyés' })
      .getByText(/^LP-\d{4}-\d{4}$/)
      .waitFor();
    await shoot(marie, '03-devis-vel');
    await expectFolderTabs(marie, { request: 1, awaiting_payment: 2 });
  });

  test('4 · Sophie opens the link of her e-mail, removes the insurance, pays the deposit, writes; Luc sees it live', async () => {
    // The e-mail, as the development outbox shows it to the admin.
    await suite.server.deps.outbox.drain();
    admin = await suite.signIn(ADMIN, DESKTOP, { keep: true });
    await admin.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
    await admin
      .getByRole('navigation', { name: 'Rubriques des paramètres' })
      .getByRole('link', { name: 'Boîte d’envoi' })
      .first()
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Boîte d’envoi (développement)' }).waitFor();
    await admin.getByText(VEL.email).first().waitFor();
    await shoot(admin, '04-boite-d-envoi', false);
    const mail = (await customerMailsInOutbox(suite.server.deps.db.kysely, { to: VEL.email })).find(
      (m) => m.params.template === 'payment_link',
    );
    expect(mail?.fileNumber).toBe(numbers.vel);
    expect(mail?.text).toContain(mail!.link);
    privateLink = mail!.link;

    // Luc has the dossier open.
    luc = await suite.signIn(LUC, DESKTOP, { keep: true });
    await luc.goto(`${suite.baseUrl}/app/dossiers/${files.vel}`);
    await luc.getByRole('heading', { level: 1, name: nameOf(VEL) }).waitFor();
    await expectStatus(luc, 'En attente de paiement');

    customer = await suite.guest(PHONE);
    await customer.goto(privateLink);
    await poll(() => customer.locator('main').getAttribute('data-live-ready')).toBe('1');
    expect(await customer.locator('h1').textContent()).toBe(`Dossier n° ${numbers.vel}`);
    await poll(portalTotal).toMatch(money(WITH_INSURANCE));
    await expectNoSidewaysScroll(customer);
    await shoot(customer, '04-portail');

    await customer.getByRole('button', { name: /^Retirer : Assurance/ }).click();
    await customer.waitForURL(/ok=removed/);
    await poll(portalTotal).toMatch(money(LESSON));
    await payInSandbox('Payer l’acompte', DEPOSIT, BALANCE, '04-sandbox-acompte');
    await poll(() => customer.locator('main').getAttribute('data-live-ready')).toBe('1');

    await customer
      .getByLabel('Votre message à l’école')
      .fill('Merci ! Hugo et Lina ont hâte. Faut-il des casques ?');
    await customer.getByRole('button', { name: 'Envoyer' }).click();
    await customer.waitForURL(/ok=reply/);
    await shoot(customer, '04-portail-apres');

    // Luc sees all of it arrive without reloading.
    await expectStatus(luc, 'Acompte versé');
    await conversation(luc)
      .getByText(/Faut-il des casques/)
      .waitFor();
    await luc.getByRole('tab', { name: 'Paiement' }).click();
    const summary = luc.getByRole('region', { name: 'Paiement', exact: true });
    await summary.getByText(money(BALANCE)).first().waitFor();
    await shoot(luc, '04-luc-acompte-verse');
    await expectFolderTabs(marie, { request: 1, awaiting_payment: 1, deposit_paid: 1 });
  });

  test('5 · the balances are paid, the POS software imports the online lines, "Saisi dans logiciel": « Commande traitée »', async () => {
    // Online, by Sophie.
    customer = await suite.guest(PHONE);
    await customer.goto(privateLink);
    await payInSandbox('Payer le solde', BALANCE, '0,00', '05-sandbox-solde');
    await expectStatus(luc, 'Paiement soldé');

    // By cheque at the desk, for Nadia.
    await openFolder(marie, 'En attente de paiement', nameOf(CUSTOM));
    await marie.getByRole('tab', { name: 'Paiement' }).click();
    const summary = marie.getByRole('region', { name: 'Paiement', exact: true });
    await summary.getByRole('button', { name: 'Ajouter un paiement manuel' }).click();
    await dialog(marie).getByRole('heading', { name: 'Ajouter un paiement manuel' }).waitFor();
    expect(
      await dialog(marie)
        .getByRole('textbox', { name: /^Montant/ })
        .inputValue(),
    ).toBe('360');
    expect(
      await dialog(marie)
        .getByLabel(/^Mode de paiement/)
        .inputValue(),
    ).toBe('Chèque');
    await dialog(marie)
      .getByLabel(/^Numéro du chèque/)
      .fill('0047110');
    await shoot(marie, '05-paiement-manuel', false);
    await dialog(marie).getByRole('button', { name: 'Enregistrer le paiement' }).click();
    await dialog(marie).waitFor({ state: 'detached' });
    await expectStatus(marie, 'Paiement soldé');
    await summary.getByText('Rien ne reste à payer sur ce dossier.').waitFor();
    await expectFolderTabs(marie, { request: 1, paid: 2 });

    // The POS software: a key from Paramètres → Logiciel de caisse, then its API.
    await admin
      .getByRole('navigation', { name: 'Rubriques des paramètres' })
      .getByRole('link', { name: 'Logiciel de caisse' })
      .first()
      .click();
    await admin.getByRole('button', { name: 'Créer une clé' }).click();
    await dialog(admin).getByLabel('Nom de la clé').fill('Caisse 4807');
    await dialog(admin).getByRole('button', { name: 'Créer la clé' }).click();
    const key = (await admin.getByTestId('pos-key-value').textContent())!.trim();
    await dialog(admin).getByRole('button', { name: 'J’ai copié la clé' }).click();
    // The POS software is its own client: no cookie, only its key.
    const pos = { authorization: `Bearer ${key}` };
    const ready = await fetch(`${suite.baseUrl}/api/pos/v1/orders?state=ready`, { headers: pos });
    expect(ready.status, await ready.clone().text()).toBe(200);
    const { orders } = (await ready.json()) as {
      orders: { number: string; totalCents: number; paidCents: number; lines: { label: string }[] }[];
    };
    // Only Sophie's: the custom lesson is not sold online; her removed insurance is not there.
    expect(orders).toEqual([
      expect.objectContaining({ number: numbers.vel, totalCents: 47_800, paidCents: 47_800 }),
    ]);
    expect(orders[0]!.lines.map((l) => l.label)).toEqual([
      expect.stringMatching(/^Cours collectif enfants — Flocon/),
    ]);
    const ack = await fetch(`${suite.baseUrl}/api/pos/v1/orders/${numbers.vel}/ack`, {
      method: 'POST',
      headers: pos,
    });
    expect(ack.status, await ack.clone().text()).toBe(200);
    expect(await ack.json()).toMatchObject({ importedLines: 1, status: 'processed' });
    await expectStatus(luc, 'Commande traitée');
    await admin.reload();
    await admin
      .getByText(new RegExp(`Caisse 4807 a marqué le dossier ${numbers.vel} comme importé`))
      .waitFor();
    await shoot(admin, '05-logiciel-de-caisse', false);

    // "Saisi dans logiciel" for the custom lesson.
    await openFolder(marie, 'Paiement soldé', nameOf(CUSTOM));
    // The box follows the server's answer (not ticked before it), so a click, then its state.
    const entered = marie.getByRole('checkbox', { name: 'Saisi dans logiciel' });
    await entered.click();
    await poll(() => entered.isChecked()).toBe(true);
    await marie.getByText('« Saisi dans logiciel » est coché.').waitFor();
    await expectStatus(marie, 'Commande traitée');
    await shoot(marie, '05-saisi-dans-logiciel');
    await expectFolderTabs(marie, { request: 1, processed: 2 });
  });

  test('6 · "Archiver": only the conversation and the ledger remain, in « Archivé »', async () => {
    for (const who of [CUSTOM, VEL]) {
      await openFolder(marie, 'Commande traitée', nameOf(who));
      await marie.getByRole('button', { name: 'Archiver', exact: true }).click();
      await dialog(marie)
        .getByRole('heading', { name: /^Archiver le dossier \d{4}-\d{5} \?$/ })
        .waitFor();
      if (who === VEL) await shoot(marie, '06-archiver', false);
      await dialog(marie).getByRole('button', { name: 'Archiver et effacer' }).click();
      await dialog(marie).waitFor({ state: 'detached' });
      await expectStatus(marie, 'Archivé');
      await marie.getByRole('alert').getByText('Dossier archivé', { exact: true }).waitFor();
      await marie.getByText(/^Le contenu de la commande a été effacé\. Restent la conversation/).waitFor();
    }
    // Sophie's dossier: the conversation, the totals and the payments' ledger are still there;
    // the order's content (the children, the link) is gone.
    await conversation(marie)
      .getByText(/Faut-il des casques/)
      .waitFor();
    await devisTab(marie).click();
    const lessonLine = services(marie)
      .getByRole('listitem')
      .filter({ hasText: /Cours collectif enfants — Flocon/ });
    await lessonLine.waitFor();
    await poll(() => devisTab(marie).textContent()).toMatch(
      new RegExp(`^Devis · 1 · ${money(LESSON).source}$`),
    );
    await lessonLine.getByText('Payé', { exact: true }).waitFor();
    // The insurance Sophie removed is shown removed, not paid.
    const removed = services(marie)
      .getByRole('listitem')
      .filter({ hasText: /Assurance Carré Neige/ });
    await removed.getByText('Retirée par le client').waitFor();
    expect(await removed.getByText('Payé', { exact: true }).count()).toBe(0);
    await shoot(marie, '06-archive-devis');
    expect(await services(marie).textContent()).not.toMatch(new RegExp(VEL.children.join('|')));
    // What was sent is still said (from the journal, like its sentence there), but nothing of
    // the offers remains to open or act on: no PDF, no « Prolonger ».
    const sent = marie.getByRole('region', { name: 'Devis et liens envoyés' });
    await sent
      .getByText(/^LP-\d{4}-\d{4}$/)
      .first()
      .waitFor();
    expect(await sent.getByRole('link').count()).toBe(0);
    expect(await sent.getByRole('button').count()).toBe(0);
    await marie.getByRole('tab', { name: 'Paiement' }).click();
    const ledger = marie.getByRole('region', { name: 'Paiements et remboursements' });
    await ledger.getByText(money(DEPOSIT)).first().waitFor();
    await ledger.getByText(money(BALANCE)).first().waitFor();
    await shoot(marie, '06-archive');
    await expectFolderTabs(marie, { request: 1, archived: 2 });
    await shoot(marie, '06-gestion-des-dossiers', false);
  });
});
