/**
 * What every browser test needs: Debian's Chromium through playwright-core (the flags keep it off
 * the network this machine does not have), the playground booted with its built panel for the file
 * (`browserApp`: its beforeAll and afterAll), pages logged in to the panel, and where screenshots go.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { seed } from '../../playground/scripts/seed/index';
import { ensureDemoSegments, type DemoSegmentsResult } from '../../playground/scripts/demo-segments';
import { createAdminAndLogin, type AdminSession } from '../helpers/auth';
import { REPO_ROOT, setupStrapi, teardownStrapi, type Agent, type TestStrapi } from '../helpers/strapi';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where the tests' screenshots and downloads land (made when a file boots). */
export const ARTIFACTS = path.join(REPO_ROOT, 'tests', '.artifacts');
/**
 * The README's and docs/' screenshots change with every run (dates, timings): rewritten only when
 * asked, with UPDATE_DOCS_SCREENSHOTS=1.
 */
const DOCS = process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs') : undefined;

/** A screenshot of the page (whole, unless told) in tests/.artifacts/. */
export const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage });

/** With UPDATE_DOCS_SCREENSHOTS=1, a screenshot of `target` (a page: what the window shows, unless told) as docs/`name`. */
export async function docsShot(target: Page | Locator, name: string, fullPage = false): Promise<void> {
  if (!DOCS) return;
  const file = path.join(DOCS, name);
  await ('goto' in target ? target.screenshot({ path: file, fullPage }) : target.screenshot({ path: file }));
}

/** A tree without the builder's `id` bookkeeping, as the server means it. */
export const meaning = (node: any): any =>
  Array.isArray(node)
    ? node.map(meaning)
    : node && typeof node === 'object'
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([k]) => k !== 'id')
            .map(([k, v]) => [k, meaning(v)]),
        )
      : node;

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

/** Logs in through the panel's own form on a new page of `within` (a browser or one of its contexts). */
export async function logIn(
  within: Browser | BrowserContext,
  baseUrl: string,
  { email, password }: { email: string; password: string },
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const page = 'newContext' in within ? await within.newPage({ viewport }) : await within.newPage();
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/login'));
  return page;
}

/** Strapi's own announcement banner, closed so that screenshots show the plugin. */
export async function closeAnnouncements(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: /close the banner/i });
  if (await close.isVisible().catch(() => false)) {
    await close.click();
    await close.waitFor({ state: 'hidden' });
  }
}

/**
 * Presses `key` `presses` times in `input` (focused, at its end) and answers, for each press, the
 * time from the keydown to the next paint (a task queued from requestAnimationFrame runs once the
 * frame is on screen), sorted ascending. Printed by the tests, never asserted: wall-clock.
 */
export async function keystrokeTimes(page: Page, input: Locator, presses: number, key = 'q'): Promise<number[]> {
  await input.click();
  await page.keyboard.press('End');
  await input.evaluate((el) => {
    const times: number[] = ((window as any).__keystrokes = []);
    el.addEventListener(
      'keydown',
      () => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => times.push(performance.now() - start), 0));
      },
      { capture: true },
    );
  });
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press(key);
    await page.waitForFunction((n) => (window as any).__keystrokes.length === n, i + 1);
  }
  const times: number[] = await page.evaluate(() => (window as any).__keystrokes);
  return [...times].sort((a, b) => a - b);
}

/** Opens a design-system select (or combobox) and clicks the option named exactly `option`. */
export async function chooseOption(page: Page, combobox: Locator, option: string) {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

/** Picks a rule's field by searching its label in the rule's Field combobox. */
export async function chooseField(page: Page, rule: Locator, label: string) {
  const box = rule.getByRole('combobox', { name: 'Field' });
  await box.click();
  await box.fill(label);
  await page
    .getByRole('option', { name: new RegExp(`^${label}`) })
    .first()
    .click();
}

type Viewport = { width: number; height: number };
type StrapiOptions = Omit<NonNullable<Parameters<typeof setupStrapi>[0]>, 'browser'>;

export interface BrowserAppOptions {
  /** For setupStrapi (the panel is always served): an object, or a function read when the file boots. */
  strapi?: StrapiOptions | (() => StrapiOptions);
  /** Seed the demo CRM (400 contacts, seed 7) and save the demo segments and list. */
  demo?: boolean;
}

/** The playground of a browser test file, filled in by its beforeAll. */
export interface BrowserApp {
  readonly strapi: Core.Strapi;
  /** supertest on Strapi's server, for setting up data through the API. */
  readonly request: Agent;
  /** Where the panel is served, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A super admin. */
  readonly admin: AdminSession;
  /** With `demo`: the demo segments and list. */
  readonly demo: DemoSegmentsResult;
  /** The label the catalog shows for a field (throws for a field it does not have). */
  labelOf(field: string): string;
  /**
   * A new tab of one logged-in session of the admin, shared by the file's tests: Strapi allows five
   * logins per email in five minutes, fewer than some files' tests. The first tab is where the login
   * left it (the panel's home, announcements closed); later ones are blank. 1440 × 1000 unless told.
   */
  tab(viewport?: Viewport): Promise<Page>;
  /** A page in a session of its own, logged in as `user` (another admin, or one with fewer permissions). */
  logIn(user: { email: string; password: string }, viewport?: Viewport): Promise<Page>;
}

/**
 * Registers the file's beforeAll (boot the playground on a fresh database with its built panel,
 * launch Chromium, create a super admin, read the catalog's labels; with `demo`, seed the demo data)
 * and afterAll (close the browser, stop Strapi, drop the database). Hooks a file registers after
 * this call run after the boot and after the teardown; before it, before both.
 */
export function browserApp(options: BrowserAppOptions = {}): BrowserApp {
  let t: TestStrapi | undefined;
  let browser: Browser | undefined;
  let admin: AdminSession | undefined;
  let demo: DemoSegmentsResult | undefined;
  let labels = new Map<string, string>();
  let context: BrowserContext | undefined;
  const booted = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browserApp: no ${what} before the file's beforeAll ran`);
    return value;
  };
  const baseUrl = () => booted(booted(t, 'Strapi').baseUrl, 'base URL');

  beforeAll(async () => {
    const strapiOptions = typeof options.strapi === 'function' ? options.strapi() : options.strapi;
    t = await setupStrapi({ ...strapiOptions, browser: true });
    if (options.demo) {
      await seed(t.strapi as any, { contacts: 400, seed: 7 });
      demo = await ensureDemoSegments(t.strapi as any);
    }
    browser = await launchChromium();
    admin = await createAdminAndLogin(t.strapi, t.request);
    const catalog = (await t.request.get('/segments/catalog').set(admin.headers).expect(200)).body;
    labels = new Map(catalog.fields.map((f: { name: string; label: string }) => [f.name, f.label]));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await teardownStrapi();
  });

  return {
    get strapi() {
      return booted(t, 'Strapi').strapi;
    },
    get request() {
      return booted(t, 'Strapi').request;
    },
    get baseUrl() {
      return baseUrl();
    },
    get browser() {
      return booted(browser, 'browser');
    },
    get admin() {
      return booted(admin, 'admin');
    },
    get demo() {
      return booted(demo, 'demo data (browserApp({ demo: true }))');
    },
    labelOf(field) {
      const label = labels.get(field);
      if (!label) throw new Error(`no field ${field} in the catalog`);
      return label;
    },
    async tab(size = { width: 1440, height: 1000 }) {
      if (!context) {
        context = await booted(browser, 'browser').newContext({ viewport: size, acceptDownloads: true });
        const first = await logIn(context, baseUrl(), booted(admin, 'admin'));
        await closeAnnouncements(first);
        return first;
      }
      const page = await context.newPage();
      await page.setViewportSize(size);
      return page;
    },
    logIn(user, size) {
      return logIn(booted(browser, 'browser'), baseUrl(), user, size);
    },
  };
}
