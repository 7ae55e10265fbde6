import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN, LUC, MARIE, SCREENSHOTS, staffSuite } from '../support/e2e.js';

/**
 * What a secretary sees on the 1280–1440 px laptops of a ski-school office: the lists, the tabs,
 * the file page and the bell fit without sideways scrolling or cut-off words; the English
 * navigation says what the pages say; the keyboard and the search stay usable.
 */

const LAPTOP_WIDTHS = [1280, 1440] as const;
const DOSSIER_TAB_SLUGS = [
  'nouveaux',
  'en-cours',
  'en-attente-de-paiement',
  'acompte-verse',
  'paiement-solde',
  'commande-traitee',
  'archive',
] as const;

/** A file of the demo school that is still a simple request, for the file page. */
let requestId = '';

const suite = staffSuite({
  provoked: /status of 401\b/,
  setup: async (server) => {
    // The widest content the lists meet: a long category on every file, a date from another year,
    // a relative time of two digits, and a five-digit amount. Written straight into the demo
    // school's rows: these are display fixtures, not actions under test.
    const db = server.deps.db.kysely;
    const school = await db
      .selectFrom('schools')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    const category = await db
      .selectFrom('categories')
      .select('id')
      .where('school_id', '=', school.id)
      .where('name', '=', 'Comités d’entreprise')
      .executeTakeFirstOrThrow();
    const files = await db
      .selectFrom('requests')
      .select(['id', 'status'])
      .where('school_id', '=', school.id)
      .orderBy('created_at')
      .execute();
    const requests = files.filter((f) => f.status === 'request');
    const dossier = files.find((f) => f.status === 'new');
    if (requests.length < 3 || !dossier)
      throw new Error('the demo school should bring requests and a new dossier');
    await db
      .updateTable('requests')
      .set({ category_id: category.id })
      .where('school_id', '=', school.id)
      .execute();
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await db
      .updateTable('requests')
      .set({ last_message_at: minutesAgo(400 * 24 * 60) })
      .where('id', '=', requests[0]!.id)
      .execute();
    await db
      .updateTable('requests')
      .set({ last_message_at: minutesAgo(59) })
      .where('id', '=', requests[1]!.id)
      .execute();
    await db
      .updateTable('requests')
      // A priced custom lesson (not "à chiffrer"): the widest total the column must hold.
      .set({ total_cents: 1_234_500, is_to_be_priced: 0, last_message_at: minutesAgo(26 * 60) })
      .where('id', '=', dossier.id)
      .execute();
    requestId = requests[2]!.id;
  },
});

function signIn(email: string, width: number, height = 860): Promise<Page> {
  return suite.signIn(email, { width, height });
}

/** The signed-in person's interface language, kept on their account (as the user menu does). */
async function setLanguage(page: Page, language: 'fr' | 'en'): Promise<void> {
  const saved = await page.request.patch(`${suite.baseUrl}/api/auth/me`, {
    data: { language },
    headers: { origin: suite.baseUrl },
  });
  expect(saved.status()).toBeLessThan(300);
}

/**
 * Everything that scrolls sideways: the page itself, and every table's own scroll container
 * (there must be at least one table when `tables` is set, so the check cannot pass empty).
 */
async function expectNoSidewaysScroll(page: Page, tables = 0): Promise<void> {
  const found = await page.evaluate(() => {
    const overflowing: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollWidth > doc.clientWidth) overflowing.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    const tableScrollers = [...document.querySelectorAll('main table')].map((table) => {
      let box = table.parentElement;
      while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      return box ?? document.documentElement;
    });
    for (const box of tableScrollers) {
      if (box.scrollWidth > box.clientWidth)
        overflowing.push(`table scroller ${box.scrollWidth} > ${box.clientWidth}`);
    }
    return { overflowing, tables: tableScrollers.length };
  });
  expect(found.overflowing).toEqual([]);
  expect(found.tables).toBeGreaterThanOrEqual(tables);
}

/** Texts cut by an ellipsis or spilling out of their box, among the elements matched. */
async function cutTexts(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.scrollWidth > element.clientWidth)
        .map((element) => `${element.textContent} (${element.scrollWidth} > ${element.clientWidth})`),
    );
}

/** The cells of one column of the main table, found by the header's text. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  return page.locator('main table').evaluate((table, name) => {
    const headers = [...table.querySelectorAll('thead th')];
    const index = headers.findIndex((th) => th.textContent?.trim() === name);
    if (index < 0) throw new Error(`no column ${name}`);
    return [...table.querySelectorAll('tbody tr')].map((row) => {
      const cell = row.children[index] as HTMLElement;
      const text = (cell.querySelector('p') ?? cell) as HTMLElement;
      const fits = text.scrollWidth <= text.clientWidth && cell.scrollWidth <= cell.clientWidth;
      return `${text.textContent}${fits ? '' : ' (cut)'}`;
    });
  }, header);
}

/** Every column header shows whole, inside the window. */
async function expectAllColumnsShown(page: Page, headers: string[]): Promise<void> {
  const width = page.viewportSize()!.width;
  for (const name of headers) {
    const header = page.locator('main table thead th', { hasText: name }).first();
    const box = (await header.boundingBox())!;
    expect(box.x + box.width, `column ${name}`).toBeLessThanOrEqual(width);
    expect(await header.evaluate((th) => th.scrollWidth <= th.clientWidth), `column ${name}`).toBe(true);
  }
}

describe('the lists fit a laptop', { timeout: 60_000 }, () => {
  for (const width of LAPTOP_WIDTHS) {
    test(`Gestion des demandes shows every column, whole badges and dates at ${width} px`, async () => {
      const page = await signIn(MARIE, width);
      const table = page.getByRole('table', { name: 'Demandes, la plus récente activité en premier' });
      await table.getByRole('row').nth(5).waitFor();
      await expectNoSidewaysScroll(page, 1);
      await expectAllColumnsShown(page, [
        'N°',
        'Client',
        'Origine',
        'Dernier message',
        'Date',
        'Catégorie',
        'Langue',
      ]);
      expect(await table.getByText('À traiter', { exact: true }).count()).toBeGreaterThan(0);
      expect(await cutTexts(page, 'main table .mantine-Badge-root, main table .mantine-Badge-label')).toEqual(
        [],
      );
      const dates = await columnTexts(page, 'Date');
      expect(dates.filter((d) => d.endsWith('(cut)'))).toEqual([]);
      expect(dates.some((d) => /\d\d\/\d\d\/\d{4}/.test(d))).toBe(true);
      // A long category may end in "…" in a narrow column; its full name is in the tooltip.
      expect(await table.getByTitle('Comités d’entreprise', { exact: true }).count()).toBe(5);
      await page.screenshot({ path: join(SCREENSHOTS, `lists-demandes-${width}.png`), fullPage: true });
    });

    test(`Gestion des dossiers keeps its 7 tabs on one line, whole, in every tab at ${width} px`, async () => {
      const page = await signIn(MARIE, width);
      await page.getByRole('navigation').getByRole('link', { name: 'Gestion des dossiers' }).click();
      const tabs = page.getByRole('tablist', { name: 'Onglets des dossiers' });
      await page.getByRole('table').waitFor();
      for (const [index, slug] of DOSSIER_TAB_SLUGS.entries()) {
        if (index > 0) {
          const listed = page.waitForResponse(
            (r) => new URL(r.url()).pathname === '/api/requests' && r.request().method() === 'GET',
          );
          await tabs.getByRole('tab').nth(index).click();
          await page.waitForURL(`${suite.baseUrl}/app/dossiers?onglet=${slug}`);
          expect((await listed).status()).toBe(200);
        }
        await page.locator('main .mantine-Loader-root').waitFor({ state: 'detached' });
        await tabs.getByRole('tab', { selected: true }).waitFor();
        const rows = await tabs
          .getByRole('tab')
          .evaluateAll((all) => [...new Set(all.map((tab) => Math.round(tab.getBoundingClientRect().top)))]);
        expect(rows, `tab rows on ${slug}`).toHaveLength(1);
        expect(await tabs.getByRole('tab').count()).toBe(7);
        expect(
          await cutTexts(page, '[role="tablist"] [role="tab"], [role="tablist"] .mantine-Tabs-tabLabel'),
        ).toEqual([]);
        await expectNoSidewaysScroll(page, slug === 'nouveaux' ? 1 : 0);
        if (slug === 'nouveaux') {
          await expectAllColumnsShown(page, [
            'N°',
            'Client',
            'Prestations',
            'Total',
            'Payé',
            'Dernière activité',
            'Catégorie',
          ]);
          expect((await columnTexts(page, 'Dernière activité')).filter((d) => d.endsWith('(cut)'))).toEqual(
            [],
          );
          const totals = await columnTexts(page, 'Total');
          expect(totals.filter((d) => d.endsWith('(cut)'))).toEqual([]);
          expect(totals.some((total) => /^12\s345,00/.test(total))).toBe(true);
          expect(await cutTexts(page, 'main table .mantine-Badge-label')).toEqual([]);
          await page.screenshot({ path: join(SCREENSHOTS, `lists-dossiers-${width}.png`), fullPage: true });
        }
      }
    });

    test(`the file page fits without sideways scrolling at ${width} px`, async () => {
      const page = await signIn(MARIE, width);
      await page.goto(`${suite.baseUrl}/app/dossiers/${requestId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('region', { name: 'Journal d’activité' }).waitFor();
      await expectNoSidewaysScroll(page);
      expect(await cutTexts(page, 'main .mantine-Badge-label')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `lists-dossier-page-${width}.png`), fullPage: true });
    });
  }

  test('the English lists fit at 1280 px too', async () => {
    const page = await signIn(LUC, 1280);
    await setLanguage(page, 'en');
    await page.goto(`${suite.baseUrl}/app/demandes`);
    await page
      .getByRole('table', { name: 'Requests, most recent activity first' })
      .getByRole('row')
      .nth(5)
      .waitFor();
    await expectNoSidewaysScroll(page, 1);
    await expectAllColumnsShown(page, [
      'No.',
      'Customer',
      'Origin',
      'Last message',
      'Date',
      'Category',
      'Language',
    ]);
    expect(await cutTexts(page, 'main table .mantine-Badge-label')).toEqual([]);
    expect((await columnTexts(page, 'Date')).filter((d) => d.endsWith('(cut)'))).toEqual([]);

    await page.goto(`${suite.baseUrl}/app/dossiers`);
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    await expectNoSidewaysScroll(page, 1);
    await expectAllColumnsShown(page, [
      'No.',
      'Customer',
      'Services',
      'Total',
      'Paid',
      'Last activity',
      'Category',
    ]);
    expect(
      await cutTexts(page, '[role="tablist"] [role="tab"], [role="tablist"] .mantine-Tabs-tabLabel'),
    ).toEqual([]);
  });
});

describe('the header', { timeout: 60_000 }, () => {
  for (const width of [1280, 1440, 390]) {
    test(`the logo, the search, the bell and the user menu sit side by side at ${width} px`, async () => {
      const page = await signIn(MARIE, width);
      const header = page.locator('header');
      const search = page.getByRole('combobox', { name: 'Rechercher' });
      // Typed into, the results never reach past the window either.
      await search.fill('bonjour');
      await page.getByRole('option').first().waitFor();
      const parts = [
        header.locator('.mantine-ThemeIcon-root'),
        search,
        page.getByRole('button', { name: /^Notifications/ }),
        page.getByRole('button', { name: /^Menu d/ }),
      ];
      const boxes = await Promise.all(parts.map(async (part) => (await part.boundingBox())!));
      for (const [index, box] of boxes.entries()) {
        expect(box.x, `part ${index}`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `part ${index}`).toBeLessThanOrEqual(width);
        const next = boxes[index + 1];
        if (next) expect(box.x + box.width, `part ${index} overlaps the next`).toBeLessThanOrEqual(next.x);
      }
      const results = (await page.getByRole('listbox').boundingBox())!;
      expect(results.x).toBeGreaterThanOrEqual(0);
      expect(results.x + results.width).toBeLessThanOrEqual(width);
      // The page itself never scrolls sideways (on a phone the list's own table does, by design).
      const doc = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
      expect(doc).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, `header-search-${width}.png`) });
    });
  }

  test('the navigation column runs down a long page, not only its first screen', async () => {
    const page = await signIn(MARIE, 1280, 600);
    await page.goto(`${suite.baseUrl}/app/dossiers/${requestId}`);
    await page.getByRole('region', { name: 'Journal d’activité' }).waitFor();
    // The page is longer than the window; the main area, as long as the page and starting under
    // the fixed navbar, paints the navbar's column down to its end.
    const main = await page.locator('main').evaluate((element) => ({
      left: element.getBoundingClientRect().left,
      height: element.scrollHeight,
      page: document.scrollingElement!.scrollHeight,
      column: getComputedStyle(element).backgroundImage,
    }));
    expect(main.page).toBeGreaterThan(600);
    expect(main.left).toBe(0);
    expect(main.height).toBeGreaterThanOrEqual(main.page - 1);
    expect(main.column).toContain('linear-gradient');
    await page.screenshot({ path: join(SCREENSHOTS, 'navigation-column-1280.png'), fullPage: true });
  });

  for (const width of [1280, 390]) {
    test(`the notifications panel shows "Accéder au dossier" whole, without sideways scrolling, at ${width} px`, async () => {
      const page = await signIn(MARIE, width);
      await page.getByRole('button', { name: /^Notifications/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Notifications' });
      const buttons = dialog.getByRole('button', { name: /^Accéder au dossier/ });
      await buttons.first().waitFor();
      const panel = (await dialog.boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(width);
      const clipped = await buttons.evaluateAll((all) =>
        all.flatMap((button) => {
          const box = button.getBoundingClientRect();
          // The part of the panel the button is really visible in: its scroll viewport.
          let frame = button.parentElement;
          while (frame && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(frame).overflowX))
            frame = frame.parentElement;
          const visible = (frame ?? document.documentElement).getBoundingClientRect();
          const label = button.querySelector('.mantine-Button-label') as HTMLElement;
          return box.left < visible.left ||
            box.right > visible.right + 0.5 ||
            box.right > window.innerWidth ||
            label.scrollWidth > label.clientWidth
            ? [`${button.textContent}: ${box.left}–${box.right} outside ${visible.left}–${visible.right}`]
            : [];
        }),
      );
      expect(clipped).toEqual([]);
      const sideways = await dialog.evaluate((panelElement) =>
        [panelElement, ...panelElement.querySelectorAll('*')]
          .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX))
          .filter((element) => element.scrollWidth > element.clientWidth)
          .map((element) => `${element.className} ${element.scrollWidth} > ${element.clientWidth}`),
      );
      expect(sideways).toEqual([]);
      const doc = await page.evaluate(() => [
        document.scrollingElement!.scrollWidth,
        document.scrollingElement!.clientWidth,
      ]);
      expect(doc[0]).toBeLessThanOrEqual(doc[1]!);
      await page.screenshot({ path: join(SCREENSHOTS, `notifications-panel-${width}.png`) });
    });
  }

  test('the highlighted search result keeps a 4.5:1 contrast for its number, message and status', async () => {
    const page = await signIn(MARIE, 1280);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Rechercher' }).fill('bonjour');
    const highlighted = page.locator('[role="option"][data-combobox-selected]');
    await highlighted.waitFor();
    const ratios = await highlighted.evaluate((option) => {
      const rgb = (value: string) => {
        const [r, g, b, a] = value.match(/[\d.]+/g)!.map(Number);
        return { r: r!, g: g!, b: b!, a: a ?? 1 };
      };
      const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
        const channel = (c: number) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      /** The first opaque background behind an element. */
      const background = (element: Element) => {
        for (let e: Element | null = element; e; e = e.parentElement) {
          const colour = rgb(getComputedStyle(e).backgroundColor);
          if (colour.a > 0.99) return colour;
        }
        return { r: 255, g: 255, b: 255, a: 1 };
      };
      const ratio = (element: Element) => {
        const fg = luminance(rgb(getComputedStyle(element).color));
        const bg = luminance(background(element));
        return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      };
      const texts = [...option.querySelectorAll('p, .mantine-Badge-label')].filter((e) =>
        e.textContent?.trim(),
      );
      return texts.map((e) => ({
        text: e.textContent!.slice(0, 24),
        ratio: Math.round(ratio(e) * 100) / 100,
      }));
    });
    expect(ratios.length).toBeGreaterThanOrEqual(4);
    expect(ratios.filter((r) => r.ratio < 4.5)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'search-highlighted.png') });
  });

  test('choosing a language with the keyboard closes the user menu and keeps the focus on its button', async () => {
    const page = await signIn(ADMIN, 1280);
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return `${active?.getAttribute('role') ?? active?.tagName.toLowerCase()}: ${active?.getAttribute('aria-label') ?? active?.textContent?.trim()}`;
      });
    const chooseWithKeyboard = async (menuName: string, language: string) => {
      await page.getByRole('button', { name: menuName }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('menu').waitFor();
      // The menu takes the focus once it has opened (after its transition): arrowing before that
      // would go to the button.
      await page.waitForFunction(() => document.activeElement?.closest('[role="menu"]') !== null);
      // Arrow down to the language, as a keyboard user does.
      for (let step = 0; step < 5 && (await focused()) !== `menuitemradio: ${language}`; step++)
        await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(`menuitemradio: ${language}`);
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === '/api/auth/me',
      );
      await page.keyboard.press('Enter');
      expect((await saved).status()).toBeLessThan(300);
    };

    await chooseWithKeyboard('Menu de Claire Admin', 'English');
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Claire Admin’s menu',
    );
    expect(await focused()).toBe('button: Claire Admin’s menu');

    await chooseWithKeyboard('Claire Admin’s menu', 'Français');
    await page.getByRole('heading', { level: 1, name: 'Gestion des demandes' }).waitFor();
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Menu de Claire Admin',
    );
    expect(await focused()).toBe('button: Menu de Claire Admin');
  });

  test('each entry of the English navigation opens a page titled with the same words', async () => {
    const page = await signIn(ADMIN, 1280);
    await setLanguage(page, 'en');
    await page.goto(`${suite.baseUrl}/app/demandes`);
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    for (const [link, title] of [
      ['Requests', 'Requests'],
      ['Dossiers', 'Dossiers'],
      ['Settings', 'Staff'],
      ['Staff', 'Staff'],
      ['Categories', 'Categories'],
      ['Forms', 'Forms'],
    ] as const) {
      await navigation.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    }
    expect(await navigation.getByText('Files', { exact: true }).count()).toBe(0);
    await setLanguage(page, 'fr');
  });
});
