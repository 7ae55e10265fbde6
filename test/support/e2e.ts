import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type LaunchOptions,
  type Page,
  type ViewportSize,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createDeps } from '../../src/app/container.js';
import { seedDemoIfEmpty } from '../../src/app/schools/seed-demo.js';
import { type Config, loadConfig } from '../../src/config/env.js';
import { buildApp } from '../../src/http/app.js';
import { freePort } from './postgres-cluster.js';

/** Shared by the browser tests: the demo app on a free port, Debian's Chromium, error collection. */

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
/**
 * Browser tests photograph every screen they pass through: into test-results/screenshots by
 * default, into docs/screenshots (the ones the README shows) with UPDATE_SCREENSHOTS=1.
 */
export const SCREENSHOTS = join(
  PROJECT_ROOT,
  process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots',
);
/** The demo accounts' password, for signing in as any of them. */
export const DEMO_PASSWORD = 'demo-password-1234';
/** The demo school's accounts (seed-demo.ts): its admin and its two secretaries. */
export const ADMIN = 'admin@esf-demo.fr';
export const MARIE = 'marie.dupont@esf-demo.fr';
export const LUC = 'luc.martin@esf-demo.fr';

/**
 * The 7 onglets of Gestion des dossiers as the tutorial names them, with the key of their count
 * in `GET /api/requests` (`counts`); a tab's accessible name is "<label> <count>".
 */
export const FOLDER_TABS = [
  ['Nouveaux dossiers', 'new'],
  ['Dossier en cours', 'in_progress'],
  ['En attente de paiement', 'awaiting_payment'],
  ['Acompte versé', 'deposit_paid'],
  ['Paiement soldé', 'paid'],
  ['Commande traitée', 'processed'],
  ['Archivé', 'archived'],
] as const;

export interface DemoServer {
  /** http://127.0.0.1:<port>, also the app's PUBLIC_URL. */
  url: string;
  deps: Awaited<ReturnType<typeof createDeps>>;
  app: Awaited<ReturnType<typeof buildApp>>;
  /** Stops the server, closes the database and removes its temp directory. */
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Fail early when the staff app's bundle (dist/web) has not been built. */
  needsWebBuild?: boolean;
  /** Extra environment for loadConfig. */
  env?: Record<string, string>;
  /** Adjusts the loaded config before the app is built. */
  config?: (config: Config) => Config;
}

/**
 * The app with the demo school seeded, on a temp SQLite file, listening on a free loopback port.
 * Also makes sure the screenshots folder exists.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  if (options.needsWebBuild && !existsSync(join(PROJECT_ROOT, 'dist/web/index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` before the e2e tests.');
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'schuss-e2e-db-'));
  let deps: DemoServer['deps'] | undefined;
  let app: DemoServer['app'] | undefined;
  const close = async () => {
    await app?.close();
    await deps?.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const loaded = loadConfig({
      SQLITE_FILE: join(dataDir, 'e2e.db'),
      SCHUSS_DEMO_PASSWORD: DEMO_PASSWORD,
      PUBLIC_URL: url,
      ...options.env,
    } as NodeJS.ProcessEnv);
    deps = await createDeps({ config: options.config?.(loaded) ?? loaded });
    await seedDemoIfEmpty(deps);
    app = await buildApp(deps);
    await app.listen({ port, host: '127.0.0.1' });
    return { url, deps, app, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Debian's Chromium, headless, without the background traffic a test has no use for. */
const CHROMIUM: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/** A browser for tests that open a fresh context per test (several users side by side). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

export interface PersistentBrowser {
  context: BrowserContext;
  /** Closes the browser and removes its temp profile. */
  close(): Promise<void>;
}

/** One persistent, French-speaking browser context on a temp profile. */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<PersistentBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'schuss-e2e-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      ...CHROMIUM,
      locale: 'fr-FR',
      ...options,
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Records the page's uncaught errors and the errors it logs to the console into `problems`,
 * except the console lines matching `provoked`: the HTTP errors a test causes on purpose, which
 * the browser logs by itself.
 */
export function collectPageProblems(page: Page, problems: string[], provoked: RegExp): Page {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !provoked.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return page;
}

/**
 * Records into `problems` every API answer of 400 or more except those `isExpected` allows: a
 * refusal the browser swallows silently still fails the test.
 */
export function watchApiErrors(
  page: Page,
  problems: string[],
  isExpected: (status: number, method: string, pathname: string) => boolean,
): Page {
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    const method = response.request().method();
    if (
      pathname.startsWith('/api/') &&
      response.status() >= 400 &&
      !isExpected(response.status(), method, pathname)
    )
      problems.push(`${response.status()} ${method} ${pathname}`);
  });
  return page;
}

/** Signs in through the staff app's login page and waits for the inbox. */
export async function signInAs(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/app/connexion`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/app/demandes`);
}

/** A day from today, as a date input (and the API) wants it: YYYY-MM-DD. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** An API session of a demo account through `app.inject`: how a test's setup acts as staff. */
export async function apiAs(
  server: DemoServer,
  email: string,
): Promise<
  (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) => Promise<ApiAnswer>
> {
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: server.url },
    payload: { email, password: DEMO_PASSWORD },
  });
  const cookie = login.cookies.find((c) => c.name === 'schuss_session')?.value;
  if (!cookie) throw new Error(`${email} could not sign in: ${login.body}`);
  return (method, url, payload) =>
    server.app.inject({
      method,
      url,
      headers: { cookie: `schuss_session=${cookie}`, origin: server.url },
      ...(payload && { payload }),
    });
}
export type ApiAnswer = Awaited<ReturnType<DemoServer['app']['inject']>>;

export interface StaffSuiteOptions extends DemoServerOptions {
  /** The console errors the tests provoke on purpose (the browser logs an HTTP error by itself). */
  provoked: RegExp;
  /** Runs once the demo server is up, before the browser starts: fixtures, accounts' settings. */
  setup?: (server: DemoServer) => Promise<void>;
  /** Called on every page before it signs in: more checks that add to `problems`. */
  watch?: (page: Page, problems: string[]) => void;
  /** How long a page action or wait may take (10 s unless said). */
  actionTimeout?: number;
}

export interface StaffSuite {
  /** The demo server, once the suite's `beforeAll` ran. */
  readonly server: DemoServer;
  /** The server's address, also the app's PUBLIC_URL. */
  readonly baseUrl: string;
  /** What went wrong on this test's pages; each test ends by expecting none. */
  readonly problems: string[];
  /**
   * A page signed in as `email` on its own French-speaking browser context, closed after the
   * test — or, with `keep`, after the file (one page the tests share).
   */
  signIn(email: string, viewport: ViewportSize, options?: { keep?: boolean }): Promise<Page>;
  /**
   * A page signed in as no one (a customer opening their link) on its own French-speaking
   * browser context, closed after the test, its problems collected like the staff's.
   */
  guest(viewport: ViewportSize): Promise<Page>;
}

/**
 * The hooks every staff-app browser test file needs, registered once: the demo server (and the
 * file's own setup) and one Chromium for the file; per test, fresh contexts, closed afterwards,
 * and no page error nor unexpected console error.
 */
export function staffSuite(options: StaffSuiteOptions): StaffSuite {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  const kept: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startDemoServer({ needsWebBuild: true, ...options });
    await options.setup?.(server);
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await Promise.all(kept.splice(0).map((c) => c.close()));
    await browser?.close();
    await server?.close();
  }, 30_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    try {
      expect(problems).toEqual([]);
    } finally {
      problems.length = 0;
    }
  });

  return {
    get server() {
      if (!server) throw new Error('the demo server is not started yet');
      return server;
    },
    get baseUrl() {
      return this.server.url;
    },
    problems,
    async signIn(email, viewport, { keep = false } = {}) {
      const context = await browser!.newContext({ viewport, locale: 'fr-FR' });
      context.setDefaultTimeout(options.actionTimeout ?? 10_000);
      (keep ? kept : contexts).push(context);
      const page = collectPageProblems(await context.newPage(), problems, options.provoked);
      options.watch?.(page, problems);
      await signInAs(page, this.baseUrl, email);
      return page;
    },
    async guest(viewport) {
      const context = await browser!.newContext({ viewport, locale: 'fr-FR' });
      context.setDefaultTimeout(options.actionTimeout ?? 10_000);
      contexts.push(context);
      return collectPageProblems(await context.newPage(), problems, options.provoked);
    },
  };
}
