import { type Page } from 'playwright-core';
import { browserApp, meaning } from './support';
import type { FilterGroup } from '../../shared/filter-tree';
import { createAdminAndLogin } from '../helpers/auth';
import { createCrmFixture } from '../support/crm-fixture';
import { answer, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai';
import { until } from '../support/until';

/**
 * AI Mode in a real browser, with a local server speaking the OpenAI API in place of the provider:
 * pick an example prompt, generate, review the explanation, the words and the live count, apply,
 * save, and find the tree (and its prompt) stored; the segments list then reads the tree in words.
 */
const PROMPT = 'Companies with more than 100 employees in France';
const WORDS = 'Company employees is greater than 100 and company country is France';
const TREE: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'company.employees', operator: '>', value: 100 },
    { field: 'company.country', operator: '=', value: 'France' },
  ],
};

let fake: FakeOpenAI;

// The server speaking the OpenAI API is up before Strapi boots, and closed after it stops.
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
const app = browserApp({ strapi: () => ({ env: { OPENAI_API_KEY: 'sk-browser-test', OPENAI_BASE_URL: fake.baseURL } }) });
afterAll(() => fake?.close());

beforeAll(async () => {
  await createCrmFixture(app.strapi, {
    companies: {
      paris: { name: 'Paris Conseil', country: 'France', employees: 150 },
      nantes: { name: 'Nantes Web', country: 'France', employees: 100 },
      berlin: { name: 'Berlin Tech', country: 'Germany', employees: 900 },
    },
    contacts: {
      ana: { firstName: 'Ana', email: 'ana@paris.fr', company: 'paris' },
      ben: { firstName: 'Ben', email: 'ben@paris.fr', company: 'paris' },
      cy: { firstName: 'Cy', email: 'cy@nantes.fr', company: 'nantes' },
      dee: { firstName: 'Dee', email: 'dee@berlin.de', company: 'berlin' },
    },
  });
});

const loggedIn = (user: { email: string; password: string }): Promise<Page> => app.logIn(user, { width: 1280, height: 1000 });

it('generates from an example prompt, shows the explanation and count, applies, and saves the tree with its prompt', async () => {
  fake.script(answer(TREE, 'Contacts whose company has over 100 employees and is in France.'));
  const page = await loggedIn(app.admin);
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/new`);
  await page.getByRole('textbox', { name: 'Name' }).fill('Big French companies');

  await page.getByRole('button', { name: PROMPT }).click();
  await expect(page.getByRole('textbox', { name: /Describe the audience/ }).inputValue()).resolves.toBe(PROMPT);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  await page.getByText('Contacts whose company has over 100 employees and is in France.').waitFor();
  await page.getByText('2 contacts match').waitFor();
  const aiPanel = page.getByRole('region', { name: 'AI Mode' });
  const conditions = page.getByRole('region', { name: 'Conditions' });
  await expect(aiPanel.getByTestId('tree-in-words').textContent()).resolves.toBe(WORDS);
  expect(fake.requests).toHaveLength(1);
  expect(fake.requests[0].body.messages.at(-1).content).toContain(`The audience to build: ${PROMPT}`);

  await page.getByRole('button', { name: 'Apply to the builder' }).click();
  await page.getByText('Applied to the builder.').waitFor();
  // The builder's own words and preview follow the applied tree.
  await expect(conditions.getByTestId('tree-in-words').textContent()).resolves.toBe(WORDS);
  await page.getByText('2 contacts', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/admin\/plugins\/segments\/segments\/(?!new)[^/]+$/);
  const [stored] = await app.strapi.plugin('segments').service('segments').findMany({ q: 'Big French companies' });
  expect(meaning(stored.filters)).toEqual(TREE);
  expect(stored.aiPrompt).toBe(PROMPT);

  await page.goto(`${app.baseUrl}/admin/plugins/segments`);
  await expect(page.locator('tbody tr', { hasText: 'Big French companies' }).getByTestId('segment-summary').textContent()).resolves.toBe(
    WORDS,
  );
  await page.close();
});

it('explains how to enable AI Mode when no key is configured, and the editor keeps working', async () => {
  const saved = process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_API_KEY;
  try {
    const page = await loggedIn(app.admin);
    await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/new`);
    await page.getByRole('textbox', { name: /Describe the audience/ }).fill('leads');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByText('AI Mode is not set up on this server').waitFor();
    await page.getByText(/setting OPENAI_API_KEY/).waitFor();
    await page.getByText('4 contacts', { exact: true }).waitFor();
    await page.close();
  } finally {
    process.env.OPENAI_API_KEY = saved;
  }
});

it('Cancel stops the generation, and the server closes its request to the provider', async () => {
  fake.requests.length = 0;
  fake.script({ delayMs: 120_000, then: answer(TREE) });
  app.strapi.config.set('plugin::segments.ai', { timeoutMs: 120_000 });
  try {
    const page = await loggedIn(app.admin);
    await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/new`);
    await page.getByRole('textbox', { name: /Describe the audience/ }).fill(PROMPT);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByRole('region', { name: 'AI Mode' }).getByRole('button', { name: 'Cancel generation' }).click();
    await page.getByText('Cancelled: the request to the AI provider was stopped.').waitFor();
    await until('the provider saw the connection closed', () => fake.requests[0]?.closedEarly);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].closedEarly).toBe(true);
    expect(await page.getByRole('button', { name: 'Apply to the builder' }).count()).toBe(0);
    await page.close();
  } finally {
    app.strapi.config.set('plugin::segments.ai', {});
  }
});

it('shows no AI panel to an editor without the use-AI permission', async () => {
  const editor = await createAdminAndLogin(app.strapi, app.request, { permissions: ['plugin::segments.read', 'plugin::segments.create'] });
  const page = await loggedIn(editor);
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/new`);
  await page.getByRole('heading', { name: 'Conditions' }).waitFor();
  await page.getByTestId('tree-in-words').waitFor();
  expect(await page.getByRole('heading', { name: 'AI Mode' }).count()).toBe(0);
  await page.close();
});
