import { type Locator, type Page } from 'playwright-core';
import { until } from '../support/until';
import { browserApp, chooseField, chooseOption, closeAnnouncements, docsShot, keystrokeTimes, meaning, shot } from './support';

/**
 * The segment editor used as a marketer would: with the mouse, with the keyboard only, on a slow
 * network, and with a large tree against a large catalog. Counts and stored trees are checked
 * against the plugin's own service, never against numbers written here.
 */
/** Enough extra contact attributes to make the catalog about 200 fields long. */
const EXTRA_FIELDS = 190;
const extraName = (i: number) => `extra${String(i).padStart(3, '0')}`;

const app = browserApp({
  demo: true,
  strapi: {
    afterRegister(strapi) {
      strapi.get('content-types').extend('api::contact.contact', (ct: any) => {
        for (let i = 1; i <= EXTRA_FIELDS; i++) ct.attributes[extraName(i)] = { type: 'string' };
      });
    },
  },
});
const labelOf = (field: string) => app.labelOf(field);

type Tree = { combinator: string; not?: boolean; rules: Array<Tree | Rule>; id?: string };
type Rule = { field: string; operator: string; value?: unknown; id?: string; match?: unknown };

const service = () => app.strapi.plugin('segments').service('segments');

/** A new tab of the file's logged-in session, on the panel's home page. */
async function loggedIn(): Promise<Page> {
  const page = await app.tab();
  if (!page.url().startsWith(`${app.baseUrl}/admin`)) {
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByRole('link', { name: 'Segments' }).first().waitFor();
  }
  return page;
}

/** The builder's top group, and the groups and rules inside it (react-querybuilder's class names). */
const builder = (page: Page) => page.getByRole('group', { name: 'Filter builder' });
const rules = (page: Page) => builder(page).locator('.rule');
const headerOf = (group: Locator) => group.locator('> .ruleGroup-header');

/** Waits until a rule's Field box names `label`: a choice shows once the page has re-rendered the new tree. */
async function expectField(rule: Locator, label: string) {
  const box = rule.getByRole('combobox', { name: 'Field' });
  let shown = '';
  for (let i = 0; i < 50; i++) {
    shown = await box.inputValue();
    if (shown === label) return;
    await rule.page().waitForTimeout(100);
  }
  throw new Error(`the rule's field shows "${shown}", not "${label}"`);
}

/** What the preview panel counts now, once it has stopped loading. */
async function previewCount(page: Page): Promise<number> {
  const panel = page.locator('section[aria-labelledby="segment-preview-title"]');
  await panel.locator('[aria-busy="false"]').waitFor();
  const text = (await panel.locator('[aria-live]').textContent()) ?? '';
  const m = /([\d,  ]+) contacts?/.exec(text);
  if (!m) throw new Error(`no count in the preview: "${text}"`);
  return Number(m[1].replace(/[^\d]/g, ''));
}

/** Waits until the preview settles on the count of `tree` (the service's answer, for the same tree). */
async function expectPreviewOf(page: Page, tree: Tree) {
  const expected = await service().count(meaning(tree));
  await page
    .waitForFunction(
      (n) => {
        const live = document.querySelector('section[aria-labelledby="segment-preview-title"] [aria-live]');
        return (
          live?.getAttribute('aria-busy') === 'false' && new RegExp(`^${n.toLocaleString('en')} contacts?`).test(live.textContent ?? '')
        );
      },
      expected,
      { timeout: 20_000 },
    )
    .catch(async (e) => {
      throw new Error(`preview never showed ${expected} (shows ${await previewCount(page).catch(() => '?')}): ${e.message}`);
    });
  return expected;
}

/** The filters stored for a segment, read from the database rather than through the API the page uses. */
async function storedTree(documentId: string): Promise<Tree> {
  const segment = await app.strapi.documents('plugin::segments.segment' as any).findOne({ documentId });
  return (segment as any).filters;
}

// First, so the list shows the demo segments only.
it('takes the screenshots of the segments list and the editor on demo data', async () => {
  const page = await loggedIn();
  await page.goto(`${app.baseUrl}/admin/plugins/segments`);
  await page.getByRole('link', { name: 'Healthcare leads without a deal', exact: true }).waitFor();
  await closeAnnouncements(page);
  await page.waitForFunction(() => !document.body.textContent?.includes('Counting '));
  const demo = (await service().findMany({ archived: false })) as Array<{ documentId: string; name: string }>;
  for (const segment of demo) {
    const count = await service().count(segment.documentId);
    await expect(
      page
        .locator('tbody tr')
        .filter({ has: page.getByRole('link', { name: segment.name, exact: true }) })
        .locator('td')
        .nth(1)
        .textContent(),
    ).resolves.toBe(count.toLocaleString('en'));
  }
  await shot(page, 'segments-list.png');
  await docsShot(page, 'segments.png');

  await page.getByRole('link', { name: "Clicked our last campaign but didn't buy", exact: true }).click();
  await builder(page).waitFor();
  const stored = demo.find((s) => s.name === "Clicked our last campaign but didn't buy") as unknown as { filters: Tree };
  await expectPreviewOf(page, stored.filters);
  await shot(page, 'editor-preview.png');
  await docsShot(page, 'editor.png', true);
  await page.close();
});

it('builds a segment with the mouse, drags a rule into a group, saves it and gets the same tree back', async () => {
  const page = await loggedIn();
  await page.getByRole('link', { name: 'Segments' }).click();
  await page.waitForURL(/\/admin\/plugins\/segments$/);
  await page.getByRole('link', { name: 'Create segment' }).click();
  await page.waitForURL(/segments\/new$/);

  await page.getByRole('textbox', { name: /^Name/ }).click();
  await page.keyboard.type('Healthcare leads in France');

  const root = builder(page).locator('.ruleGroup').first();
  await headerOf(root).getByRole('button', { name: 'Add condition' }).click();
  // A new rule waits for its value: the preview says it cannot count yet, the rule is not marked as an error.
  await page.getByText(/^Finish the condition on .+ to update the count$/).waitFor();
  await expect(builder(page).locator('.rule-frame[data-invalid]').count()).resolves.toBe(0);
  await chooseField(page, rules(page).nth(0), labelOf('lifecycleStage'));
  await chooseOption(
    page,
    rules(page)
      .nth(0)
      .getByRole('combobox', { name: `Value of ${labelOf('lifecycleStage')}` }),
    'Lead',
  );

  await headerOf(root).getByRole('button', { name: 'Add condition' }).click();
  await chooseField(page, rules(page).nth(1), labelOf('company.industry'));
  await chooseOption(
    page,
    rules(page)
      .nth(1)
      .getByRole('combobox', { name: `Value of ${labelOf('company.industry')}` }),
    'Healthcare',
  );

  await headerOf(root).getByRole('button', { name: 'Add group' }).click();
  const group = root.locator('.ruleGroup').first();
  await chooseOption(page, headerOf(group).getByRole('combobox', { name: 'Combinator' }), 'Any condition (OR)');
  await headerOf(group).getByRole('button', { name: 'Add condition' }).click();
  await chooseField(page, group.locator('.rule').first(), labelOf('company.country'));
  const country = group
    .locator('.rule')
    .first()
    .getByRole('textbox', { name: `Value of ${labelOf('company.country')}` });
  await country.click();
  await page.keyboard.type('France');

  const built: Tree = {
    combinator: 'and',
    rules: [
      { field: 'lifecycleStage', operator: '=', value: 'lead' },
      { field: 'company.industry', operator: '=', value: 'healthcare' },
      { combinator: 'or', rules: [{ field: 'company.country', operator: '=', value: 'France' }] },
    ],
  };
  const before = await expectPreviewOf(page, built);
  await shot(page, 'editor-built.png');

  // Drag the industry rule into the OR group, onto its country rule (dropped after it).
  await rules(page).nth(1).getByRole('img', { name: 'Drag to move' }).dragTo(group.locator('.rule').first());
  await expect(group.locator('.rule').count()).resolves.toBe(2);
  const dragged: Tree = {
    combinator: 'and',
    rules: [
      { field: 'lifecycleStage', operator: '=', value: 'lead' },
      {
        combinator: 'or',
        rules: [
          { field: 'company.country', operator: '=', value: 'France' },
          { field: 'company.industry', operator: '=', value: 'healthcare' },
        ],
      },
    ],
  };
  const after = await expectPreviewOf(page, dragged);
  expect(after).not.toBe(before);

  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/segments\/(?!new)[a-z0-9]+$/);
  const documentId = page.url().split('/').pop()!;
  expect(meaning(await storedTree(documentId))).toEqual(meaning(dragged));

  await page.reload();
  await builder(page).waitFor();
  await expectPreviewOf(page, dragged);
  await expect(page.getByRole('textbox', { name: /^Name/ }).inputValue()).resolves.toBe('Healthcare leads in France');
  await expect(rules(page).count()).resolves.toBe(3);
  await expect(rules(page).nth(0).getByRole('combobox', { name: 'Field' }).inputValue()).resolves.toBe(labelOf('lifecycleStage'));
  const reloadedGroup = builder(page).locator('.ruleGroup .ruleGroup').first();
  await expect(reloadedGroup.locator('.rule').nth(1).getByRole('combobox', { name: 'Field' }).inputValue()).resolves.toBe(
    labelOf('company.industry'),
  );
  await expect(reloadedGroup.locator('.rule').nth(0).getByRole('textbox').inputValue()).resolves.toBe('France');
  await page.close();
});

/** A saved segment to act on, made through the service as another admin would have. */
async function savedSegment(name: string, filters: Tree) {
  return service().create({ name, filters }) as Promise<{ documentId: string; name: string }>;
}
const leadsInHealthcare: Tree = {
  combinator: 'and',
  rules: [
    { field: 'lifecycleStage', operator: '=', value: 'lead' },
    { field: 'company.industry', operator: '=', value: 'healthcare' },
  ],
};

async function openEditor(page: Page, documentId: string) {
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/${documentId}`);
  await builder(page).waitFor();
}

/** A tree of one rule: "email contains <value>". */
const emailContains = (value: string): Tree => ({ combinator: 'and', rules: [{ field: 'email', operator: 'contains', value }] });

/** A saved "email contains a" segment, open in the editor with its preview shown; `input` is the rule's value box. */
async function editEmailSegment(name: string) {
  const segment = await savedSegment(name, emailContains('a'));
  const page = await loggedIn();
  await openEditor(page, segment.documentId);
  await expectPreviewOf(page, emailContains('a'));
  const input = rules(page)
    .nth(0)
    .getByRole('textbox', { name: `Value of ${labelOf('email')}` });
  return { segment, page, input };
}

it('exports a saved segment to a list under its default name and links to the list', async () => {
  const segment = await savedSegment('Healthcare leads to export', leadsInHealthcare);
  const members = await service().count(segment.documentId);
  expect(members).toBeGreaterThan(0);
  const page = await loggedIn();
  await openEditor(page, segment.documentId);
  await expectPreviewOf(page, leadsInHealthcare);

  await page.getByRole('button', { name: 'Export to List' }).click();
  const dialog = page.getByRole('dialog');
  const defaultName = `${segment.name} (${new Date().toISOString().slice(0, 10)})`;
  await expect(dialog.getByLabel('List name').inputValue()).resolves.toBe(defaultName);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await dialog.getByText(`${members} contacts frozen into “${defaultName}”.`).waitFor();
  await dialog.getByRole('link', { name: `Open “${defaultName}”` }).click();

  await page.waitForURL(/\/plugins\/segments\/lists\/[a-z0-9]+$/);
  await page.getByText(new RegExp(`^${members} members frozen`)).waitFor();
  await expect(page.locator('tbody tr').count()).resolves.toBe(Math.min(members, 10));
  const [list] = await app.strapi.documents('plugin::segments.list' as any).findMany({ filters: { name: defaultName } });
  expect(list).toBeTruthy();
  await shot(page, 'list-page.png');
  await page.close();
});

it('duplicates, archives and deletes (after confirming) from the editor', async () => {
  const segment = await savedSegment('Leads to copy', leadsInHealthcare);
  const page = await loggedIn();
  await openEditor(page, segment.documentId);

  await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith(segment.documentId) && /segments\/[a-z0-9]+$/.test(url.pathname));
  const copyId = page.url().split('/').pop()!;
  await page.getByRole('heading', { name: `Copy of ${segment.name}` }).waitFor();
  const copy = await app.strapi.documents('plugin::segments.segment' as any).findOne({ documentId: copyId });
  expect(meaning((copy as any).filters)).toEqual(meaning(leadsInHealthcare));

  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  await page.getByRole('button', { name: 'Unarchive', exact: true }).waitFor();
  expect(((await app.strapi.documents('plugin::segments.segment' as any).findOne({ documentId: copyId })) as any).archived).toBe(true);

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByText(`“Copy of ${segment.name}” will be deleted.`, { exact: false }).waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.strapi.documents('plugin::segments.segment' as any).findOne({ documentId: copyId })).resolves.toBeTruthy();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL(/\/admin\/plugins\/segments$/);
  await expect(app.strapi.documents('plugin::segments.segment' as any).findOne({ documentId: copyId })).resolves.toBeNull();
  await expect(app.strapi.documents('plugin::segments.segment' as any).findOne({ documentId: segment.documentId })).resolves.toBeTruthy();
  await page.close();
});

/** axe-core in the page; `scope` narrows it to part of the page. Prints every violation, returns the serious ones. */
async function axe(page: Page, label: string, scope?: string) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[]; html: string }> }> =
    await page.evaluate(
      async (context) => ((await (window as any).axe.run(context ?? document, { resultTypes: ['violations'] })) as any).violations,
      scope,
    );
  for (const v of violations) {
    console.log(
      `axe ${label}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
        .join(' | ')}`,
    );
  }
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

it('has no serious or critical accessibility violations on the segments list and in the editor', async () => {
  const segment = await savedSegment('Accessible leads', {
    combinator: 'and',
    rules: [
      ...leadsInHealthcare.rules,
      {
        combinator: 'or',
        rules: [
          { field: 'company.country', operator: '=', value: 'France' },
          { field: 'leadScore', operator: '>=', value: 50 },
        ],
      },
    ],
  });
  const page = await loggedIn();
  await page.goto(`${app.baseUrl}/admin/plugins/segments`);
  await page.locator('tbody tr').first().waitFor();
  expect(await axe(page, 'segments list', 'main')).toEqual([]);

  await openEditor(page, segment.documentId);
  await page
    .locator('section[aria-labelledby="segment-preview-title"] tbody tr, section[aria-labelledby="segment-preview-title"] li')
    .first()
    .waitFor();
  expect(await axe(page, 'editor', 'main')).toEqual([]);
  await page.close();
});

/** What has keyboard focus: its label or text, and the index of the rule it sits in (-1: none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const rule = el?.closest('.rule');
    return {
      label: el?.getAttribute('aria-label') || (el as HTMLInputElement | null)?.name || el?.textContent?.trim().slice(0, 40) || '',
      tag: el?.tagName ?? '',
      rule: rule ? [...document.querySelectorAll('.rule')].indexOf(rule) : -1,
    };
  });

/** Presses Tab (Shift+Tab with `back`) until the focused element has this label (in this rule); fails after 60 presses. */
async function tabTo(page: Page, label: string, { rule, back = false }: { rule?: number; back?: boolean } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.label === label && (rule === undefined || f.rule === rule)) return;
    seen.push(`${f.tag}:${f.label}@${f.rule}`);
  }
  throw new Error(`Tab never reached "${label}"${rule === undefined ? '' : ` in rule ${rule}`}; went through ${seen.join(' → ')}`);
}

/**
 * In a searched list, ArrowDown to the first option, which must be `label`. The list highlights it a
 * tick after the key (as a person would, wait to see it): an Enter before that chooses nothing.
 */
async function highlightFirst(page: Page, label: string) {
  await page.getByRole('option', { name: new RegExp(`^${label}`) }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page
    .locator('[role="option"][data-highlighted]')
    .filter({ hasText: new RegExp(`^${label}`) })
    .waitFor();
}

/**
 * In an open select, presses ArrowDown until `option` is highlighted, then Enter. Like a person, it
 * looks at the highlight move before pressing again (the list moves it a moment after the key).
 */
async function arrowTo(page: Page, option: string) {
  const highlighted = () => page.evaluate(() => document.querySelector('[role="option"][data-highlighted]')?.textContent?.trim());
  for (let i = 0; i < 30; i++) {
    const before = await highlighted();
    if (before === option) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
    for (let wait = 0; wait < 20 && (await highlighted()) === before; wait++) await page.waitForTimeout(25);
  }
  const options = await page.evaluate(() => [...document.querySelectorAll('[role="option"]')].map((o) => o.outerHTML.slice(0, 300)));
  throw new Error(`ArrowDown never reached the option "${option}": ${options.join('\n')}`);
}

it('builds, reorders and saves a segment with the keyboard only', async () => {
  const page = await loggedIn();
  await page.goto(`${app.baseUrl}/admin/plugins/segments/segments/new`);
  await builder(page).waitFor();

  await tabTo(page, 'name');
  await page.keyboard.type('Keyboard customers');
  await tabTo(page, 'Add condition');
  await page.keyboard.press('Enter');
  await rules(page).nth(0).waitFor();

  await tabTo(page, 'Field', { rule: 0 });
  await page.keyboard.type('Lifecycle');
  await highlightFirst(page, labelOf('lifecycleStage'));
  await page.keyboard.press('Enter');
  await expectField(rules(page).nth(0), labelOf('lifecycleStage'));

  await tabTo(page, 'Operator', { rule: 0 });
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'is not', exact: true }).waitFor();
  await arrowTo(page, 'is not');
  await rules(page).nth(0).getByRole('combobox', { name: 'Operator' }).filter({ hasText: 'is not' }).waitFor();

  // A person reads the preview of the new operator before choosing the value.
  await page.waitForLoadState('networkidle');
  await tabTo(page, `Value of ${labelOf('lifecycleStage')}`, { rule: 0 });
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'Customer', exact: true }).waitFor();
  await arrowTo(page, 'Customer');
  await rules(page)
    .nth(0)
    .getByRole('combobox', { name: `Value of ${labelOf('lifecycleStage')}` })
    .filter({ hasText: 'Customer' })
    .waitFor();

  await tabTo(page, 'Add condition', { back: true });
  await page.keyboard.press('Enter');
  await rules(page).nth(1).waitFor();
  await tabTo(page, 'Field', { rule: 1 });
  await page.keyboard.type(labelOf('leadScore'));
  await highlightFirst(page, labelOf('leadScore'));
  await page.keyboard.press('Enter');
  await tabTo(page, 'Operator', { rule: 1 });
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'at least', exact: true }).waitFor();
  await arrowTo(page, 'at least');
  await tabTo(page, `Value of ${labelOf('leadScore')}`, { rule: 1 });
  await page.keyboard.type('40');

  await tabTo(page, 'Move up', { rule: 1, back: true });
  await page.keyboard.press('Enter');
  await expectField(rules(page).nth(0), labelOf('leadScore'));
  // The moved rule keeps the focus, so a second press moves it again instead of getting lost.
  const afterMove = await focused(page);
  expect(afterMove).toMatchObject({ label: 'Move up', rule: 0 });

  const built: Tree = {
    combinator: 'and',
    rules: [
      { field: 'leadScore', operator: '>=', value: 40 },
      { field: 'lifecycleStage', operator: '!=', value: 'customer' },
    ],
  };
  await expectPreviewOf(page, built);

  await tabTo(page, 'Save', { back: true });
  await page.keyboard.press('Enter');
  await page.waitForURL(/segments\/(?!new)[a-z0-9]+$/);
  const stored = await storedTree(page.url().split('/').pop()!);
  expect(meaning(stored)).toEqual(meaning(built));
  await page.close();
});

it('keeps focus, shows loading and never lets an older preview win on a slow network', async () => {
  const tree = emailContains;
  const { segment, page, input } = await editEmailSegment('Slow network');

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 800, downloadThroughput: -1, uploadThroughput: -1 });
  // Every state the count goes through, in order, as the page shows it.
  await page.evaluate(() => {
    const live = document.querySelector('section[aria-labelledby="segment-preview-title"] [aria-live]')!;
    const seen: string[] = ((window as any).__previews = []);
    new MutationObserver(() => seen.push(`${live.getAttribute('aria-busy')}|${live.textContent}`)).observe(live, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });

  await input.click();
  await page.keyboard.press('End');
  // Slower than the preview's debounce and faster than the network: requests overlap.
  for (const key of ['r', '.', 'f', 'r']) {
    await page.keyboard.type(key);
    await page.waitForTimeout(550);
    await expect(page.getByText('Updating the preview').isVisible()).resolves.toBe(true);
  }
  const final = await expectPreviewOf(page, tree('ar.fr'));
  await expect(input.inputValue()).resolves.toBe('ar.fr');
  await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

  // Give any late answer time to land, then check that none replaced the final count.
  await page.waitForTimeout(2500);
  const seen: string[] = await page.evaluate(() => (window as any).__previews);
  const counts = seen.filter((s) => s.startsWith('false|')).map((s) => s.slice(6));
  expect(counts[counts.length - 1]).toMatch(new RegExp(`^${final.toLocaleString('en')} contacts?`));
  expect(seen.some((s) => s.startsWith('true|'))).toBe(true);

  // Saving on the slow network: the button is busy (and cannot be pressed twice) until the answer.
  const save = page.getByRole('button', { name: 'Save' });
  await save.click();
  // The design system's busy button: disabled, with a spinner where a start icon would be (Save has none).
  const spinner = save.locator('> span[aria-hidden="true"]');
  await spinner.waitFor();
  await expect(save.isDisabled()).resolves.toBe(true);
  await page.getByText(`Saved “${segment.name}”`).waitFor();
  await spinner.waitFor({ state: 'detached' });
  expect(meaning(await storedTree(segment.documentId))).toEqual(meaning(tree('ar.fr')));
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.close();
});

it('shows the first contacts while a slow count runs, says "Counting…", and gives the count up when the tree changes', async () => {
  const tree = emailContains;
  const { page, input } = await editEmailSegment('Slow count');

  // The count requests wait until the test lets them through; the first contacts do not.
  const held: Array<() => Promise<void>> = [];
  await page.route('**/segments/preview/count', async (route) => {
    held.push(() => route.continue().catch(() => undefined));
  });
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().endsWith('/segments/preview/count')) aborted.push(request.failure()?.errorText ?? '');
  });
  const live = page.locator('section[aria-labelledby="segment-preview-title"] [aria-live="polite"]');
  await input.click();
  await page.keyboard.press('End');
  await page.keyboard.type('r');
  await page.getByText('Counting…').first().waitFor();
  await expect(live.getAttribute('aria-busy')).resolves.toBe('true');
  // The first contacts of "ar" are on screen, under the last count, dimmed.
  const first = await service().preview(meaning(tree('ar')), { limit: 10 });
  const list = page.locator('#segment-preview-first + ul');
  await expect(list.locator('li').first().innerText()).resolves.toContain(first.contacts[0].name);
  await shot(page, 'editor-counting.png', false);

  // Another letter: the count of "ar" is no longer wanted; the page aborts it (the server then stops its statement).
  await page.keyboard.type('.');
  await until('the count of "ar" given up', () => aborted.length >= 1);
  expect(aborted[0]).toMatch(/ABORTED/);
  await until('the count of "ar." asked', () => held.length >= 2);
  for (const release of held) await release();
  await page.unroute('**/segments/preview/count');
  await expectPreviewOf(page, tree('ar.'));
  await expect(page.getByText('Counting…').count()).resolves.toBe(0);
  await page.close();
});

it('says the moment a preview is exact for when the server answers part of it from the editor’s cache', async () => {
  // The cache works on PostgreSQL (tests/api.edit-cache.test.ts); this run is on SQLite, so the count's
  // answer gets the `asOf` a PostgreSQL server would add, and the page is what is checked.
  const tree = emailContains;
  const { page, input } = await editEmailSegment('Kept part');
  const asOf = new Date(Date.now() - 40_000).toISOString();
  await page.route('**/segments/preview/count', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), asOf } });
  });
  await input.click();
  await page.keyboard.press('End');
  await page.keyboard.type('r');
  await expectPreviewOf(page, tree('ar'));
  // The preview panel's line (the count bar carries the same attribute, with a shorter text).
  const line = page.locator(`[data-as-of="${asOf}"]`).filter({ hasText: 'the conditions you did not change' });
  await line.waitFor();
  const time = new Date(asOf).toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit', second: '2-digit' });
  await expect(line.innerText()).resolves.toBe(
    `Exact as of ${time}: the conditions you did not change were read then, and nothing in the database has changed since`,
  );
  await shot(page, 'editor-as-of.png', false);
  // At 1024 px the preview panel moves under the conditions: the line is there, scrolled to.
  await page.setViewportSize({ width: 1024, height: 900 });
  await line.scrollIntoViewIfNeeded();
  await expect(line.isVisible()).resolves.toBe(true);
  // The count bar stuck to the top says so too, shortly.
  const bar = page.getByTestId('count-bar').locator(`[data-as-of="${asOf}"]`);
  await expect(bar.isVisible()).resolves.toBe(true);
  await expect(bar.innerText()).resolves.toBe(`exact as of ${time}`);
  await shot(page, 'editor-as-of-1024.png', false);
  await page.unroute('**/segments/preview/count');
  await page.close();
});

it('measures a keystroke in a 100-rule tree against a 200-field catalog', async () => {
  const catalog = (await app.request.get('/segments/catalog').set(app.admin.headers).expect(200)).body;
  expect(catalog.fields.length).toBeGreaterThanOrEqual(200);
  const tree: Tree = {
    combinator: 'and',
    rules: Array.from({ length: 100 }, (_, i) => ({ field: extraName(i + 1), operator: 'doesNotContain', value: 'zz' })),
  };
  const segment = await savedSegment('A hundred rules', tree);
  const page = await loggedIn();
  await openEditor(page, segment.documentId);
  await expect(rules(page).count()).resolves.toBe(100);
  await expectPreviewOf(page, tree);

  const input = rules(page)
    .nth(50)
    .getByRole('textbox', { name: `Value of ${labelOf(extraName(51))}` });
  const presses = 30;
  const sorted = await keystrokeTimes(page, input, presses);
  console.log(
    `keystroke to next paint, 100 rules / ${catalog.fields.length} fields: median ${sorted[Math.floor(presses / 2)].toFixed(1)} ms, ` +
      `max ${sorted[presses - 1].toFixed(1)} ms (${sorted.map((x) => x.toFixed(1)).join(', ')})`,
  );
  await expect(input.inputValue()).resolves.toBe(`zz${'q'.repeat(presses)}`);
  await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await shot(page, 'editor-100-rules.png');
  await page.close();
});
