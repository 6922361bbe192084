/**
 * POST /segments/ai/generate against a local server speaking the OpenAI API (tests/support/fake-openai.ts),
 * reached through the real `openai` client via OPENAI_BASE_URL: what the model is sent, how its answer
 * becomes a validated tree, the one repair round, every upstream failure's answer, RBAC, and that the
 * key shows up in no response and no log line. On the database of DATABASE_CLIENT.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ACTIONS } from '../shared/permissions';
import { responseSchema } from '../server/ai/schema';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import type { TestStrapi } from './helpers/strapi';
import { resetFake, startAiTestServer, stopAiTestServer, type AiTestServer } from './support/ai-server';
import { createCrmFixture, type CrmFixture } from './support/crm-fixture';
import { answer, type FakeOpenAI } from './support/fake-openai';
import { until } from './support/until';
import type { FilterGroup } from '../shared/filter-tree';

jest.setTimeout(180_000);

const KEY = 'sk-test-NEVER-SHOWN-4242';
const TIMEOUT_MS = 1500;

let server: AiTestServer;
let t: TestStrapi;
let fx: CrmFixture;
let fake: FakeOpenAI;
let admin: AdminSession;
let vip: string;
const seen: string[] = [];
const logText = (from = 0) => server.logs.slice(from).map((l) => l.text);

const P5: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'company.tier', operator: '=', value: 'enterprise' },
    { field: 'company.country', operator: '=', value: 'Germany' },
    { field: 'email.opened', operator: 'all', value: { last: 3 } },
    {
      field: 'deals',
      operator: 'matches',
      match: { mode: 'none' },
      value: { combinator: 'and', rules: [{ field: 'createdAt', operator: '>=', value: 'now-90d' }] },
    },
  ],
};

async function generate(body: unknown, session: AdminSession = admin) {
  const res = await t.request
    .post('/segments/ai/generate')
    .set(session.headers)
    .send(body as object);
  seen.push(JSON.stringify(res.headers), res.text);
  return res;
}

const systemOf = (i: number): string => fake.requests[i].body.messages.find((m: any) => m.role === 'system').content;
const messagesOf = (i: number): Array<{ role: string; content: string }> => fake.requests[i].body.messages;

beforeAll(async () => {
  server = await startAiTestServer({
    OPENAI_API_KEY: KEY,
    SEGMENTS_AI_MODEL: 'fake-model',
    SEGMENTS_AI_TIMEOUT_MS: String(TIMEOUT_MS),
    SEGMENTS_AI_MAX_RETRIES: '1',
  });
  ({ t, fake } = server);
  fx = await createCrmFixture(t.strapi, (clock) => ({
    companies: { acme: { name: 'Acme GmbH', country: 'Germany', tier: 'enterprise' } },
    campaigns: {
      spring: { name: 'Spring Sale', sentAt: clock.daysAgo(30) },
      summer: { name: 'Summer News', sentAt: clock.daysAgo(3) },
      autumn: { name: 'Autumn Draft', sentAt: null },
    },
    contacts: {
      ana: { firstName: 'Ana', lifecycleStage: 'lead', company: 'acme' },
      bo: { firstName: 'Bo', lifecycleStage: 'customer' },
    },
  }));
  vip = await fx.createSegment('VIP customers', {
    combinator: 'and',
    rules: [{ field: 'lifecycleStage', operator: '=', value: 'customer' }],
  });
  admin = await createAdminAndLogin(t.strapi, t.request);
});

afterAll(() => stopAiTestServer(server));

beforeEach(() => resetFake(fake));

describe('what the model is sent', () => {
  it('carries the catalog, the recent campaigns, the saved segments, today and the strict response schema', async () => {
    fake.script(answer(P5, 'German enterprise openers without a recent deal'));
    const res = await generate({
      prompt: 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days',
    });
    expect(res.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const { body, headers } = fake.requests[0];
    expect(headers.authorization).toBe(`Bearer ${KEY}`);
    expect(body.model).toBe('fake-model');
    const catalog = (await t.request.get('/segments/catalog').set(admin.headers)).body;
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'segment_filter_tree', schema: responseSchema(catalog.fields), strict: true },
    });
    expect(body.temperature).toBe(0);
    const system = systemOf(0);
    expect(system).toContain(`Today is ${new Date().toISOString().slice(0, 10)}`);
    expect(system).toMatch(/- company\.tier \| Company › Tier \| enumeration \| .* \| values: smb, mid_market, enterprise/);
    expect(system).toMatch(
      /- deals \| Deals \| toMany \| matches \| match modes: some none all atLeast atMost exactly \| sub-fields:\n {4}- name \| Name/,
    );
    // Names people typed into the CRM travel as JSON data in the user message, never in the system one.
    expect(system).not.toContain('Summer News');
    expect(system).not.toContain('VIP customers');
    const user = messagesOf(0).at(-1)!.content;
    expect(user).toContain(`{"name":"Summer News","documentId":"${fx.campaigns.summer}","sent":"${fx.clock.daysAgo(3).toISOString()}"}`);
    expect(user).toContain(`{"name":"Autumn Draft","documentId":"${fx.campaigns.autumn}","sent":null}`);
    expect(user.indexOf('Summer News')).toBeLessThan(user.indexOf('Spring Sale'));
    expect(user).toContain(`{"name":"VIP customers","documentId":"${vip}"}`);
    expect(user).toMatch(/The audience to build: enterprise accounts in Germany that opened our last 3 campaigns/);
  });

  it('sends the current tree with a refinement and answers with the whole new tree', async () => {
    const current: FilterGroup = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] };
    const refined: FilterGroup = {
      combinator: 'and',
      rules: [...current.rules, { field: 'company.country', operator: '=', value: 'France' }],
    };
    fake.script(answer(refined));
    const res = await generate({ prompt: 'only in France', filters: current });
    expect(res.status).toBe(200);
    const user = messagesOf(0).at(-1)!.content;
    expect(user).toContain(
      'Current tree: {"combinator":"and","not":false,"rules":[{"field":"lifecycleStage","operator":"=","value":"lead"}]}',
    );
    expect(user).toContain('In words: Lifecycle stage is Lead');
    expect(user).toContain('Change asked: only in France');
    expect(res.body.filters).toEqual(refined);
  });
});

describe('the answer', () => {
  it('becomes the tree, validated, with the explanation', async () => {
    fake.script(answer(P5, 'German enterprise openers'));
    const res = await generate({ prompt: 'German enterprise openers' });
    expect(res.body).toEqual({ filters: P5, explanation: 'German enterprise openers', warnings: [], generationId: expect.any(String) });
    // The generated tree counts like any other.
    const preview = await t.request.post('/segments/preview').set(admin.headers).send({ filters: res.body.filters });
    expect(preview.status).toBe(200);
  });

  it('has campaign, segment and company names resolved to documentIds, case-insensitively', async () => {
    fake.script(
      answer({
        combinator: 'and',
        rules: [
          { field: 'email.clicked', operator: 'any', value: { campaigns: ['spring sale', fx.campaigns.summer] } },
          { field: 'segment', operator: 'notIn', value: ['vip CUSTOMERS'] },
          { field: 'company', operator: '=', value: 'ACME gmbh' },
        ],
      }),
    );
    const res = await generate({ prompt: 'clicked spring sale or summer news, not VIP, at Acme' });
    expect(res.status).toBe(200);
    expect(res.body.filters.rules).toEqual([
      { field: 'email.clicked', operator: 'any', value: { campaigns: [fx.campaigns.spring, fx.campaigns.summer] } },
      { field: 'segment', operator: 'notIn', value: [vip] },
      { field: 'company', operator: '=', value: fx.companies.acme },
    ]);
    expect(res.body.warnings).toEqual([]);
  });

  it("with a name it cannot resolve needs the admin's review (422), not a tree that means something else", async () => {
    fake.script(answer({ combinator: 'and', rules: [{ field: 'company', operator: '!=', value: 'Globex' }] }));
    const res = await generate({ prompt: 'contacts not at Globex' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      'AI Mode needs your review: no company is named "Globex". Name it as it is written in the CRM, or pick it in the builder.',
    );
    expect(res.body.error.details.unresolved).toEqual([
      { path: 'rules[0].value', field: 'company', kind: 'company', name: 'Globex', candidates: [] },
    ]);
  });

  it('is retried exactly once with the validation errors when invalid, and the repaired tree is answered', async () => {
    const wrong: FilterGroup = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'vip' }] };
    const right: FilterGroup = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'customer' }] };
    fake.script(answer(wrong), answer(right));
    const res = await generate({ prompt: 'VIPs' });
    expect(res.status).toBe(200);
    expect(res.body.filters).toEqual(right);
    expect(fake.requests).toHaveLength(2);
    const retry = messagesOf(1);
    expect(retry.slice(0, 2)).toEqual(messagesOf(0));
    expect(retry[2]).toEqual({ role: 'assistant', content: answer(wrong).content });
    expect(retry[3].role).toBe('user');
    expect(retry[3].content).toContain('- rules[0].value: "vip" is not a Lifecycle stage value');
  });

  it('is refused with 422 saying what could not be understood after a second invalid answer', async () => {
    const wrong: FilterGroup = { combinator: 'and', rules: [{ field: 'shoeSize', operator: '>', value: 42 }] };
    fake.script(answer(wrong), answer(wrong), answer(P5));
    const res = await generate({ prompt: 'big feet' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /^AI Mode could not turn this prompt into a valid segment: rules\[0\]\.field unknown field "shoeSize"/,
    );
    expect(res.body.error.details.errors).toEqual([
      { path: 'rules[0].field', message: expect.stringContaining('unknown field "shoeSize"') },
    ]);
    expect(fake.requests).toHaveLength(2);
  });

  it('that is not JSON counts as invalid, and an unknown campaign name in the retry needs review', async () => {
    fake.script(
      { content: 'Sure! Here is your segment.' },
      answer({ combinator: 'and', rules: [{ field: 'email.opened', operator: 'any', value: { campaigns: ['Winter Promo'] } }] }),
    );
    const res = await generate({ prompt: 'opened winter promo' });
    expect(res.status).toBe(422);
    expect(messagesOf(1)[3].content).toContain('(answer): the answer was not JSON following the response schema');
    expect(res.body.error.message).toContain('no campaign is named "Winter Promo"');
    expect(res.body.error.details.unresolved[0]).toEqual(expect.objectContaining({ kind: 'campaign', name: 'Winter Promo' }));
  });

  it('holding junk where rules belong is repaired, and a junk tree to refine is sent as it is', async () => {
    fake.script(
      { content: JSON.stringify({ explanation: 'x', filters: { combinator: 'and', not: false, rules: [null, 'lead'] } }) },
      answer(P5),
    );
    const res = await generate({ prompt: 'leads', filters: { combinator: 'and', rules: [null, 7] } });
    expect(res.status).toBe(200);
    expect(messagesOf(0).at(-1)!.content).toContain('Current tree: {"combinator":"and","not":false,"rules":[null,7]}');
    expect(messagesOf(1)[3].content).toContain('- rules[0]: expected a rule');
  });

  it('declined by the model is a 422 with its reason', async () => {
    fake.script({ content: '', refusal: 'I cannot help with that.' });
    const res = await generate({ prompt: 'something odd' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('The AI model declined this prompt: I cannot help with that.');
  });

  it('logs token usage and latency at debug level', async () => {
    fake.script(answer(P5));
    const from = server.logs.length;
    await generate({ prompt: 'German enterprise openers' });
    expect(
      logText(from).some((l) =>
        /AI Mode attempt 1: model fake-model, json_schema, \d+ ms, tokens prompt \d+ completion \d+ total \d+/.test(l),
      ),
    ).toBe(true);
  });
});

describe('upstream failures', () => {
  it('401 → 502 with a short reason', async () => {
    fake.script({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } } });
    const res = await generate({ prompt: 'leads' });
    expect(res.status).toBe(502);
    expect(res.body.error.message).toBe(
      'AI Mode was refused by the AI provider (model fake-model) (401): "Incorrect API key provided: [key]"; check the API key',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('429 → 503 with the upstream Retry-After, not retried', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '7' } }, answer(P5));
    const res = await generate({ prompt: 'leads' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body.error.message).toBe('AI Mode is rate limited by the AI provider (model fake-model) (429): try again in 7 s');
    expect(fake.requests).toHaveLength(1);
  });

  it('429 without Retry-After → 503 without the header', async () => {
    fake.script({ status: 429 });
    const res = await generate({ prompt: 'leads' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('5xx → 502 after the configured retries', async () => {
    fake.script({ status: 500 }, { status: 503 });
    const res = await generate({ prompt: 'leads' });
    expect(res.status).toBe(502);
    expect(res.body.error.message).toBe('the AI provider (model fake-model) failed (503): "scripted 503"; try again');
    expect(fake.requests).toHaveLength(2);
  });

  it('a 5xx then an answer succeeds on the retry', async () => {
    fake.script({ status: 502 }, answer(P5));
    const res = await generate({ prompt: 'leads' });
    expect(res.status).toBe(200);
    expect(fake.requests).toHaveLength(2);
  });

  it('timeout → 504, each request to the provider abandoned at the configured time', async () => {
    // Ten minutes: had the plugin waited for the provider, the test would time out instead.
    fake.script({ delayMs: 600_000, then: answer(P5) }, { delayMs: 600_000, then: answer(P5) });
    const res = await generate({ prompt: 'leads' });
    expect(res.status).toBe(504);
    expect(res.body.error.message).toBe(`AI Mode timed out: the AI provider (model fake-model) did not answer within ${TIMEOUT_MS} ms`);
    expect(fake.requests).toHaveLength(2);
    await until('both requests closed by the plugin', () => fake.requests.every((r) => r.closedEarly));
  });

  it('no key configured → 503 saying how to enable AI Mode, and the rest works', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const res = await generate({ prompt: 'leads' });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/^AI Mode is not configured: set OPENAI_API_KEY \(or the plugin's ai\.apiKey/);
      // Settings are read on every request: nothing needs a restart.
      expect(res.body.error.message).not.toMatch(/restart/i);
      expect(fake.requests).toHaveLength(0);
      await t.request.get('/segments/catalog').set(admin.headers).expect(200);
    } finally {
      process.env.OPENAI_API_KEY = saved;
    }
  });
});

describe('the edge', () => {
  it.each([
    ['no prompt', {}, 'prompt: prompt is required: describe the audience in words'],
    ['a blank prompt', { prompt: '   ' }, 'prompt: prompt is empty: describe the audience in words'],
    ['a prompt of 2001 characters', { prompt: 'x'.repeat(2001) }, 'prompt: prompt is longer than 2000 characters'],
    ['filters that are no tree', { prompt: 'ok', filters: [1] }, 'filters: filters must be the current tree: { combinator, rules: [...] }'],
  ])('400 for %s', async (_what, body, message) => {
    const res = await generate(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
    expect(fake.requests).toHaveLength(0);
  });

  it('accepts a prompt of exactly 2000 characters', async () => {
    fake.script(answer(P5));
    expect((await generate({ prompt: 'y'.repeat(2000) })).status).toBe(200);
  });

  it('403 without the use-AI permission', async () => {
    const reader = await createAdminAndLogin(t.strapi, t.request, { permissions: [ACTIONS.read, ACTIONS.create, ACTIONS.update] });
    const res = await generate({ prompt: 'leads' }, reader);
    expect(res.status).toBe(403);
    expect(fake.requests).toHaveLength(0);
    const allowed = await createAdminAndLogin(t.strapi, t.request, { permissions: [ACTIONS.read, ACTIONS.ai] });
    fake.script(answer(P5));
    expect((await generate({ prompt: 'leads' }, allowed)).status).toBe(200);
  });
});

describe('the key', () => {
  it('appears in no response and no log line', () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((text) => text.includes(KEY))).toEqual([]);
    expect(logText().filter((text) => text.includes(KEY))).toEqual([]);
  });
});

describe('the renderer fixture', () => {
  it('is the live catalog of the playground (tests/fixtures/playground-catalog.json)', async () => {
    const res = await t.request.get('/segments/catalog').set(admin.headers).expect(200);
    const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'playground-catalog.json'), 'utf8'));
    expect(res.body).toEqual(fixture);
  });
});
