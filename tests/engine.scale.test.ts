/**
 * Big lists and segments built on segments, on the demo (300 contacts), on SQLite, PostgreSQL and
 * MariaDB (docs/semantics.md#8-invalid-trees-and-limits, docs/architecture.md#segments-built-on-segments):
 * - one segment using 14 saved segments that each list 4,900 lead scores: answered (200, exact
 *   count), since each list is one bound parameter; 21 of them pass the documented query limit and
 *   answer 400 naming the segments, never a 500 ("too many SQL variables");
 * - segments 3 a level, each using the 3 of the level below plus one rule of its own, 8 levels:
 *   answered with the exact count, and the compiled SQL grows linearly with the levels (each
 *   segment is one CTE, compiled once). Times are printed, not asserted.
 */
import { performance } from 'node:perf_hooks';
import { insertScoredContacts } from './support/bulk-contacts';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;

const CONTACTS = 300;

type Tree = { combinator: 'and' | 'or'; rules: unknown[]; not?: boolean };
const group = (...rules: unknown[]): Tree => ({ combinator: 'and', rules });
const rule = (field: string, operator: string, value?: unknown) => ({ field, operator, value });
const audience = () => t.strapi.plugin('segments').service('audience') as any;

const preview = (filters: unknown) => t.request.post('/segments/preview').set(admin.headers).send({ filters, limit: 5 });
async function save(name: string, filters: Tree): Promise<string> {
  const res = await t.request.post('/segments/segments').set(admin.headers).send({ name, filters });
  if (res.status !== 201) throw new Error(`saving ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.documentId;
}

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  // 300 contacts with lead scores 0..299.
  await insertScoredContacts(t.strapi, CONTACTS, { idPrefix: 'scalecontact', email: (i) => `scale${i}@example.com`, chunkSize: 100 });
});
afterAll(() => teardownStrapi());

describe('a segment using 14 segments of 4,900 listed values each', () => {
  const lists: string[] = [];

  beforeAll(async () => {
    // Segment i lists the scores 10i..10i+9 (real) and 4,890 scores no contact has.
    for (let i = 0; i < 21; i += 1) {
      const scores = [
        ...Array.from({ length: 10 }, (_, k) => 10 * i + k),
        ...Array.from({ length: 4890 }, (_, k) => 100_000 + i * 10_000 + k),
      ];
      lists.push(await save(`Scores ${i}`, group(rule('leadScore', 'in', scores))));
    }
  });

  it('answers 200 with the exact count, in and notIn', async () => {
    const fourteen = lists.slice(0, 14);
    const started = performance.now();
    const inAny = await preview(group(rule('segment', 'in', fourteen))).expect(200);

    console.log(`[${t.client}] 14 × 4,900 listed values: preview in ${Math.round(performance.now() - started)} ms`);
    expect(inAny.body.count).toBe(140);
    expect((await preview(group(rule('segment', 'notIn', fourteen))).expect(200)).body.count).toBe(CONTACTS - 140);
    const compiled = await audience().compile(group(rule('segment', 'in', fourteen)));
    expect(compiled.size.listedValues).toBe(14 * 4900);
    // One parameter per list, whatever its length.
    expect(compiled.size.parameters).toBeLessThan(50);
  });

  it('answers 400 naming the segments past the documented limit of 100,000 listed values', async () => {
    const res = await preview(group(rule('segment', 'in', lists))).expect(400);
    expect(res.body.error.message).toMatch(/lists 102,900 values; at most 100,000/);
    expect(res.body.error.message).toMatch(/"Scores \d+" \(4,900\)/);
    expect(res.body.error.details.segments).toHaveLength(10);
    expect(res.body.error.details.segments[0]).toEqual({ documentId: expect.any(String), name: expect.stringMatching(/^Scores \d+$/) });
    // A saved segment that uses them all is refused when counted, not with a 500.
    const all = await save('All scores', group(rule('segment', 'in', lists)));
    await t.request.post(`/segments/segments/${all}/count`).set(admin.headers).expect(400);
    await t.request.get(`/segments/segments/${all}/contacts`).set(admin.headers).expect(400);
  });
});

describe('segments 3 a level, each using the 3 of the level below, 8 levels', () => {
  /** ids[level][i]: members are the contacts with leadScore ≥ 10·level + i. */
  const ids: string[][] = [];

  beforeAll(async () => {
    for (let level = 0; level < 8; level += 1) {
      ids.push([]);
      for (let i = 0; i < 3; i += 1) {
        const own = rule('leadScore', '>=', 10 * level + i);
        const filters = level === 0 ? group(own) : group(own, rule('segment', 'in', ids[level - 1]));
        ids[level].push(await save(`Level ${level} #${i}`, filters));
      }
    }
  });

  it('answers every level with the exact count', async () => {
    for (let level = 0; level < 8; level += 1) {
      const started = performance.now();
      const res = await preview(group(rule('segment', 'in', [ids[level][2]]))).expect(200);

      console.log(`[${t.client}] chain of ${level + 1} levels: preview in ${Math.round(performance.now() - started)} ms`);
      expect(res.body.count).toBe(CONTACTS - (10 * level + 2));
    }
    // The member page of the top segment, through the saved segment itself.
    const top = await t.request.get(`/segments/segments/${ids[7][0]}/contacts?pageSize=5`).set(admin.headers).expect(200);
    expect(top.body.meta.pagination.total).toBe(CONTACTS - 70);
    expect(top.body.data.map((c: any) => c.email)).toEqual([299, 298, 297, 296, 295].map((i) => `scale${i}@example.com`));
  });

  it('compiles to SQL that grows linearly with the levels', async () => {
    const sizes: { sqlLength: number; parameters: number }[] = [];
    for (let level = 0; level < 8; level += 1) {
      const compiled = await audience().compile(group(rule('segment', 'in', ids[level])));
      // The 3 the tree names are named once each, so written in place; the 3 of every level below are CTEs.
      expect(compiled.segments).toHaveLength(3 * level);
      sizes.push(compiled.size);
    }
    const sqlSteps = sizes.slice(1).map((s, i) => s.sqlLength - sizes[i].sqlLength);
    const parameterSteps = sizes.slice(1).map((s, i) => s.parameters - sizes[i].parameters);
    // Each level adds 3 segments of the same shape: the same parameters, about the same SQL (only
    // alias numbers gain digits). Inlined, each level tripled the SQL.
    expect(new Set(parameterSteps)).toEqual(new Set([3]));
    for (const step of sqlSteps) expect(step / sqlSteps[0]).toBeLessThan(1.2);
    expect(sizes[7].sqlLength / sizes[6].sqlLength).toBeLessThan(1.25);
  });

  it("carries the segments' CTEs into toWhere() and exportToList()", async () => {
    const service = t.strapi.plugin('segments').service('segments') as any;
    // Level 3 #0: lead score ≥ 30, through 9 segments below it.
    const where = await service.toWhere(ids[3][0]);
    const found = await t.strapi.db.query(CONTACT as any).count({ where: { $and: [where, { leadScore: { $lt: 100 } }] } });
    expect(found).toBe(70);
    const list = await service.exportToList(ids[3][0], { name: 'Frozen chain' });
    expect(list.memberCount).toBe(CONTACTS - 30);
  });

  it('validates a save at the top of the chain by walking each segment once', async () => {
    const top = await save('Above the chain', group(rule('segment', 'in', ids[7])));
    expect((await preview(group(rule('segment', 'in', [top]))).expect(200)).body.count).toBe(CONTACTS - 70);
  });
});
