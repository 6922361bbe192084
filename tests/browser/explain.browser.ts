import { type Page } from 'playwright-core';
import { browserApp, closeAnnouncements, docsShot, shot } from './support';

/**
 * Explain in a real browser (docs/explain.md): the segment editor shows each condition's counts and the
 * "Cuts most" mark, and a contact picked from the preview or found by name gets a green or red mark
 * on every condition with the stored value that decided it.
 */

const app = browserApp();
let segmentId: string;

beforeAll(async () => {
  const docs = app.strapi.documents as any;
  const acme = await docs('api::company.company').create({ data: { name: 'Acme', country: 'Deutschland' } });
  const globex = await docs('api::company.company').create({ data: { name: 'Globex', country: 'Germany' } });
  const contact = (firstName: string, lastName: string, lifecycleStage: string, company?: string) =>
    docs('api::contact.contact').create({
      data: { firstName, lastName, email: `${firstName.toLowerCase()}@x.io`, lifecycleStage, company },
    });
  await contact('Anna', 'Müller', 'lead', acme.documentId);
  await contact('Bob', 'Stone', 'lead', globex.documentId);
  await contact('Cy', 'Stone', 'customer', globex.documentId);
  // nine more customers without a company: "lead" keeps 2 of 12, under a fifth
  for (let i = 0; i < 9; i++) await contact(`Customer${i}`, 'Plain', 'customer');
  const saved = await app.strapi
    .plugin('segments')
    .service('segments')
    .create({
      name: 'German leads',
      filters: {
        combinator: 'and',
        rules: [
          { field: 'lifecycleStage', operator: '=', value: 'lead' },
          { field: 'company.country', operator: '=', value: 'Germany' },
        ],
      },
    });
  segmentId = saved.documentId;
});

async function editor(): Promise<Page> {
  const page = await app.logIn(app.admin, { width: 1400, height: 1000 });
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/${segmentId}`);
  return page;
}

const frame = (page: Page, text: string) => page.locator('.rule-frame', { hasText: text });

it("shows each condition's counts and marks the one that cuts most", async () => {
  const page = await editor();
  await page.getByText('2 alone · this condition keeps 2 of 12').waitFor();
  await page.getByText('2 alone · this condition keeps 1 of 2').waitFor();
  await page.getByText('1 of 12 contacts in all').waitFor();
  // One mark in the builder; the legend shows what it looks like.
  const cuts = page.locator('.rule-frame').getByText('Cuts most');
  expect(await cuts.count()).toBe(1);
  expect(await frame(page, 'this condition keeps 2 of 12').getByText('Cuts most').count()).toBe(1);
  await page.close();
});

it('explains a member from its preview row and a non-member found by name, with the stored values', async () => {
  const page = await editor();
  await page.getByRole('button', { name: 'Why is Bob Stone here?' }).click();
  await page.getByText('Bob Stone is a member').waitFor();
  await page.getByText('Matches · Company › Country is Germany').waitFor();
  await page.getByText('Matches · Lifecycle stage is Lead').waitFor();

  await page.getByRole('searchbox', { name: 'Find a contact by name or email' }).fill('müller');
  await page.getByRole('button', { name: 'Anna Müller · anna@x.io' }).click();
  await page.getByText('Anna Müller is not a member').waitFor();
  await page.getByText('Does not match · Company › Country is Deutschland').waitFor();
  expect(await page.locator('[data-result="no-match"]').count()).toBe(2); // the rule and the root group
  expect(await page.locator('[data-result="match"]').count()).toBe(1);
  // Each condition's counts and a contact's marks, as docs/explain.md shows them: the panel scrolls inside
  // its own frame, so the window is made tall enough to hold the conditions.
  await closeAnnouncements(page);
  await page.setViewportSize({ width: 1400, height: 2100 });
  await page.getByText('Does not match · Company › Country is Deutschland').waitFor();
  await shot(page, 'explain.png', false);
  await docsShot(page, 'explain.png');
  await page.close();
});
