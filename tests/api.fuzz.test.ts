/**
 * Malformed and hostile filter trees against the three routes that take one (preview, create, update):
 * wrong types, unknown fields and operators, huge lists, deep nesting, prototype keys, NUL, injection
 * strings, broken date math, bad match modes. Whatever comes in, the answer is a 200/201 or a 400 that
 * names where the tree is wrong: never a 5xx. A refused write leaves the stored segments as they were.
 *
 * SEGMENTS_FUZZ_RUNS sets the number of trees (10,000 by default); SEGMENTS_FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { OPERATORS_BY_TYPE } from '../shared/catalog';
import { MATCH_MODES } from '../shared/filter-tree';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { SEGMENT } from './support/uids';

const RUNS = Number(process.env.SEGMENTS_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.SEGMENTS_FUZZ_SEED ?? 20261130);

let t: TestStrapi;
let admin: AdminSession;
let target: { documentId: string };
let fieldNames: string[];

const HOSTILE_TEXT = [
  "'; DROP TABLE contacts; --",
  '" OR 1=1 --',
  "') OR ('1'='1",
  '\u0000',
  'a\u0000b',
  '%',
  '_',
  '\\',
  '${7*7}',
  '__proto__',
  'constructor',
  'prototype',
  'now',
  'now-',
  'now-5x',
  'now+1q',
  'now - 5d',
  'now-99999999y',
  '9999-99-99',
  '2024-02-30',
  '0000-01-01',
  '1e309',
  'NaN',
  '-0',
  '𝔘😀',
  '',
  ' ',
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];
/** What Strapi's body parser (@hapi/bourne) answers to a JSON body with a `__proto__` key. */
const BODY_PARSER_REFUSAL = 'Object contains forbidden prototype property';

/** An own enumerable key, even `__proto__`, so that JSON.stringify sends it. */
function withKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

function hostileTrees(fields: string[]) {
  const text = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  const scalar = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1e308, 2 ** 31, 1e20),
    fc.boolean(),
    fc.constant(null),
  );
  // Rarely, a list long enough to pass the limit on listed values.
  const bigList = fc.integer({ min: 4_990, max: 5_010 }).map((n) => Array.from({ length: n }, (_, i) => i));
  const value = fc.oneof(
    { weight: 6, arbitrary: scalar },
    { weight: 3, arbitrary: fc.array(scalar, { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(text, scalar, { maxKeys: 3 }) },
    { weight: 2, arbitrary: fc.record({ campaigns: fc.array(text, { maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ last: scalar }) },
    { weight: 1, arbitrary: bigList },
  );
  const operators = [...new Set(Object.values(OPERATORS_BY_TYPE).flat())];
  const field = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: text });
  const operator = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...operators) }, { weight: 1, arbitrary: text });
  const match = fc.oneof(
    fc.record(
      { mode: fc.oneof(fc.constantFrom(...MATCH_MODES), text), threshold: fc.oneof(fc.integer({ min: -2, max: 5 }), scalar) },
      { requiredKeys: ['mode'] },
    ),
    value,
  );

  const { tree } = fc.letrec((tie) => ({
    rule: fc.record({ field, operator, value, match }, { requiredKeys: [] }),
    // A to-many rule whose value is a sub-group: the engine's sub-query path.
    subQuery: fc.record({ field, operator: fc.constant('matches'), match, value: tie('group') }),
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('rule'), tie('subQuery'), tie('group'), value),
    group: fc.record(
      {
        combinator: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('and', 'or') }, { weight: 1, arbitrary: scalar }),
        not: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: scalar }),
        rules: fc.oneof({ weight: 8, arbitrary: fc.array(tie('node'), { maxLength: 4 }) }, { weight: 1, arbitrary: value }),
      },
      { requiredKeys: [] },
    ),
    tree: fc.oneof(
      { weight: 10, arbitrary: tie('group') },
      { weight: 2, arbitrary: value },
      // Nested past the depth limit.
      { weight: 1, arbitrary: fc.integer({ min: 11, max: 40 }).map((depth) => nest(depth)) },
      // Own prototype keys at the root or in a rule.
      {
        weight: 2,
        arbitrary: fc
          .tuple(tie('group'), fc.constantFrom(...PROTOTYPE_KEYS), value)
          .map(([g, key, v]) => (typeof g === 'object' && g !== null ? withKey({ ...(g as object) }, key, v) : g)),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), value).map(([key, v]) => ({
          combinator: 'and',
          rules: [withKey({ field: 'email', operator: '=', value: 'x@y.z' }, key, v)],
        })),
      },
    ),
  }));
  return tree;
}

function nest(depth: number): unknown {
  let node: unknown = { field: 'leadScore', operator: '>', value: 1 };
  for (let i = 0; i < depth; i++) node = { combinator: i % 2 ? 'or' : 'and', rules: [node] };
  return node;
}

/** What a refused write must leave alone: how many segments there are, the newest one, and the segment updates aim at. */
const stored = async () => {
  const query = t.strapi.db.query(SEGMENT as any);
  const [count, newest, updated] = await Promise.all([
    query.count({}),
    query.findOne({ select: ['id', 'name', 'filters'], orderBy: { id: 'desc' } }),
    query.findOne({ select: ['name', 'filters', 'updatedAt'], where: { documentId: target.documentId } }),
  ]);
  return JSON.stringify({ count, newest, updated });
};

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  const contacts = t.strapi.documents('api::contact.contact' as any);
  for (const [email, lifecycleStage, leadScore] of [
    ['a@x.io', 'lead', 10],
    ['b@x.io', 'customer', 90],
  ] as const) {
    await contacts.create({ data: { email, lifecycleStage, leadScore } as any });
  }
  target = await t.strapi
    .plugin('segments')
    .service('segments')
    .create({
      name: 'Fuzz target',
      filters: { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] },
    });
  fieldNames = t.strapi
    .plugin('segments')
    .service('audience')
    .catalog()
    .fields.map((f: { name: string }) => f.name);
});
afterAll(() => teardownStrapi());

it(`answers ${RUNS} hostile trees on preview, create and update with a 2xx or a 400 naming the path, never a 5xx`, async () => {
  const trees = fc.sample(hostileTrees(fieldNames), { numRuns: RUNS, seed: SEED });
  expect(trees).toHaveLength(RUNS);
  const tally: Record<string, number> = {};
  let before = await stored();

  for (let i = 0; i < trees.length; i++) {
    const filters = trees[i];
    const route = (['preview', 'create', 'update'] as const)[i % 3];
    // Sent as JSON text, so that own `__proto__` keys reach the server as they are.
    const body = JSON.stringify(route === 'preview' ? { filters } : { name: `Fuzz ${i}`, filters });
    const req =
      route === 'preview'
        ? t.request.post('/segments/preview')
        : route === 'create'
          ? t.request.post('/segments/segments')
          : t.request.put(`/segments/segments/${target.documentId}`);
    const res = await req.set(admin.headers).set('content-type', 'application/json').send(body);
    const at = `tree #${i} (seed ${SEED}) on ${route}: ${body.slice(0, 300)}`;
    tally[`${route} ${res.status}`] = (tally[`${route} ${res.status}`] ?? 0) + 1;

    if (res.status === 400 && res.body.error?.message === BODY_PARSER_REFUSAL) {
      // Strapi's JSON body parser refuses a `__proto__` key before any plugin sees the request.
      expect([at, body.includes('"__proto__"')]).toEqual([at, true]);
      tally['refused by the body parser'] = (tally['refused by the body parser'] ?? 0) + 1;
    } else if (res.status === 400) {
      expect([at, res.body.error?.message, typeof res.body.error?.details?.path]).toEqual([at, res.body.error?.message, 'string']);
      if (route !== 'preview') {
        const after = await stored();
        expect([at, after]).toEqual([at, before]);
      }
    } else {
      expect([at, res.status]).toEqual([at, route === 'create' ? 201 : 200]);
      if (route !== 'preview') before = await stored();
    }
  }
  // The generator must reach both answers on every route, or it tests less than it says.
  for (const route of ['preview', 'create', 'update']) {
    expect([route, (tally[`${route} 400`] ?? 0) > 0]).toEqual([route, true]);
    expect([route, (tally[`${route} ${route === 'create' ? 201 : 200}`] ?? 0) > 0]).toEqual([route, true]);
  }
  if (process.env.SEGMENTS_TEST_VERBOSE) console.log(`fuzz (${t.client}): ${JSON.stringify(tally)}`);
}, 1_800_000);
