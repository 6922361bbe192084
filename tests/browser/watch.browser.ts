import path from 'node:path';
import { type Page } from 'playwright-core';
import { ARTIFACTS, browserApp, closeAnnouncements, docsShot, shot } from './support';
import { HEALTHCARE } from '../../playground/scripts/demo-segments';
import { CONTACT } from '../support/uids';

/**
 * Watching a segment in the panel (docs/watching.md): an admin watches a demo segment, refreshes it, a contact
 * is edited out of it and another created into it through Strapi, a second refresh reports them, and
 * the editor's chart and changes, the list's sparkline and count, and the members' "member since"
 * show it. Numbers come from the plugin's service, never written here.
 */
const app = browserApp({ demo: true });
let segmentId: string;

beforeAll(() => {
  segmentId = app.demo.segments.find((s) => s.name === HEALTHCARE)!.documentId;
});

const service = () => app.strapi.plugin('segments').service('segments');
const contacts = () => (app.strapi.documents as any)(CONTACT);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const panel = (page: Page) => page.locator('section[aria-labelledby="segment-watch-title"]');
/** The refresh's result line (the chart's bars carry the same words in SVG titles, which are not a status). */
const result = (page: Page) =>
  panel(page)
    .getByRole('status')
    .filter({ hasText: /entered, −/ });
const row = (page: Page, name: string) => page.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });

/** Clicks "Refresh now" and waits for its result and for the last refresh's count to read `count`. */
async function refreshAndExpect(page: Page, entered: number, left: number, count: number) {
  await panel(page).getByRole('button', { name: 'Refresh now' }).click();
  await result(page)
    .filter({ hasText: `+${entered} entered, −${left} left` })
    .waitFor();
  await panel(page)
    .getByText(new RegExp(`^Last refreshed .*: ${count.toLocaleString('en')} contacts?$`))
    .waitFor();
}

it('watches a demo segment, refreshes it, and shows who entered and left in the editor, the list and the members', async () => {
  const page = await app.tab();
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/${segmentId}`);

  const toggle = panel(page).getByRole('switch', { name: 'Track who enters and leaves' });
  expect(await toggle.getAttribute('aria-checked')).toBe('false');
  await toggle.click();
  await panel(page).getByText('Not refreshed yet: the first refresh sets the baseline').waitFor();
  expect(await toggle.getAttribute('aria-checked')).toBe('true');
  expect((await service().findMany({})).find((s: { documentId: string }) => s.documentId === segmentId).watched).toBe(true);

  // The first refresh sets the baseline: no change.
  const baseline = await service().count(segmentId);
  await refreshAndExpect(page, 0, 0, baseline);
  await panel(page).getByText('No one has entered or left since the baseline').waitFor();

  // A member edited out (no longer a lead), a contact created in (a lead at a healthcare company, no deal).
  const [member, other] = (await service().members(segmentId, { page: 1, pageSize: 2 })).data;
  await contacts().update({ documentId: member.documentId, data: { lifecycleStage: 'customer' } });
  const company = await app.strapi.documents('api::company.company' as any).findFirst({ filters: { industry: 'healthcare' } });
  const newcomer = (name: string) =>
    contacts().create({
      data: {
        firstName: name,
        lastName: 'Newcomer',
        email: `${name.toLowerCase()}@example.com`,
        lifecycleStage: 'lead',
        company: company!.documentId,
      },
    });
  await newcomer('Nora');
  await refreshAndExpect(page, 1, 1, await service().count(segmentId));

  // A member deleted from the CRM, two contacts created in.
  await contacts().delete({ documentId: other.documentId });
  await newcomer('Omar');
  await newcomer('Pia');
  const now = await service().count(segmentId);
  await refreshAndExpect(page, 2, 1, now);

  const chart = panel(page).getByRole('img', { name: 'Contacts over the last 30 days' });
  await chart.waitFor();
  await expect(chart.getByTestId('chart-point').count()).resolves.toBe(3);
  await expect(chart.getByTestId('chart-bar').count()).resolves.toBe(2);
  await panel(page).getByText(`3 refreshes: from ${baseline} to ${now} contacts, +3 entered, −2 left`).waitFor();
  const changes = panel(page).getByRole('list', { name: 'Recent changes' }).getByRole('listitem');
  await changes.nth(4).waitFor();
  const lines = await changes.allTextContents();
  expect(lines).toHaveLength(5);
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^EnteredNora Newcomernora@example\.com · matched · /),
      expect.stringMatching(/^EnteredOmar Newcomeromar@example\.com · matched · /),
      expect.stringMatching(/^EnteredPia Newcomerpia@example\.com · matched · /),
      expect.stringMatching(new RegExp(`^Left${escape(member.name)}.* · matched · `)),
      // A contact deleted from the CRM may have no name left to show: then its documentId says which.
      expect.stringMatching(new RegExp(`^Left(${escape(other.name)}.* · |Contact ${other.documentId})deleted from the CRM · `)),
    ]),
  );
  await panel(page).screenshot({ path: path.join(ARTIFACTS, 'watch-panel.png') });
  await docsShot(panel(page), 'watch.png');

  // The list: the last refresh's count, and the sparkline of the three refreshes.
  await page.goto(`${app.baseUrl}/admin/plugins/segments`);
  const healthcare = row(page, HEALTHCARE);
  const spark = healthcare.getByRole('img', { name: `Contacts of ${HEALTHCARE} over the last 30 days: from ${baseline} to ${now}` });
  await spark.waitFor();
  await expect(spark.locator('polyline').getAttribute('points')).resolves.toMatch(/^\S+ \S+ \S+$/);
  await expect(healthcare.locator('td').nth(1).textContent()).resolves.toBe(now.toLocaleString('en'));
  // Only the watched segment has one.
  await expect(page.locator('tbody svg[role="img"]').count()).resolves.toBe(1);
  await page.waitForFunction(() => !document.body.textContent?.includes('Counting '));
  await closeAnnouncements(page);
  await shot(page, 'watch-segments.png', false);
  await docsShot(page, 'segments-watch.png');

  // Readable at 1024 px: the row's actions stay on screen.
  await page.setViewportSize({ width: 1024, height: 800 });
  const remove = healthcare.getByRole('button', { name: `Delete ${HEALTHCARE}` });
  await remove.waitFor();
  await shot(page, 'watch-segments-1024.png', false);
  const box = await remove.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(1024);

  // The members: since when each is in; the newest contact (first) since the third refresh.
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/${segmentId}/members`);
  await page.getByText('Member since').waitFor();
  const first = page.locator('tbody tr').first();
  await expect(first.locator('td').first().textContent()).resolves.toBe('Pia Newcomer');
  const history = await service().history(segmentId);
  const lastRefresh = history[history.length - 1].at;
  const written = await page.evaluate(
    (iso) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    lastRefresh,
  );
  await expect(first.locator('td').last().textContent()).resolves.toBe(written);
  await shot(page, 'watch-members.png', false);
  await page.close();
});
