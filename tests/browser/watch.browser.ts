import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { closeAnnouncements, launchChromium, logIn } from './support';
import { seed } from '../../playground/scripts/seed/index';
import { ensureDemoSegments, HEALTHCARE } from '../../playground/scripts/demo-segments';
import { createAdminAndLogin, type AdminSession } from '../helpers/auth';
import { REPO_ROOT, setupStrapi, teardownStrapi, type TestStrapi } from '../helpers/strapi';
import { CONTACT } from '../support/uids';

/**
 * Watching a segment in the panel (SPEC §6): an admin watches a demo segment, refreshes it, a contact
 * is edited out of it and another created into it through Strapi, a second refresh reports them, and
 * the editor's chart and changes, the list's sparkline and count, and the members' "member since"
 * show it. Numbers come from the plugin's service, never written here.
 */
const ARTIFACTS = path.join(REPO_ROOT, 'tests', '.artifacts');
const DOCS = path.join(REPO_ROOT, 'docs');
/** The README's screenshots change with every run (dates, counts): rewritten only when asked. */
const UPDATE_DOCS = process.env.UPDATE_DOCS_SCREENSHOTS === '1';

let t: TestStrapi;
let browser: Browser;
let context: BrowserContext;
let admin: AdminSession;
let segmentId: string;

const service = () => t.strapi.plugin('segments').service('segments');
const contacts = () => (t.strapi.documents as any)(CONTACT);

beforeAll(async () => {
  t = await setupStrapi({ browser: true });
  await seed(t.strapi as any, { contacts: 400, seed: 7 });
  const demo = await ensureDemoSegments(t.strapi as any);
  segmentId = demo.segments.find((s) => s.name === HEALTHCARE)!.documentId;
  browser = await launchChromium();
  admin = await createAdminAndLogin(t.strapi, t.request);
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await teardownStrapi();
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage });
const panel = (page: Page) => page.locator('section[aria-labelledby="segment-watch-title"]');
/** The refresh's result line (the chart's bars carry the same words in SVG titles, which are not a status). */
const result = (page: Page) =>
  panel(page)
    .getByRole('status')
    .filter({ hasText: /entered, −/ });
const row = (page: Page, name: string) => page.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });

async function refreshAndExpect(page: Page, entered: number, left: number) {
  await panel(page).getByRole('button', { name: 'Refresh now' }).click();
  await result(page)
    .filter({ hasText: `+${entered} entered, −${left} left` })
    .waitFor();
}

it('watches a demo segment, refreshes it, and shows who entered and left in the editor, the list and the members', async () => {
  const page = await logIn(context, t.baseUrl!, admin);
  await page.goto(`${t.baseUrl}/admin/plugins/segments/segments/${segmentId}`);
  await closeAnnouncements(page);

  const toggle = panel(page).getByRole('switch', { name: 'Track who enters and leaves' });
  expect(await toggle.getAttribute('aria-checked')).toBe('false');
  await toggle.click();
  await panel(page).getByText('Not refreshed yet: the first refresh sets the baseline').waitFor();
  expect(await toggle.getAttribute('aria-checked')).toBe('true');
  expect((await service().findMany({})).find((s: { documentId: string }) => s.documentId === segmentId).watched).toBe(true);

  // The first refresh sets the baseline: no change.
  const baseline = await service().count(segmentId);
  await refreshAndExpect(page, 0, 0);
  await panel(page)
    .getByText(new RegExp(`^Last refreshed .*: ${baseline.toLocaleString('en')} contacts?$`))
    .waitFor();
  await panel(page).getByText('No one has entered or left since the baseline').waitFor();

  // One member edited out (no longer a lead), one contact created in (a lead at a healthcare company, no deal).
  const member = (await service().members(segmentId, { page: 1, pageSize: 1 })).data[0];
  await contacts().update({ documentId: member.documentId, data: { lifecycleStage: 'customer' } });
  const company = await t.strapi.documents('api::company.company' as any).findFirst({ filters: { industry: 'healthcare' } });
  const newcomer = await contacts().create({
    data: {
      firstName: 'Nora',
      lastName: 'Newcomer',
      email: 'nora.newcomer@example.com',
      lifecycleStage: 'lead',
      company: company!.documentId,
    },
  });
  const now = await service().count(segmentId);
  expect(now).toBe(baseline);

  await refreshAndExpect(page, 1, 1);
  await panel(page)
    .getByText(new RegExp(`^Last refreshed .*: ${now.toLocaleString('en')} contacts?$`))
    .waitFor();
  const chart = panel(page).getByRole('img', { name: 'Contacts over the last 30 days' });
  await chart.waitFor();
  await expect(chart.getByTestId('chart-point').count()).resolves.toBe(2);
  await expect(chart.getByTestId('chart-bar').count()).resolves.toBe(1);
  const changes = panel(page).getByRole('list', { name: 'Recent changes' }).getByRole('listitem');
  await changes.first().waitFor();
  const lines = await changes.allTextContents();
  expect(lines).toHaveLength(2);
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^EnteredNora Newcomernora\.newcomer@example\.com · matched · /),
      expect.stringMatching(new RegExp(`^Left${escape(member.name)}.* · matched · `)),
    ]),
  );
  await shot(page, 'watch-editor.png');
  if (UPDATE_DOCS) await panel(page).screenshot({ path: path.join(DOCS, 'watch.png') });

  // The list: the refresh's count, and the sparkline of the two refreshes.
  await page.goto(`${t.baseUrl}/admin/plugins/segments`);
  const healthcare = row(page, HEALTHCARE);
  const spark = healthcare.getByRole('img', { name: `Contacts of ${HEALTHCARE} over the last 30 days: from ${baseline} to ${now}` });
  await spark.waitFor();
  await expect(spark.locator('polyline').getAttribute('points')).resolves.toMatch(/^\S+ \S+$/);
  await expect(healthcare.locator('td').nth(1).textContent()).resolves.toBe(now.toLocaleString('en'));
  // Only the watched segment has one.
  await expect(page.locator('tbody svg[role="img"]').count()).resolves.toBe(1);
  await page.waitForFunction(() => !document.body.textContent?.includes('Counting '));
  await shot(page, 'watch-segments.png', false);
  if (UPDATE_DOCS) await page.screenshot({ path: path.join(DOCS, 'segments-watch.png') });

  // Readable at 1024 px: the row's actions stay on screen.
  await page.setViewportSize({ width: 1024, height: 800 });
  await healthcare.getByRole('button', { name: `Delete ${HEALTHCARE}` }).waitFor();
  const box = await healthcare.getByRole('button', { name: `Delete ${HEALTHCARE}` }).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
  await shot(page, 'watch-segments-1024.png', false);

  // The members: since when each is in; the newcomer (newest first) since the second refresh.
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${t.baseUrl}/admin/plugins/segments/segments/${segmentId}/members`);
  await page.getByText('Member since').waitFor();
  const first = page.locator('tbody tr').first();
  await expect(first.locator('td').first().textContent()).resolves.toBe('Nora Newcomer');
  const since = (await first.locator('td').last().textContent()) ?? '';
  const history = await service().history(segmentId);
  const secondRefresh = new Date(history[history.length - 1].at);
  expect(since).toBe(
    await page.evaluate(
      (iso) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      secondRefresh.toISOString(),
    ),
  );
  await shot(page, 'watch-members.png', false);
  expect(newcomer.documentId).toBeTruthy();
  await page.close();
});
