import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { plusDays } from '../../src/domain/time-zone.js';
import type { Catalogue, Devis } from '../../src/shared/contracts/sales.js';
import { ADMIN, apiAs, type DemoServer, MARIE, SCREENSHOTS, staffSuite } from '../support/e2e.js';

/**
 * "ÉDITER" a custom request as a secretary does (issue 9): Élodie Marchand's "esf sur mesure"
 * from "Nouveaux dossiers" opens pre-filled; an instructor with a day off on one of the dates is
 * flagged before anything is saved, another one is chosen and the lesson validated (the file goes
 * to "Dossier en cours"); re-edited with an instructor who teaches another validated lesson that
 * morning, "Valider quand même" asks for a reason that the journal keeps; "Envoyer un devis" puts
 * the file in "En attente de paiement". Counts and amounts checked at each step; photographed at
 * 1280, 1440 and 390 px.
 */

/** The demo's custom-lesson request (src/app/intake/demo-requests.ts): three mornings of ski touring. */
const CUSTOMER = 'Élodie Marchand';
/** The demo's other custom request, validated in the setup so an instructor teaches that morning. */
const OTHER_CUSTOMER = 'Giulia Conti';
const PRICE = '360';
const REASON = 'Mathis a accepté de prendre les deux groupes ensemble.';

interface Setup {
  /** The days Élodie asked for. */
  from: string;
  to: string;
  /** The instructor she asked for (free on her dates). */
  asked: string;
  /** An instructor given a day off on her second day. */
  onDayOff: string;
  /** An instructor teaching Giulia's validated lesson on her first morning, and its file number. */
  teaching: string;
  teachingFile: string;
}
let setup: Setup;

const name = (i: Catalogue['instructors'][number]) => `${i.firstName} ${i.lastName}`;

/** The busy instructors, made so through the app's own API as the admin and a secretary would. */
async function makeInstructorsBusy(server: DemoServer): Promise<void> {
  const asAdmin = await apiAs(server, ADMIN);
  const asMarie = await apiAs(server, MARIE);
  const catalogue = (await asMarie('GET', '/api/catalogue')).json() as Catalogue;
  const list = (tab: string) =>
    asMarie('GET', `/api/requests?tab=${tab}&limit=50`).then(
      (r) => r.json() as { items: { id: string; number: string; customerName: string }[] },
    );
  const files = (await list('new')).items;
  const fileOf = (customer: string) => {
    const found = files.find((f) => f.customerName === customer);
    if (!found) throw new Error(`no custom request of ${customer} in the demo`);
    return found;
  };
  const devisOf = async (id: string) => (await asMarie('GET', `/api/requests/${id}/devis`)).json() as Devis;

  const elodie = await devisOf(fileOf(CUSTOMER).id);
  const line = elodie.lines[0]!;
  const from = line.schedule!.dates!.from;
  const to = line.schedule!.dates!.to!;
  const active = catalogue.instructors.filter((i) => i.isActive);
  const asked = active.find((i) => i.id === line.instructorId)!;
  const [onDayOff, teaching] = active.filter((i) => i.id !== asked.id);

  const dayOff = await asAdmin('POST', `/api/catalogue/instructors/${onDayOff!.id}/days-off`, {
    day: plusDays(from, 1),
    reason: 'Stage de formation',
  });
  if (dayOff.statusCode !== 201) throw new Error(`day off: ${dayOff.body}`);

  const giulia = fileOf(OTHER_CUSTOMER);
  const theirs = await devisOf(giulia.id);
  const validated = await asMarie('POST', `/api/requests/${giulia.id}/custom-lesson`, {
    version: theirs.version,
    lineId: theirs.lines[0]!.id,
    dates: { from, to: null },
    slots: ['morning'],
    hours: 2,
    sessions: 1,
    instructorId: teaching!.id,
    priceCents: 9_000,
  });
  if (validated.statusCode !== 200) throw new Error(`validation: ${validated.body}`);
  setup = {
    from,
    to,
    asked: name(asked),
    onDayOff: name(onDayOff!),
    teaching: name(teaching!),
    teachingFile: giulia.number,
  };
}

// Provoked on purpose: the login page's "who am I" (401) and the reason left empty (none reach
// the server; a 409 would mean the screen let an unflagged clash through).
const suite = staffSuite({ provoked: /status of 401\b/, setup: makeInstructorsBusy });
let page: Page;
/** Every "ÉDITER → Valider" the page posted: nothing is saved while an overlap is only flagged. */
const validations: string[] = [];

beforeAll(async () => {
  page = await suite.signIn(MARIE, { width: 1280, height: 900 }, { keep: true });
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/custom-lesson'))
      validations.push(request.url());
  });
}, 90_000);

const dialog = () => page.getByRole('dialog');
const header = () => page.locator('main').getByText(/^N° /).locator('..');
const devisTab = () => page.getByRole('tab', { name: /^Devis/ });
const services = () => page.getByRole('region', { name: 'Prestations' });
const lesson = () =>
  services()
    .getByRole('listitem')
    .filter({ hasText: /Ski de randonnée/ });
const folderTabs = () => page.getByRole('tablist', { name: 'Onglets des dossiers' });
/** An amount as the page writes it: "360,00 €" (with the narrow space French uses). */
const money = (amount: string) => new RegExp(`^${amount}\\s€$`);

/** The files per Gestion des dossiers onglet, as the server counts them. */
async function counts(): Promise<Record<string, number>> {
  const r = await page.request.get(`${suite.baseUrl}/api/requests?tab=new&limit=1`);
  return (await r.json()).counts;
}

/** Gestion des dossiers, with each onglet's count as the tabs say it. */
async function expectTabCounts(expected: Record<string, number>): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Gestion des dossiers' }).click();
  for (const [label, key] of [
    ['Nouveaux dossiers', 'new'],
    ['Dossier en cours', 'in_progress'],
    ['En attente de paiement', 'awaiting_payment'],
  ] as const) {
    await folderTabs()
      .getByRole('tab', { name: `${label} ${expected[key]}` })
      .waitFor();
  }
}

async function openFileFrom(tab: string): Promise<void> {
  await folderTabs()
    .getByRole('tab', { name: new RegExp(`^${tab} `) })
    .click();
  await page
    .getByRole('table', { name: new RegExp(`^Dossiers de l’onglet « ${tab} »`) })
    .getByRole('row')
    .filter({ hasText: CUSTOMER })
    .click();
  await page.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
}

async function chooseInstructor(instructor: string): Promise<void> {
  await dialog().getByLabel('Moniteur', { exact: true }).click();
  await page.getByRole('option', { name: instructor, exact: true }).click();
}

/** No sideways scroll, and no badge, tab or button label cut short. */
async function expectTidy(): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const doc = document.scrollingElement!;
        return doc.scrollWidth - doc.clientWidth;
      }),
    )
    .toBe(0);
  const cut = await page
    .locator(
      'main .mantine-Badge-label, main [role="tab"], [role="dialog"] .mantine-Badge-label, [role="dialog"] .mantine-Button-label',
    )
    .evaluateAll((all) =>
      all
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.textContent} (${e.scrollWidth} > ${e.clientWidth})`),
    );
  expect(cut).toEqual([]);
}

/** The page at 1280, 1440 and phone width, tidy at each, into custom-<name>-<width>.png. */
async function shootWidths(name: string, fullPage = true): Promise<void> {
  for (const [width, height] of [
    [1280, 900],
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expectTidy();
    await page.screenshot({
      path: join(SCREENSHOTS, `custom-${name}-${width}.png`),
      fullPage,
      animations: 'disabled',
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('ÉDITER a custom request', { timeout: 120_000 }, () => {
  let before: Record<string, number>;

  test('pre-filled from the request; a day off is flagged before saving; another instructor validates it into « Dossier en cours »', async () => {
    before = await counts();
    await expectTabCounts(before);
    await openFileFrom('Nouveaux dossiers');
    await header().getByText('Nouveau dossier', { exact: true }).waitFor();
    await devisTab().click();
    await expect.poll(() => devisTab().textContent()).toBe('Devis · 1 · À chiffrer');
    await lesson().getByText('À chiffrer').first().waitFor();

    await lesson().getByRole('button', { name: 'Éditer' }).click();
    await dialog().getByRole('heading', { name: 'Éditer — esf sur mesure' }).waitFor();
    // What the customer asked for, as she asked it.
    expect(await dialog().getByLabel('Premier jour').inputValue()).toBe(setup.from);
    expect(await dialog().getByLabel('Dernier jour').inputValue()).toBe(setup.to);
    expect(await dialog().getByRole('checkbox', { name: 'Matin' }).isChecked()).toBe(true);
    expect(await dialog().getByRole('checkbox', { name: 'Après-midi' }).isChecked()).toBe(false);
    expect(await dialog().getByLabel('Nombre de séances').inputValue()).toBe('3');
    expect(await dialog().getByLabel('Moniteur', { exact: true }).inputValue()).toBe(setup.asked);
    expect(await dialog().getByLabel('Prénom du participant 1').inputValue()).toBe('Élodie');
    expect(await dialog().getByLabel('Prénom du participant 2').inputValue()).toBe('Marc');
    await dialog().getByRole('status').getByText(`${setup.asked} est disponible sur ces dates.`).waitFor();

    // An instructor with a day off on the second day: flagged at once, nothing saved.
    await chooseInstructor(setup.onDayOff);
    const clash = dialog().getByRole('alert').filter({ hasText: 'n’est pas disponible' });
    await clash.getByText(`${setup.onDayOff} n’est pas disponible un jour de ces dates`).waitFor();
    await clash
      .getByRole('list', { name: `Jours où ${setup.onDayOff} est pris` })
      .getByText(/Jour de repos : Stage de formation/)
      .waitFor();
    await dialog().getByLabel('Heures par séance').fill('3');
    await dialog().getByLabel('Prix TTC').fill(PRICE);
    const anyway = dialog().getByRole('button', { name: 'Valider quand même' });
    await anyway.waitFor();
    await expectTidy();
    await shootWidths('dialog-conflict', false);
    // The first click asks why; still nothing goes to the server.
    await anyway.click();
    await dialog().getByLabel('Raison de la validation malgré le conflit').waitFor();
    expect(validations).toEqual([]);

    // Resolved: the instructor the customer asked for is free on those dates.
    await chooseInstructor(setup.asked);
    await dialog().getByRole('status').getByText(`${setup.asked} est disponible sur ces dates.`).waitFor();
    expect(await dialog().getByLabel('Raison de la validation malgré le conflit').count()).toBe(0);
    await dialog().getByRole('button', { name: 'Valider', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(validations).toHaveLength(1);

    await header().getByText('Dossier en cours', { exact: true }).waitFor();
    await expect.poll(() => devisTab().textContent()).toMatch(/^Devis · 1 · 360,00\s€$/);
    await expect(lesson().textContent()).resolves.toContain(`Moniteur : ${setup.asked}`);
    const totals = page.getByRole('group', { name: 'Totaux du dossier' });
    await totals.getByText(money('327,27')).waitFor();
    await totals.getByText(money('32,73')).waitFor();
    await totals.getByText(money('360,00')).first().waitFor();
    await shootWidths('devis-validated');

    await expectTabCounts({
      ...before,
      new: before.new! - 1,
      in_progress: before.in_progress! + 1,
    });
  });

  test('re-edited with an instructor teaching that morning: « Valider quand même » needs a reason, which the journal keeps', async () => {
    await openFileFrom('Dossier en cours');
    await devisTab().click();
    await lesson().getByRole('button', { name: 'Éditer' }).click();
    await dialog().getByRole('heading', { name: 'Éditer — esf sur mesure' }).waitFor();
    // Validated, the lesson reopens as validated: its hours and price are kept.
    expect(await dialog().getByLabel('Prix TTC').inputValue()).toBe(PRICE);
    expect(await dialog().getByLabel('Heures par séance').inputValue()).toBe('3');

    await chooseInstructor(setup.teaching);
    const clash = dialog().getByRole('alert').filter({ hasText: 'n’est pas disponible' });
    await clash.getByText(new RegExp(`Cours déjà validé : ${setup.teachingFile} · matin`)).waitFor();
    // The same instructor in the afternoon would be free: the overlap is about the slot.
    await dialog().getByRole('checkbox', { name: 'Matin' }).uncheck();
    await dialog().getByRole('checkbox', { name: 'Après-midi' }).check();
    await dialog().getByRole('status').getByText(`${setup.teaching} est disponible sur ces dates.`).waitFor();
    await dialog().getByRole('checkbox', { name: 'Après-midi' }).uncheck();
    await dialog().getByRole('checkbox', { name: 'Matin' }).check();
    await clash.waitFor();

    await dialog().getByRole('button', { name: 'Valider quand même' }).click();
    const reason = dialog().getByLabel('Raison de la validation malgré le conflit');
    await reason.waitFor();
    // Without a reason it does not go.
    await dialog().getByRole('button', { name: 'Valider quand même' }).click();
    await dialog().getByText('Donnez la raison pour valider malgré le conflit.').waitFor();
    expect(validations).toHaveLength(1);
    await reason.fill(REASON);
    await expectTidy();
    await shootWidths('dialog-override', false);
    await dialog().getByRole('button', { name: 'Valider quand même' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(validations).toHaveLength(2);

    await expect(lesson().textContent()).resolves.toContain(`Moniteur : ${setup.teaching}`);
    await header().getByText('Dossier en cours', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Dossier', exact: true }).click();
    const journal = page.getByRole('region', { name: 'Journal d’activité' });
    await journal
      .getByText(
        new RegExp(
          `^Marie Dupont a validé « [^»]*Ski de randonnée[^»]* » malgré l’indisponibilité d[e’] ?${setup.teaching} \\(.*${setup.teachingFile} · matin\\) : ${REASON}`,
        ),
      )
      .waitFor();
  });

  test('« Envoyer un devis » puts the file in « En attente de paiement », for 360,00 €', async () => {
    await devisTab().click();
    await page.getByRole('button', { name: 'Envoyer un devis' }).click();
    await dialog().getByRole('heading', { name: 'Envoyer un devis' }).waitFor();
    await dialog().getByText(money('360,00')).first().waitFor();
    await dialog().getByRole('button', { name: 'Envoyer le devis' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Devis envoyé à elodie.marchand@example.fr.').waitFor();
    await page.locator('.mantine-Notification-root').getByRole('button', { name: 'Fermer' }).click();

    await header().getByText('En attente de paiement', { exact: true }).waitFor();
    const sent = page.getByRole('region', { name: 'Devis et liens envoyés' });
    await sent.getByText(/^DEV-\d{4}-\d{4}$/).waitFor();
    await sent.getByText(money('360,00')).first().waitFor();
    await expect.poll(() => devisTab().textContent()).toMatch(/^Devis · 1 · 360,00\s€$/);
    await shootWidths('devis-sent');

    await expectTabCounts({
      ...before,
      new: before.new! - 1,
      awaiting_payment: before.awaiting_payment! + 1,
    });
    expect(await counts()).toMatchObject({
      new: before.new! - 1,
      in_progress: before.in_progress!,
      awaiting_payment: before.awaiting_payment! + 1,
    });
  });
});
