/**
 * The demo's example segments (playground/scripts/demo-segments.ts) on a seeded CRM: the five example
 * prompts saved with exactly the trees of playground/scripts/spec-prompts.ts, a segment on a segment, a static list exported from the
 * healthcare segment, every count taken; a second run changes nothing.
 */
import { seed } from '../playground/scripts/seed/index';
import { DEMO_LIST, ensureDemoSegments } from '../playground/scripts/demo-segments';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { SEGMENT, LIST } from './support/uids';

let t: TestStrapi;

beforeAll(async () => {
  t = await setupStrapi();
  // `now` is left to the clock: the trees' date math is evaluated against it too.
  await seed(t.strapi, { contacts: 600, seed: 11 });
});
afterAll(() => teardownStrapi());

const none = (field: string, rules: unknown[]) => ({
  field,
  operator: 'matches',
  match: { mode: 'none' },
  value: { combinator: 'and', rules },
});

/** The five example prompts and their trees (playground/scripts/spec-prompts.ts), written out. */
const SPEC_TREES: Record<string, unknown> = {
  'Not contacted in 60 days': {
    combinator: 'and',
    rules: [none('activities', [{ field: 'occurredAt', operator: '>=', value: 'now-60d' }])],
  },
  'Healthcare leads without a deal': {
    combinator: 'and',
    rules: [
      { field: 'lifecycleStage', operator: '=', value: 'lead' },
      { field: 'company.industry', operator: '=', value: 'healthcare' },
      none('deals', []),
    ],
  },
  "Clicked our last campaign but didn't buy": {
    combinator: 'and',
    rules: [
      { field: 'lifecycleStage', operator: '=', value: 'customer' },
      { field: 'email.clicked', operator: 'any', value: { last: 1 } },
      none('deals', [
        { field: 'stage', operator: '=', value: 'closed_won' },
        { field: 'closeDate', operator: '>=', value: 'now-30d' },
      ]),
    ],
  },
  'Companies over 100 employees in France': {
    combinator: 'and',
    rules: [
      { field: 'company.employees', operator: '>', value: 100 },
      { field: 'company.country', operator: '=', value: 'France' },
    ],
  },
  'German enterprise openers without a recent deal': {
    combinator: 'and',
    rules: [
      { field: 'company.tier', operator: '=', value: 'enterprise' },
      { field: 'company.country', operator: '=', value: 'Germany' },
      { field: 'email.opened', operator: 'all', value: { last: 3 } },
      none('deals', [{ field: 'createdAt', operator: '>=', value: 'now-90d' }]),
    ],
  },
};

const allSegments = () =>
  t.strapi.db
    .query(SEGMENT as any)
    .findMany({ select: ['documentId', 'name', 'filters', 'lastCount', 'lastCountAt'], orderBy: { id: 'asc' } });
const allLists = () =>
  t.strapi.db.query(LIST as any).findMany({ select: ['documentId', 'name', 'memberCount'], populate: { members: { select: ['id'] } } });

describe('ensureDemoSegments', () => {
  let first: Awaited<ReturnType<typeof ensureDemoSegments>>;

  it('saves the product page prompts with their trees, and a segment on the healthcare one', async () => {
    first = await ensureDemoSegments(t.strapi);
    expect(first.created).toBe(true);
    const segments = await allSegments();
    const healthcare = segments.find((s: any) => s.name === 'Healthcare leads without a deal');
    expect(Object.fromEntries(segments.map((s: any) => [s.name, s.filters]))).toEqual({
      ...SPEC_TREES,
      'Healthcare leads without a deal, not unsubscribed': {
        combinator: 'and',
        rules: [
          { field: 'segment', operator: 'in', value: [healthcare.documentId] },
          { field: 'unsubscribed', operator: '=', value: false },
        ],
      },
    });
  });

  it('takes every count, equal to the service’s live count', async () => {
    const service = t.strapi.plugin('segments').service('segments') as any;
    const segments = await allSegments();
    expect(segments).toHaveLength(6);
    const counts: Record<string, number> = {};
    for (const s of segments) {
      counts[s.name] = await service.count(s.filters);
      expect([s.name, s.lastCount]).toEqual([s.name, counts[s.name]]);
      expect(s.lastCountAt).not.toBeNull();
    }
    expect(first.segments.map((s) => [s.name, s.count])).toEqual(segments.map((s: any) => [s.name, counts[s.name]]));
    // On 600 seeded contacts the broad segments find someone, so the demo's list page is not all zeros.
    expect(counts['Not contacted in 60 days']).toBeGreaterThan(0);
    expect(counts['Healthcare leads without a deal']).toBeGreaterThan(0);
    // The nested segment is the healthcare one minus the unsubscribed: never more.
    expect(counts['Healthcare leads without a deal, not unsubscribed']).toBeLessThanOrEqual(counts['Healthcare leads without a deal']);
  });

  it('exports the healthcare segment to a static list holding its members', async () => {
    const lists = await allLists();
    expect(lists.map((l: any) => l.name)).toEqual([DEMO_LIST]);
    const service = t.strapi.plugin('segments').service('segments') as any;
    const healthcare = (await allSegments()).find((s: any) => s.name === 'Healthcare leads without a deal');
    const members: number[] = [];
    for await (const batch of service.stream(healthcare.documentId)) members.push(...batch.map((c: any) => c.id));
    expect(lists[0].memberCount).toBe(members.length);
    expect(lists[0].members.map((m: any) => m.id).sort((a: number, b: number) => a - b)).toEqual(members.sort((a, b) => a - b));
    expect(first.list).toEqual({ documentId: lists[0].documentId, name: DEMO_LIST, memberCount: members.length });
  });

  it('changes nothing on a second run', async () => {
    const segments = await allSegments();
    const lists = await allLists();
    const again = await ensureDemoSegments(t.strapi);
    expect(again).toEqual({ created: false, segments: [], list: null });
    expect(await allSegments()).toEqual(segments);
    expect(await allLists()).toEqual(lists);
  });
});
