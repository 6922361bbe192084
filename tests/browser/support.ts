/**
 * What every browser test needs: Debian's Chromium through playwright-core (the flags keep it off
 * the network this machine does not have), and a page logged in to the panel.
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
