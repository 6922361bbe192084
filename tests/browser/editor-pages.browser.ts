import fs from 'node:fs';
import path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { ARTIFACTS, browserApp, closeAnnouncements, docsShot, shot } from './support';
import { CONTACT } from '../support/uids';

/**
 * The editor and the list pages on the demo data in a real browser: counts taken on Save and retaken when old, the layout at 1024 px, explain in words, archive
 * warnings, member lists you can work with, and campaigns in picker order. Numbers are checked
 * against the plugin's own service, never against numbers written here.
 */
const SEGMENT = 'plugin::segments.segment';

const app = browserApp({ demo: true });

const service = () => app.strapi.plugin('segments').service('segments') as any;
const and = (...rules: unknown[]) => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value?: unknown) => ({ field, operator, value });

const builder = (page: Page) => page.getByRole('group', { name: 'Filter builder' });
const row = (page: Page, name: string) => page.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
};

async function openEditor(page: Page, documentId: string) {
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/${documentId}`);
  await builder(page).waitFor();
}

// First, so the list shows the demo segments only.
it('3: the Segments page retakes counts older than the max age, two at a time, and says when each was taken', async () => {
  const demo = (await service().findMany({ archived: false })) as Array<{ id: number; documentId: string; name: string }>;
  // Counts of two hours ago, and wrong by now: the page must not show them as they are.
  const meta = app.strapi.db.metadata.get(SEGMENT as any) as any;
  const col = (a: string) => meta.attributes[a].columnName;
  await app.strapi.db
    .connection(meta.tableName)
    .whereIn(
      'id',
      demo.map((s) => s.id),
    )
    .update({ [col('lastCount')]: 999_999, [col('lastCountAt')]: new Date(Date.now() - 2 * 3600_000), [col('lastCountMs')]: 1 });

  const page = await app.tab();
  // Counts in flight at once, as the server sees them.
  let inFlight = 0;
  let busiest = 0;
  const isCount = (url: string) => /\/segments\/segments\/[^/]+\/count$/.test(url);
  page.on('request', (r) => isCount(r.url()) && (busiest = Math.max(busiest, ++inFlight)));
  page.on('requestfinished', (r) => isCount(r.url()) && inFlight--);
  page.on('requestfailed', (r) => isCount(r.url()) && inFlight--);
  await page.goto(`${app.baseUrl}/admin/plugins/segments`);
  await row(page, demo[0].name).waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('counting…'), undefined, { timeout: 60_000 });
  for (const segment of demo) {
    const count = await service().count(segment.documentId);
    const cells = row(page, segment.name).locator('td');
    await expect(cells.nth(1).textContent()).resolves.toBe(count.toLocaleString('en'));
    await expect(cells.nth(2).textContent()).resolves.toMatch(/^(just now|1 minute ago) · \d+ ms$/);
  }
  expect(busiest).toBe(2);
  // docs/segments.png is taken by segment-editor.browser.ts.
  await shot(page, 'segments-1440.png');
  await page.close();
});

it('3: the count the editor shows right after Save is the saved one, not "Not counted since its conditions last changed"', async () => {
  const saved = await service().create({ name: 'Leads to count on save', filters: and(rule('lifecycleStage', '=', 'lead')) });
  const page = await app.tab();
  await openEditor(page, saved.documentId);
  const value = builder(page)
    .locator('.rule')
    .first()
    .getByRole('combobox', { name: /^Value of/ });
  await value.click();
  await page.getByRole('option', { name: 'Customer', exact: true }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved', { exact: false }).first().waitFor();
  const expected = await service().count(and(rule('lifecycleStage', '=', 'customer')));
  await page
    .locator('section[aria-labelledby="segment-preview-title"]')
    .getByText(`${expected.toLocaleString('en')} contacts`, { exact: true })
    .waitFor();
  expect(await page.getByText('Not counted since its conditions last changed').count()).toBe(0);
  expect((await service().load(saved.documentId)).lastCount).toBe(expected);
  await page.close();
});

it('5: at 1024 px the Segments table keeps its actions on screen and cuts summaries to one line, whole on hover', async () => {
  const page = await app.tab({ width: 1024, height: 800 });
  await page.goto(`${app.baseUrl}/admin/plugins/segments`);
  const demoRow = row(page, 'German enterprise openers without a recent deal');
  await demoRow.waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('counting…'), undefined, { timeout: 60_000 });
  for (const button of await demoRow.getByRole('button').all()) {
    const b = await box(button);
    expect(b.x + b.width).toBeLessThanOrEqual(1024);
  }
  const summary = demoRow.getByTestId('segment-summary');
  expect(await summary.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const [summaryBox, countBox] = [await box(summary), await box(demoRow.locator('td').nth(1))];
  expect(summaryBox.x + summaryBox.width).toBeLessThanOrEqual(countBox.x);
  const text = (await summary.textContent())!;
  await closeAnnouncements(page);
  await summary.hover();
  await expect(page.getByRole('tooltip').textContent()).resolves.toBe(text);
  await shot(page, 'segments-1024.png', false);
  await docsShot(page, 'segments-1024.png');
  await page.close();
});

it('5: the count stays in view while lower rules are edited, wide and at 1024 px, where the preview follows the conditions', async () => {
  const many = await service().create({
    name: 'Many conditions',
    filters: and(...Array.from({ length: 14 }, (_, i) => rule('leadScore', '>=', i))),
  });
  const expected = (await service().count(many.documentId)).toLocaleString('en');

  const wide = await app.tab({ width: 1440, height: 900 });
  await openEditor(wide, many.documentId);
  const preview = wide.locator('section[aria-labelledby="segment-preview-title"]');
  await preview.getByText(`${expected} contacts`).waitFor();
  await builder(wide).locator('.rule').last().scrollIntoViewIfNeeded();
  const previewBox = await box(preview.getByText(`${expected} contacts`));
  expect(previewBox.y).toBeGreaterThanOrEqual(0);
  expect(previewBox.y + previewBox.height).toBeLessThanOrEqual(900);
  await wide.close();

  const narrow = await app.tab({ width: 1024, height: 800 });
  await openEditor(narrow, many.documentId);
  const bar = narrow.getByTestId('count-bar');
  await bar.getByText(`${expected} contacts match`).waitFor();
  await builder(narrow).locator('.rule').last().scrollIntoViewIfNeeded();
  const barBox = await box(bar);
  expect(barBox.y).toBeGreaterThanOrEqual(0);
  expect(barBox.y + barBox.height).toBeLessThanOrEqual(800);
  const conditions = await box(narrow.locator('section[aria-labelledby="segment-conditions"]'));
  const panel = await box(narrow.locator('section[aria-labelledby="segment-preview-title"]'));
  expect(panel.y - (conditions.y + conditions.height)).toBeLessThan(100);
  await shot(narrow, 'editor-1024.png', false);
  await docsShot(narrow, 'editor-1024.png');
  await narrow.close();
});

it('6: explain has a legend, one "Cuts most" mark, labels instead of stored values and to-many lines in words', async () => {
  const segment = (await service().findMany({ q: 'Healthcare leads without a deal' })).find(
    (s: { name: string }) => s.name === 'Healthcare leads without a deal',
  );
  // A healthcare lead with one deal: not a member, because of the "no deal" rule.
  const docs = app.strapi.documents as any;
  const healthcare = await app.strapi.db.query('api::company.company' as any).findOne({ where: { industry: 'healthcare' } });
  const contact = await docs(CONTACT).create({
    data: {
      firstName: 'Hana',
      lastName: 'Dealmaker',
      email: 'hana.dealmaker@example.com',
      lifecycleStage: 'lead',
      company: healthcare.documentId,
    },
  });
  await docs('api::deal.deal').create({ data: { name: 'Hana’s first deal', stage: 'proposal', contacts: [contact.documentId] } });
  const deals = 1;

  const page = await app.tab();
  await openEditor(page, segment.documentId);
  await page.getByTestId('explain-legend').waitFor();
  await expect(page.getByTestId('explain-legend').textContent()).resolves.toMatch(/alone.*keeps X of Y.*depends on the order/s);
  await builder(page).locator('[data-testid="explain-counts"]').first().waitFor();
  expect(await builder(page).getByText('Cuts most').count()).toBeLessThanOrEqual(1);

  await page.getByRole('searchbox', { name: 'Find a contact by name or email' }).fill(contact.email);
  await page.getByRole('button', { name: 'Hana Dealmaker · hana.dealmaker@example.com' }).click();
  await page.getByText('Hana Dealmaker is not a member').waitFor();
  await builder(page).locator('[data-result="no-match"]').first().waitFor();
  const lines = await builder(page).locator('.node-annotation [data-result]').allTextContents();
  expect(lines).toEqual(
    expect.arrayContaining([
      'Matches · Company › Industry is Healthcare',
      `Does not match · has ${deals} ${deals === 1 ? 'deal that matches' : 'deals that match'}; needs none`,
    ]),
  );
  expect(await page.getByText("'healthcare'").count()).toBe(0);
  await closeAnnouncements(page);
  await page.setViewportSize({ width: 1440, height: 1500 });
  // docs/explain.png is taken by explain.browser.ts.
  await shot(page, 'explain-words.png', false);
  await page.close();
});

it('7: archiving names the segments that use it, and their rule is marked in the builder', async () => {
  const base = await service().create({ name: 'Archived base', filters: and(rule('lifecycleStage', '=', 'lead')) });
  const user = await service().create({ name: 'Built on the base', filters: and(rule('segment', 'in', [base.documentId])) });
  const page = await app.tab();
  await page.goto(`${app.baseUrl}/admin/plugins/segments`);
  await row(page, 'Archived base').getByRole('button', { name: 'Archive Archived base' }).click();
  await page.getByText('Archived “Archived base”. Still used by “Built on the base”', { exact: false }).waitFor();
  await openEditor(page, user.documentId);
  await builder(page).getByTestId('archived-reference').waitFor();
  await expect(builder(page).getByTestId('archived-reference').textContent()).resolves.toContain(
    'Uses an archived segment: “Archived base”',
  );
  await builder(page).getByText('Archived base (archived)').waitFor();
  await page.close();
});

it('8: a list is searched, sorted, linked to the Content Manager, downloaded whole as CSV and renamed', async () => {
  const list = (await app.strapi.plugin('segments').service('lists').findPage({ page: 1, pageSize: 1 })).data[0];
  const page = await app.tab();
  await page.goto(`${app.baseUrl}/admin/plugins/segments/lists/${list.documentId}`);
  await page.locator('tbody tr').first().waitFor();

  // Sort by email: the first row is the smallest email among the members.
  await page.getByRole('button', { name: 'Email', exact: true }).click();
  const members = (await app.strapi.plugin('segments').service('lists').members(list.documentId, { page: 1, pageSize: 100, sort: 'email' }))
    .data;
  await page.locator('tbody tr').first().getByText(members[0].email).waitFor();

  // Search: only the members whose name or email holds the text.
  const wanted = members[1].email;
  await page.getByRole('searchbox', { name: 'Search by name or email' }).fill(wanted);
  await page.waitForFunction((email) => {
    const rows = [...document.querySelectorAll('tbody tr')];
    return rows.length > 0 && rows.length < 10 && rows.every((r) => r.textContent?.includes(email));
  }, wanted);

  // The name links to the contact's edit view.
  const link = page.locator('tbody tr', { hasText: wanted }).first().getByRole('link');
  await expect(link.getAttribute('href')).resolves.toBe(`/admin/content-manager/collection-types/${CONTACT}/${members[1].documentId}`);

  // Download CSV: every member, not one page.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const file = path.join(ARTIFACTS, 'list-members.csv');
  await download.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('documentId,name,email,createdAt');
  expect(lines.length - 1).toBe(list.memberCount);

  await page.getByRole('button', { name: 'Rename' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /Name/ }).fill('Renamed in the browser');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('heading', { name: 'Renamed in the browser' }).waitFor();
  expect((await app.strapi.plugin('segments').service('lists').load(list.documentId)).name).toBe('Renamed in the browser');
  await page.close();
});

it("8: a segment's members are searched and sorted, and a duplicate segment name is warned about", async () => {
  const segment = (await service().findMany({ q: 'Healthcare leads without a deal' })).find(
    (s: { name: string }) => s.name === 'Healthcare leads without a deal',
  );
  const page = await app.tab();
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/${segment.documentId}/members`);
  await page.locator('tbody tr').first().waitFor();
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  const byName = (await service().members(segment.documentId, { page: 1, pageSize: 1, sort: 'name' })).data[0];
  await page.locator('tbody tr').first().getByRole('link', { name: byName.name }).waitFor();
  await page.getByRole('button', { name: 'Download CSV' }).waitFor();

  const copy = await service().create({ name: 'Another name', filters: segment.filters });
  await openEditor(page, copy.documentId);
  const name = page.getByRole('textbox', { name: /^Name/ });
  await name.fill('healthcare leads without a deal');
  await page.getByText('Another segment is already called “Healthcare leads without a deal”', { exact: false }).waitFor();
  await page.close();
});

it('campaign pickers list sent campaigns first and mark scheduled ones', async () => {
  const sent = (await app.strapi.db
    .query('api::campaign.campaign' as any)
    .findOne({ where: { sentAt: { $lte: new Date() } }, orderBy: { sentAt: 'desc' } })) as { documentId: string };
  const segment = await service().create({
    name: 'Opened one campaign',
    filters: and(rule('email.opened', 'any', { campaigns: [sent.documentId] })),
  });
  const page = await app.tab();
  await openEditor(page, segment.documentId);
  const picker = builder(page).getByRole('combobox', { name: /^Value of/ });
  await picker.click();
  await picker.fill('Newsletter');
  const options = page.getByRole('option');
  await page.getByRole('option', { name: /Newsletter \(scheduled\)/ }).waitFor();
  const texts = await options.allTextContents();
  const scheduledAt = texts.findIndex((text) => text.includes('Newsletter (scheduled)'));
  expect(texts[scheduledAt]).toMatch(/Scheduled for .*: not sent yet/);
  // Every sent newsletter comes before it.
  expect(texts.slice(0, scheduledAt).every((text) => /sent /.test(text))).toBe(true);
  expect(scheduledAt).toBeGreaterThan(0);
  await page.close();
});
