import { type Page } from 'playwright-core';
import { browserApp } from './support';
import { createAdminAndLogin } from '../helpers/auth';

/**
 * The Segments and Lists pages in a real browser: what an admin sees and can do, and what a user
 * without the plugin's permissions cannot.
 */

const app = browserApp();

const group = (...rules: unknown[]) => ({ combinator: 'and', rules });

beforeAll(async () => {
  const contacts = app.strapi.documents('api::contact.contact' as any);
  for (const [email, lifecycleStage] of [
    ['ana@x.io', 'lead'],
    ['ben@x.io', 'lead'],
    ['cy@x.io', 'customer'],
  ]) {
    await contacts.create({ data: { email, firstName: email.split('@')[0], lifecycleStage } as any });
  }
  const segments = app.strapi.plugin('segments').service('segments');
  const leads = await segments.create({
    name: 'Leads',
    description: 'Everyone still at the lead stage',
    filters: group({ field: 'lifecycleStage', operator: '=', value: 'lead' }),
  });
  await segments.count(leads.documentId);
  await segments.create({
    name: 'Old customers',
    filters: group({ field: 'lifecycleStage', operator: '=', value: 'customer' }),
    archived: true,
  });
  await segments.exportToList(leads.documentId, { name: 'Leads, frozen' });
});

const row = (page: Page, name: string) => page.locator('tbody tr', { hasText: name });

it('lists active and archived segments with their last count, and archives one', async () => {
  const page = await app.logIn(app.admin);
  await page.getByRole('link', { name: 'Segments' }).click();
  await page.waitForURL(/\/admin\/plugins\/segments$/);
  await expect(row(page, 'Leads').textContent()).resolves.toMatch(/Everyone still at the lead stage.*2/);
  expect(await row(page, 'Old customers').count()).toBe(0);

  await page.getByRole('tab', { name: 'Archived' }).click();
  await row(page, 'Old customers').waitFor();

  await page.getByRole('tab', { name: 'Active' }).click();
  await page.getByRole('button', { name: 'Archive Leads' }).click();
  await page.getByText('No active segments').waitFor();
  const stored = await app.strapi.plugin('segments').service('segments').findMany({ archived: true });
  expect(stored.map((s: { name: string }) => s.name).sort()).toEqual(['Leads', 'Old customers']);
  await page.close();
});

it('shows static lists and their frozen members', async () => {
  const page = await app.logIn(app.admin);
  await page.goto(`${app.baseUrl}/admin/plugins/segments/lists`);
  await expect(row(page, 'Leads, frozen').textContent()).resolves.toMatch(/2.*Leads/);
  await page.getByRole('link', { name: 'Leads, frozen' }).click();
  await page.getByText('2 members frozen').waitFor();
  // Each row: the contact (name or email), its email, when it was created.
  const rows = await page.locator('tbody tr').allTextContents();
  expect(rows.map((row) => row.match(/[a-z]+@x\.io/)?.[0]).sort()).toEqual(['anaana@x.io', 'benben@x.io']);
  await page.close();
});

it('hides the plugin from users without its read permission and offers only the allowed actions', async () => {
  const outsider = await createAdminAndLogin(app.strapi, app.request, { permissions: ['admin::users.read'] });
  const page = await app.logIn(outsider);
  expect(await page.getByRole('link', { name: 'Segments' }).count()).toBe(0);
  await page.close();

  const reader = await createAdminAndLogin(app.strapi, app.request, { permissions: ['plugin::segments.read'] });
  const readerPage = await app.logIn(reader);
  await readerPage.goto(`${app.baseUrl}/admin/plugins/segments`);
  await readerPage.getByRole('tab', { name: 'Archived' }).click();
  await row(readerPage, 'Old customers').waitFor();
  expect(await readerPage.getByRole('button', { name: /^(Duplicate|Archive|Unarchive|Delete) / }).count()).toBe(0);
  await readerPage.close();
});
