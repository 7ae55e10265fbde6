import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  collectPageProblems,
  type DemoServer,
  dayFromNow,
  launchBrowser,
  type PersistentBrowser,
  SCREENSHOTS,
  startDemoServer,
} from '../support/e2e.js';

const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
  wide: { width: 1440, height: 900 },
} as const;
type ViewportName = keyof typeof VIEWPORTS;

let server: DemoServer | undefined;
let deps: DemoServer['deps'] | undefined;
let browser: PersistentBrowser | undefined;
let baseUrl = '';
let pageProblems: string[] = [];

beforeAll(async () => {
  server = await startDemoServer({
    env: { LOG_LEVEL: 'silent' },
    // The widget takes at least half a second to verify, so a 500 ms minimum fill time is met by
    // any real submission; a lighter proof of work keeps the run short.
    config: (base) => ({
      ...base,
      intake: { ...base.intake, minFillMs: 500, powCost: 200, powCounterMin: 100, powCounterMax: 400 },
    }),
  });
  ({ deps, url: baseUrl } = server);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let page: Page;
beforeEach(async () => {
  pageProblems = [];
  page = await browser!.context.newPage();
  collectPageProblems(page, pageProblems, /status of (400|404)/);
});
afterEach(async () => {
  await page.close();
  expect(pageProblems).toEqual([]);
});

async function open(path: string, viewport: ViewportName): Promise<void> {
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.goto(`${baseUrl}${path}`);
}

const field = (name: string) => page.locator(`[name="${name}"]`);

async function fillIdentity(tag: string): Promise<string> {
  const email = `${tag}-${Date.now()}@exemple.fr`;
  await field('customer.firstName').fill('Camille');
  await field('customer.lastName').fill('Rousseau');
  await field('customer.email').fill(email);
  await field('customer.phone').fill('06 12 34 56 78');
  return email;
}

/** Submits, lets the ALTCHA widget finish its proof of work, and reads the number given. */
async function submitAndReadNumber(): Promise<string> {
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await page.waitForURL(/\/merci\?n=/);
  await expect(page.getByRole('heading', { name: 'Merci, c’est envoyé !' }).isVisible()).resolves.toBe(true);
  const text = (await page.locator('[data-request-number]').textContent()) ?? '';
  const number = /n° (\d{4}-\d{5})/.exec(text)?.[1];
  expect(number).toBeDefined();
  return number!;
}

/** The widget verifies on first focus; waiting for it makes the screenshot show the ticked box. */
async function waitForVerification(): Promise<void> {
  await page.waitForFunction(() => {
    const widget = document.querySelector('altcha-widget') as (Element & { getState?: () => string }) | null;
    return widget?.getState?.() === 'verified';
  });
}

async function requestByNumber(number: string) {
  return deps!.db.kysely
    .selectFrom('requests')
    .innerJoin('schools', 'schools.id', 'requests.school_id')
    .select(['requests.id', 'requests.source', 'requests.status'])
    .where('schools.slug', '=', 'demo')
    .where('requests.number', '=', number)
    .executeTakeFirstOrThrow();
}

async function noHorizontalScroll(): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the public forms in a real browser', () => {
  for (const viewport of ['phone', 'desktop'] as const) {
    test(`VEL form on a ${viewport}: two participants, a simple request with its number`, async () => {
      await open('/f/demo/vel', viewport);
      await expect(page.locator('h1').textContent()).resolves.toBe('Réserver un cours');
      await fillIdentity(`vel-${viewport}`);
      await field('participants.0.firstName').fill('Léo');
      await field('participants.0.birthDate').fill('2018-03-14');
      await field('participants.0.level').selectOption('beginner');
      await page.getByRole('button', { name: '+ Ajouter un participant' }).click();
      await field('participants.1.firstName').fill('Inès');
      await field('participants.1.birthDate').fill('2020-07-02');
      await field('participants.1.level').selectOption('first_time');
      await field('productType').selectOption('cours_collectif');
      await field('practice').selectOption('ski_alpin');
      await field('dates.from').fill(dayFromNow(30));
      await field('dates.to').fill(dayFromNow(35));
      await field('message').fill('Des cours le matin pour les deux enfants, si possible.');
      await waitForVerification();
      await noHorizontalScroll();
      await page.screenshot({
        path: join(SCREENSHOTS, viewport === 'desktop' ? 'form-vel.png' : 'form-vel-phone.png'),
        fullPage: true,
      });
      const number = await submitAndReadNumber();
      await expect(requestByNumber(number)).resolves.toMatchObject({ source: 'vel', status: 'request' });
      const participants = await deps!.db.kysely
        .selectFrom('messages')
        .select('payload_json')
        .where('request_id', '=', (await requestByNumber(number)).id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(participants.payload_json!).participants).toHaveLength(2);
    });

    test(`contact form on a ${viewport}: a simple request with its number`, async () => {
      await open('/f/demo/contact', viewport);
      await fillIdentity(`contact-${viewport}`);
      await field('message').fill('Bonjour, proposez-vous des cours pour adultes débutants en semaine ?');
      await waitForVerification();
      await noHorizontalScroll();
      await page.screenshot({
        path: join(SCREENSHOTS, viewport === 'desktop' ? 'form-contact.png' : 'form-contact-phone.png'),
        fullPage: true,
      });
      const number = await submitAndReadNumber();
      await expect(requestByNumber(number)).resolves.toMatchObject({ source: 'contact', status: 'request' });
      if (viewport === 'desktop') await page.screenshot({ path: join(SCREENSHOTS, 'form-thanks.png') });
    });

    test(`custom-lesson form on a ${viewport}: a new dossier with its number`, async () => {
      await open('/f/demo/sur-mesure', viewport);
      await fillIdentity(`custom-${viewport}`);
      await field('participants.0.firstName').fill('Camille');
      await field('participants.0.birthDate').fill('1990-05-09');
      await field('participants.0.level').selectOption('advanced');
      await field('practice').selectOption('ski_de_randonnee');
      await field('lessonLanguage').selectOption('fr');
      await field('dates.from').fill(dayFromNow(20));
      await field('dates.to').fill(dayFromNow(22));
      await page.getByLabel('Matin').check();
      await field('duration').selectOption('half_day');
      await field('sessions').fill('3');
      await field('instructorId').selectOption({ index: 1 });
      await field('message').fill('Première sortie en randonnée, nous avons le matériel.');
      await waitForVerification();
      await noHorizontalScroll();
      await page.screenshot({
        path: join(SCREENSHOTS, viewport === 'desktop' ? 'form-sur-mesure.png' : 'form-sur-mesure-phone.png'),
        fullPage: true,
      });
      const number = await submitAndReadNumber();
      await expect(requestByNumber(number)).resolves.toMatchObject({ source: 'custom', status: 'new' });
    });
  }

  test('the number of sessions starts empty: clicking it and typing 3 gives 3', async () => {
    await open('/f/demo/sur-mesure', 'desktop');
    await expect(field('sessions').inputValue()).resolves.toBe('');
    await expect(field('sessions').getAttribute('placeholder')).resolves.toBe('ex. 3');
    await field('sessions').click();
    await page.keyboard.type('3');
    await expect(field('sessions').inputValue()).resolves.toBe('3');
  });

  test('the message counts its characters live and a message too long is refused, not cut', async () => {
    await open('/f/demo/contact', 'phone');
    const counter = page.locator('[data-field="message"] [data-counter]');
    await expect(counter.textContent()).resolves.toBe('0 / 5\u202f000 caractères');
    await fillIdentity('long-message');
    await field('message').fill('a'.repeat(4_990));
    await expect(counter.textContent()).resolves.toBe('4\u202f990 / 5\u202f000 caractères');
    await field('message').press('End');
    await page.keyboard.type(' encore un mot');
    await expect(counter.textContent()).resolves.toBe('5\u202f004 / 5\u202f000 caractères : 4 de trop');
    await expect(counter.getAttribute('class')).resolves.toBe('counter is-over');
    await expect(field('message').inputValue()).resolves.toHaveLength(5_004);
    await page
      .locator('[data-field="message"]')
      .screenshot({ path: join(SCREENSHOTS, 'form-message-counter.png') });

    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    const error = page.locator('[data-field="message"] .error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe(
      'Le message est trop long : 5\u202f004 caractères pour 5\u202f000 au plus. Raccourcissez-le.',
    );
    await expect(field('message').inputValue()).resolves.toHaveLength(5_004);
    await page.screenshot({ path: join(SCREENSHOTS, 'form-message-too-long.png'), fullPage: true });
  });

  test('the e-mail’s personal link opens the customer’s page; a wrong link says so', async () => {
    const mails = await deps!.db.kysely
      .selectFrom('outbox')
      .select('payload_json')
      .where('kind', '=', 'customer_email')
      .execute();
    const mail = mails
      .map((m) => JSON.parse(m.payload_json) as { to: string; link: string })
      .find((m) => m.to === 'elodie.marchand@example.fr')!;
    const link = new RegExp(`${baseUrl}/c/[A-Za-z0-9_-]{43}`).exec(mail.link)![0];
    for (const viewport of ['phone', 'desktop', 'wide'] as const) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await page.goto(link);
      await expect(page.locator('h1').textContent()).resolves.toMatch(/^Dossier n° \d{4}-\d{5}$/);
      await expect(
        page.getByRole('heading', { name: 'Vos échanges avec l’école' }).isVisible(),
      ).resolves.toBe(true);
      await expect(
        page.getByText('L’école prépare votre devis : vous le retrouverez ici dès son envoi.').isVisible(),
      ).resolves.toBe(true);
      await noHorizontalScroll();
      await page.screenshot({
        path: join(SCREENSHOTS, `customer-page-${viewport}.png`),
        fullPage: true,
      });
    }
    await page.getByRole('link', { name: 'EN' }).click();
    await page.waitForURL(/\?lang=en$/);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^File no\. \d{4}-\d{5}$/);

    await page.setViewportSize(VIEWPORTS.phone);
    const wrong = await page.goto(link.slice(0, -4));
    expect(wrong?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Lien non valable');
    await noHorizontalScroll();
    await page.screenshot({ path: join(SCREENSHOTS, 'customer-page-invalid-phone.png'), fullPage: true });
  });

  test('a validation error is shown beside its field, what was typed is kept', async () => {
    await open('/f/demo/contact', 'phone');
    await field('customer.firstName').fill('Camille');
    await field('customer.lastName').fill('Rousseau');
    await field('customer.email').fill('camille@exemple');
    await field('message').fill('Bonjour, quels sont vos horaires ?');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    const error = page.locator('[data-field="customer.email"] .error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe('Adresse e-mail invalide.');
    await expect(field('customer.email').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field('customer.email').inputValue()).resolves.toBe('camille@exemple');
    await expect(field('message').inputValue()).resolves.toBe('Bonjour, quels sont vos horaires ?');
    await page.screenshot({ path: join(SCREENSHOTS, 'form-error.png'), fullPage: true });

    await field('customer.email').fill('camille.rousseau@exemple.fr');
    const number = await submitAndReadNumber();
    await expect(requestByNumber(number)).resolves.toMatchObject({ source: 'contact' });
  });
});
