/**
 * Invalid filter trees (docs/semantics.md §8) through every surface that accepts one:
 * POST /segments/preview, POST /segments/segments (create) and PUT /segments/segments/:id (update).
 * Each answers 400 with a message a person can act on and the exact path of the offending part of
 * the tree, never a 500, and never saves anything (no new segment, the old tree left in place).
 *
 * Also: injection strings in values are taken literally (bound parameters, `%` / `_` / `\` are not
 * LIKE wildcards), and in field names, operators and combinators they are refused with a 400.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { CONTACT, SEGMENT } from './support/uids';

let t: TestStrapi;
let admin: AdminSession;
let campaignId: string;

type Tree = Record<string, unknown>;
const group = (rules: unknown[], combinator: string = 'and', extra: Record<string, unknown> = {}): Tree => ({
  combinator,
  rules,
  ...extra,
});
const rule = (field: unknown, operator: unknown, value?: unknown, extra: Record<string, unknown> = {}) =>
  value === undefined ? { field, operator, ...extra } : { field, operator, value, ...extra };

const okA = rule('lifecycleStage', '=', 'lead');
const okB = rule('leadScore', '>=', 10);
/** Puts `bad` at `rules[2].rules[0]` among valid siblings, so the path must be exact. */
const nested = (bad: unknown): Tree => group([okA, group([okB, okA], 'or'), group([bad, okB])]);
const P = 'rules[2].rules[0]';

const preview = (filters: unknown, extra: Record<string, unknown> = {}) =>
  t.request
    .post('/segments/preview')
    .set(admin.headers)
    .send({ filters, ...extra });

const deals = (sub: Tree, match: unknown = { mode: 'some' }, extra: Record<string, unknown> = {}) =>
  rule('deals', 'matches', sub, { match, ...extra });

/** `depth` nested groups, the innermost holding one valid rule. */
function nest(depth: number): Tree {
  let node: Tree = group([okA]);
  for (let d = 1; d < depth; d++) node = group([node]);
  return node;
}
const nestPath = (depth: number) => Array.from({ length: depth - 1 }, () => 'rules[0]').join('.');

interface Case {
  name: string;
  filters: () => unknown;
  path: string;
  /** what the message must mention so a person can act on it */
  message: RegExp;
}

const SEGMENT_MISSING = 'nosuchsegment0000000000000';

const cases: Case[] = [
  // ---- unknown fields
  { name: 'unknown field', filters: () => nested(rule('favoriteColor', '=', 'blue')), path: `${P}.field`, message: /favoriteColor/ },
  { name: 'unknown dotted field', filters: () => nested(rule('company.revenue', '>', 5)), path: `${P}.field`, message: /company\.revenue/ },
  {
    name: 'unknown sub-query field',
    filters: () => nested(deals(group([rule('probability', '>', 1)]))),
    path: `${P}.value.rules[0].field`,
    message: /probability/,
  },
  {
    name: 'contact field inside a sub-query',
    filters: () => nested(deals(group([rule('leadScore', '>', 1)]))),
    path: `${P}.value.rules[0].field`,
    message: /leadScore/,
  },
  { name: 'field that is not a string', filters: () => group([rule(5, '=', 'x')]), path: 'rules[0].field', message: /field/ },
  { name: 'field missing', filters: () => group([{ operator: '=', value: 'x' }]), path: 'rules[0].field', message: /field/ },

  // ---- operators
  { name: 'contains on a number', filters: () => nested(rule('leadScore', 'contains', '5')), path: `${P}.operator`, message: /contains/ },
  { name: '> on a boolean', filters: () => nested(rule('unsubscribed', '>', true)), path: `${P}.operator`, message: />/ },
  { name: 'in on a date', filters: () => nested(rule('createdAt', 'in', ['2024-01-01'])), path: `${P}.operator`, message: /in/ },
  { name: 'between on text', filters: () => nested(rule('email', 'between', ['a', 'b'])), path: `${P}.operator`, message: /between/ },
  { name: '< on an enumeration', filters: () => nested(rule('lifecycleStage', '<', 'lead')), path: `${P}.operator`, message: /</ },
  { name: 'unknown operator', filters: () => nested(rule('email', 'like', '%a%')), path: `${P}.operator`, message: /like/ },
  { name: 'operator not a string', filters: () => group([rule('email', null, 'x')]), path: 'rules[0].operator', message: /operator/ },
  { name: '= on segment', filters: () => nested(rule('segment', '=', [SEGMENT_MISSING])), path: `${P}.operator`, message: /=/ },
  { name: '= on email engagement', filters: () => nested(rule('email.opened', '=', { last: 1 })), path: `${P}.operator`, message: /=/ },
  {
    name: 'contains on a sub-query enumeration',
    filters: () => nested(deals(group([rule('stage', '>', 'qualified')]))),
    path: `${P}.value.rules[0].operator`,
    message: />/,
  },
  {
    name: 'an operator other than matches on a to-many field',
    filters: () => nested(rule('deals', 'some', group([]), { match: { mode: 'some' } })),
    path: `${P}.operator`,
    message: /some/,
  },

  // ---- text values
  { name: 'text: a number', filters: () => nested(rule('email', '=', 42)), path: `${P}.value`, message: /42/ },
  { name: 'text: an empty string', filters: () => nested(rule('email', '=', '')), path: `${P}.value`, message: /null|empty/ },
  { name: 'text: an array for =', filters: () => nested(rule('email', '=', ['a@b.c'])), path: `${P}.value`, message: /text/ },
  { name: 'text: null', filters: () => nested(rule('email', 'contains', null)), path: `${P}.value`, message: /text/ },
  { name: 'text: missing value', filters: () => nested(rule('email', 'beginsWith')), path: `${P}.value`, message: /text/ },
  { name: 'text: an object', filters: () => nested(rule('jobTitle', 'endsWith', { $ne: 'x' })), path: `${P}.value`, message: /text/ },
  {
    name: 'enumeration: not one of its values',
    filters: () => nested(rule('lifecycleStage', '=', 'prospect')),
    path: `${P}.value`,
    message: /prospect/,
  },
  {
    name: 'sub-query enumeration: not one of its values',
    filters: () => nested(deals(group([rule('stage', '=', 'won')]))),
    path: `${P}.value.rules[0].value`,
    message: /won/,
  },
  { name: 'to-one relation: a number', filters: () => nested(rule('company', '=', 42)), path: `${P}.value`, message: /42/ },

  // ---- numbers
  ...['12abc', '1e5', 'NaN', 'Infinity', '-Infinity', '', ' ', '-', '0x10', '1,5', '1.2.3', '12 3', 'abc'].map<Case>((v) => ({
    name: `number: ${JSON.stringify(v)}`,
    filters: () => nested(rule('leadScore', '=', v)),
    path: `${P}.value`,
    message: /number/,
  })),
  ...[true, null, {}, [5]].map<Case>((v) => ({
    name: `number: ${JSON.stringify(v)}`,
    filters: () => nested(rule('leadScore', '>', v)),
    path: `${P}.value`,
    message: /number/,
  })),
  {
    name: 'number: 1e5 inside a sub-query',
    filters: () => nested(deals(group([rule('amount', '>', '1e5')]))),
    path: `${P}.value.rules[0].value`,
    message: /1e5/,
  },
  { name: 'number: missing value', filters: () => nested(rule('leadScore', '<')), path: `${P}.value`, message: /number/ },

  // ---- booleans
  ...['true', 1, 'yes', null, 0].map<Case>((v) => ({
    name: `boolean: ${JSON.stringify(v)}`,
    filters: () => nested(rule('unsubscribed', '=', v)),
    path: `${P}.value`,
    message: /true or false/,
  })),

  // ---- dates
  ...[
    '2024-13-45',
    'now-5x',
    '2024-02-30',
    '2023-02-29',
    'yesterday',
    'now-',
    'now - 5d',
    'now-5',
    '5d',
    '2024-01-01T25:00:00Z',
    '2024-1-1',
    '',
    1700000000000,
  ].map<Case>((v) => ({
    name: `datetime: ${JSON.stringify(v)}`,
    filters: () => nested(rule('createdAt', '>', v)),
    path: `${P}.value`,
    message: /ISO-8601|date/,
  })),
  {
    name: 'date (closeDate in a sub-query): 2024-13-45',
    filters: () => nested(deals(group([rule('closeDate', '>=', '2024-13-45')]))),
    path: `${P}.value.rules[0].value`,
    message: /2024-13-45/,
  },
  { name: 'lastActivityAt: now-5x', filters: () => nested(rule('lastActivityAt', '<', 'now-5x')), path: `${P}.value`, message: /now-5x/ },

  // ---- between
  { name: 'between: a single number', filters: () => nested(rule('leadScore', 'between', 5)), path: `${P}.value`, message: /low, high/ },
  { name: 'between: one bound', filters: () => nested(rule('leadScore', 'between', [1])), path: `${P}.value`, message: /low, high/ },
  {
    name: 'between: three bounds',
    filters: () => nested(rule('leadScore', 'between', [1, 2, 3])),
    path: `${P}.value`,
    message: /low, high/,
  },
  {
    name: 'between: an object',
    filters: () => nested(rule('leadScore', 'notBetween', { low: 1, high: 2 })),
    path: `${P}.value`,
    message: /low, high/,
  },
  { name: 'between: a comma string', filters: () => nested(rule('leadScore', 'between', '1,5')), path: `${P}.value`, message: /low, high/ },
  {
    name: 'between: bad high bound',
    filters: () => nested(rule('leadScore', 'between', [1, 'x'])),
    path: `${P}.value[1]`,
    message: /number/,
  },
  {
    name: 'between: bad low bound',
    filters: () => nested(rule('leadScore', 'notBetween', ['12abc', 5])),
    path: `${P}.value[0]`,
    message: /12abc/,
  },
  {
    name: 'between: low above high',
    filters: () => nested(rule('leadScore', 'between', [80, 20])),
    path: `${P}.value`,
    message: /low bound 80 is above the high bound 20/,
  },
  {
    name: 'notBetween: low above high, as decimal strings',
    filters: () => nested(rule('leadScore', 'notBetween', ['10.5', '10.25'])),
    path: `${P}.value`,
    message: /above/,
  },
  {
    name: 'between: huge integers out of order (exact, not through a float)',
    filters: () => nested(rule('leadScore', 'between', ['9007199254740993', '9007199254740992'])),
    path: `${P}.value`,
    message: /above/,
  },
  {
    name: 'between dates: low above high',
    filters: () => nested(rule('createdAt', 'between', ['2025-06-01', '2025-01-01'])),
    path: `${P}.value`,
    message: /2025-06-01.*above/,
  },
  {
    name: 'between date math: low above high',
    filters: () => nested(rule('createdAt', 'between', ['now-7d', 'now-60d'])),
    path: `${P}.value`,
    message: /now-7d.*above/,
  },
  {
    name: 'between on a sub-query date: low above high',
    filters: () => nested(deals(group([rule('closeDate', 'between', ['2025-02-01', '2025-01-31'])]))),
    path: `${P}.value.rules[0].value`,
    message: /above/,
  },
  { name: 'text: only whitespace', filters: () => nested(rule('jobTitle', '=', '   ')), path: `${P}.value`, message: /non-empty/ },
  { name: 'text: a tab and a newline', filters: () => nested(rule('email', 'contains', '\t\n')), path: `${P}.value`, message: /non-empty/ },
  {
    name: 'text: whitespace inside an in list',
    filters: () => nested(rule('jobTitle', 'in', ['CEO', '  '])),
    path: `${P}.value[1]`,
    message: /non-empty/,
  },
  {
    name: 'text: whitespace in a sub-query',
    filters: () => nested(deals(group([rule('owner', 'beginsWith', ' ')]))),
    path: `${P}.value.rules[0].value`,
    message: /non-empty/,
  },
  { name: 'segment: a blank documentId', filters: () => nested(rule('segment', 'in', ['  '])), path: `${P}.value`, message: /segment/ },
  {
    name: 'between dates: bad high bound',
    filters: () => nested(rule('createdAt', 'between', ['2024-01-01', 'now-5x'])),
    path: `${P}.value[1]`,
    message: /now-5x/,
  },

  // ---- in / notIn
  { name: 'in: a string', filters: () => nested(rule('email', 'in', 'a@b.c')), path: `${P}.value`, message: /array/ },
  { name: 'in: an empty array', filters: () => nested(rule('email', 'in', [])), path: `${P}.value`, message: /array/ },
  { name: 'notIn: a number', filters: () => nested(rule('leadScore', 'notIn', 5)), path: `${P}.value`, message: /array/ },
  { name: 'in: a bad number', filters: () => nested(rule('leadScore', 'in', [1, 'x'])), path: `${P}.value[1]`, message: /number/ },
  {
    name: 'notIn: a bad enumeration value',
    filters: () => nested(rule('lifecycleStage', 'notIn', ['lead', 'bogus'])),
    path: `${P}.value[1]`,
    message: /bogus/,
  },
  { name: 'in: a nested array', filters: () => nested(rule('email', 'in', [['a@b.c']])), path: `${P}.value[0]`, message: /text/ },

  // ---- match
  {
    name: 'match on a scalar field',
    filters: () => nested(rule('email', '=', 'a@b.c', { match: { mode: 'some' } })),
    path: `${P}.match`,
    message: /to-many/,
  },
  {
    name: 'match on a to-one relation field',
    filters: () => nested(rule('company.industry', '=', 'finance', { match: { mode: 'all' } })),
    path: `${P}.match`,
    message: /to-many/,
  },
  {
    name: 'missing match on a to-many field',
    filters: () => nested(rule('deals', 'matches', group([]))),
    path: `${P}.match`,
    message: /match/,
  },
  { name: 'match that is a string', filters: () => nested(deals(group([]), 'some')), path: `${P}.match`, message: /match/ },
  { name: 'unknown match mode', filters: () => nested(deals(group([]), { mode: 'any' })), path: `${P}.match.mode`, message: /any/ },
  {
    name: 'atLeast without a threshold',
    filters: () => nested(deals(group([]), { mode: 'atLeast' })),
    path: `${P}.match.threshold`,
    message: /threshold/,
  },
  {
    name: 'negative threshold',
    filters: () => nested(deals(group([]), { mode: 'atMost', threshold: -1 })),
    path: `${P}.match.threshold`,
    message: /threshold/,
  },
  {
    name: 'fractional threshold',
    filters: () => nested(deals(group([]), { mode: 'exactly', threshold: 1.5 })),
    path: `${P}.match.threshold`,
    message: /threshold/,
  },
  {
    name: 'threshold as a string',
    filters: () => nested(deals(group([]), { mode: 'atLeast', threshold: '2' })),
    path: `${P}.match.threshold`,
    message: /threshold/,
  },
  { name: 'to-many value not a group', filters: () => nested(deals('closed_won' as any)), path: `${P}.value`, message: /group/ },
  {
    name: 'to-many value missing',
    filters: () => nested(rule('activities', 'matches', undefined, { match: { mode: 'none' } })),
    path: `${P}.value`,
    message: /group/,
  },

  // ---- size limits
  { name: 'groups nested 13 deep', filters: () => nest(13), path: nestPath(13), message: /12/ },
  {
    name: 'a sub-query group past the 12th level',
    filters: () => {
      let node: Tree = group([deals(group([rule('stage', '=', 'qualified')]))]);
      for (let d = 1; d < 12; d++) node = group([node]);
      return node;
    },
    path: `${nestPath(12)}.rules[0].value`,
    message: /12/,
  },
  {
    name: '501 rules',
    filters: () => group(Array.from({ length: 501 }, (_, i) => rule('leadScore', '>', i))),
    path: 'rules',
    message: /501.*500|500/,
  },
  {
    name: '501 rules spread over groups',
    filters: () =>
      group(Array.from({ length: 3 }, (_, g) => group(Array.from({ length: 167 }, (_, i) => rule('leadScore', '>', g * 1000 + i))))),
    path: 'rules',
    message: /500/,
  },

  // ---- segments
  {
    name: 'unknown segment',
    filters: () => nested(rule('segment', 'in', [SEGMENT_MISSING])),
    path: `${P}.value[0]`,
    message: new RegExp(SEGMENT_MISSING),
  },
  { name: 'segment: empty list', filters: () => nested(rule('segment', 'notIn', [])), path: `${P}.value`, message: /segment/ },
  { name: 'segment: not an array', filters: () => nested(rule('segment', 'in', SEGMENT_MISSING)), path: `${P}.value`, message: /segment/ },

  // ---- engagement
  {
    name: 'engagement: empty campaigns list',
    filters: () => nested(rule('email.opened', 'all', { campaigns: [] })),
    path: `${P}.value.campaigns`,
    message: /campaign/,
  },
  {
    name: 'engagement: last 0',
    filters: () => nested(rule('email.clicked', 'any', { last: 0 })),
    path: `${P}.value.last`,
    message: /last/,
  },
  {
    name: 'engagement: last -3',
    filters: () => nested(rule('email.clicked', 'none', { last: -3 })),
    path: `${P}.value.last`,
    message: /last/,
  },
  {
    name: 'engagement: last 1.5',
    filters: () => nested(rule('email.opened', 'any', { last: 1.5 })),
    path: `${P}.value.last`,
    message: /last/,
  },
  {
    name: 'engagement: last as a string',
    filters: () => nested(rule('email.opened', 'any', { last: '3' })),
    path: `${P}.value.last`,
    message: /last/,
  },
  {
    name: 'engagement: unknown campaign',
    filters: () => nested(rule('email.opened', 'any', { campaigns: [campaignId, 'nosuchcampaign00000000000'] })),
    path: `${P}.value.campaigns[1]`,
    message: /nosuchcampaign00000000000/,
  },
  {
    name: 'engagement: neither campaigns nor last',
    filters: () => nested(rule('email.opened', 'any', {})),
    path: `${P}.value`,
    message: /campaigns|last/,
  },
  {
    name: 'engagement: both campaigns and last',
    filters: () => nested(rule('email.opened', 'any', { campaigns: [campaignId], last: 1 })),
    path: `${P}.value`,
    message: /campaigns|last/,
  },
  {
    name: 'engagement: a bare array',
    filters: () => nested(rule('email.opened', 'any', [campaignId])),
    path: `${P}.value`,
    message: /campaigns|last/,
  },

  // ---- groups
  { name: 'root: an array', filters: () => [okA], path: '(root)', message: /group|tree/ },
  { name: 'root: a rule', filters: () => okA, path: '(root)', message: /group|tree/ },
  { name: 'root: a number', filters: () => 42, path: '(root)', message: /group|tree/ },
  { name: 'root: null', filters: () => null, path: '(root)', message: /group|tree/ },
  { name: 'root: a string', filters: () => 'everyone', path: '(root)', message: /group|tree/ },
  { name: 'root: a group without rules', filters: () => ({ combinator: 'and' }), path: '(root)', message: /group|tree/ },
  { name: 'combinator "xor" at the root', filters: () => group([okA], 'xor'), path: 'combinator', message: /xor/ },
  {
    name: 'combinator "xor" in a nested group',
    filters: () => group([okA, group([okB], 'xor')]),
    path: 'rules[1].combinator',
    message: /xor/,
  },
  { name: 'combinator missing', filters: () => ({ rules: [okA] }), path: 'combinator', message: /combinator/ },
  { name: 'combinator "AND " (not exact)', filters: () => group([okA], 'AND '), path: 'combinator', message: /combinator/ },
  { name: 'not: a string', filters: () => group([okA], 'and', { not: 'yes' }), path: 'not', message: /not/ },
  { name: 'a rule that is a number', filters: () => group([okA, 42]), path: 'rules[1]', message: /rule|group/ },
  { name: 'a rule that is null', filters: () => group([null]), path: 'rules[0]', message: /rule|group/ },
];

// ------------------------------------------------------------------------------------------------

let target: { documentId: string; name: string; filters: Tree };
const TARGET_FILTERS = group([rule('lifecycleStage', '=', 'customer'), rule('leadScore', '>=', 50)]);

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  const docs = t.strapi.documents as any;
  const campaign = await docs('api::campaign.campaign').create({ data: { name: 'Spring', subject: 'Hi', sentAt: new Date() } });
  campaignId = campaign.documentId;
  const res = await t.request
    .post('/segments/segments')
    .set(admin.headers)
    .send({ name: 'Target', description: 'kept intact', filters: TARGET_FILTERS });
  expect(res.status).toBe(201);
  target = res.body.data;
});

afterAll(async () => {
  await teardownStrapi();
});

const segmentRows = () => t.strapi.db.query(SEGMENT as any).count({});

function expectInvalid(res: any, c: Case) {
  if (res.status !== 400) throw new Error(`expected 400, got ${res.status}: ${JSON.stringify(res.body)}`);
  expect(res.body.data).toBeNull();
  const { error } = res.body;
  expect(error).toMatchObject({ status: 400, name: 'ValidationError' });
  expect(typeof error.message).toBe('string');
  expect(error.details.path).toBe(c.path);
  expect(error.details.errors.map((e: any) => e.path)).toEqual([c.path]);
  expect(error.message).toContain(c.path);
  expect(error.details.errors[0].message).toMatch(c.message);
  // a sentence, not a code or a stack
  expect(error.message).not.toMatch(/at \w+ \(|\n\s+at |SQLITE|ER_|syntax error/i);
}

describe('invalid trees answer 400 with a message and the exact path', () => {
  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it('POST /segments/preview', async () => {
      const res = await preview(c.filters());
      expectInvalid(res, c);
    });

    it('POST /segments/segments saves nothing', async () => {
      const before = await segmentRows();
      const res = await t.request
        .post('/segments/segments')
        .set(admin.headers)
        .send({ name: `Invalid ${c.name}`, filters: c.filters() });
      expectInvalid(res, c);
      expect(await segmentRows()).toBe(before);
    });

    it('PUT /segments/segments/:id leaves the old segment', async () => {
      // start from the saved state (an earlier failure must not leak into this case)
      await t.strapi.db.query(SEGMENT as any).update({
        where: { documentId: target.documentId },
        data: { name: 'Target', description: 'kept intact', filters: TARGET_FILTERS },
      });
      const res = await t.request
        .put(`/segments/segments/${target.documentId}`)
        .set(admin.headers)
        .send({ name: 'Renamed by an invalid update', description: 'changed', filters: c.filters() });
      expectInvalid(res, c);
      const after = await t.request.get(`/segments/segments/${target.documentId}`).set(admin.headers);
      expect(after.status).toBe(200);
      expect(after.body.data).toMatchObject({ name: 'Target', description: 'kept intact', filters: TARGET_FILTERS });
    });
  });

  it('none of the invalid creates left a segment behind', async () => {
    const list = await t.request.get('/segments/segments').set(admin.headers);
    expect(list.status).toBe(200);
    expect(list.body.data.map((s: any) => s.name)).toEqual(['Target']);
  });
});

describe('the valid neighbours of those cases are accepted', () => {
  const valid: Array<[string, () => unknown]> = [
    [
      'numbers as numbers and decimal strings',
      () =>
        group([
          rule('leadScore', '=', 100),
          rule('leadScore', '!=', '100'),
          rule('leadScore', '<', '2.5'),
          rule('leadScore', '>', '-3'),
          rule('leadScore', 'in', ['1', 2]),
        ]),
    ],
    ['decimal amount in a sub-query', () => group([deals(group([rule('amount', '>=', '1000.50')]))])],
    ['booleans', () => group([rule('unsubscribed', '=', true), rule('unsubscribed', '!=', false)])],
    [
      'date math and ISO dates',
      () =>
        group(
          [
            'now',
            'now-60d',
            'now+2w',
            'now-1M',
            'now-1y',
            'now-12h',
            '2024-02-29',
            '2024-01-01T10:00:00Z',
            '2024-01-01T10:00:00.123+02:00',
          ].map((v) => rule('createdAt', '<=', v)),
          'or',
        ),
    ],
    [
      'between and notBetween',
      () => group([rule('leadScore', 'between', [1, '50']), rule('createdAt', 'notBetween', ['2020-01-01', 'now'])]),
    ],
    [
      'between with equal bounds, and dates whose order depends on the clock',
      () =>
        group([
          rule('leadScore', 'between', [50, '50.0']),
          rule('createdAt', 'between', ['2999-01-01', 'now']),
          rule('createdAt', 'between', ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00Z']),
        ]),
    ],
    ['text with spaces around words', () => group([rule('jobTitle', '=', ' CEO '), rule('email', 'contains', 'a b')])],
    ['enumeration values in any case', () => group([rule('lifecycleStage', 'in', ['LEAD', 'Customer'])])],
    ['valueless operators without a value', () => group([rule('email', 'notNull'), rule('company', 'null'), rule('leadScore', 'notNull')])],
    [
      'every match mode',
      () =>
        group(
          ['some', 'none', 'all']
            .map((mode) => deals(group([]), { mode }))
            .concat(['atLeast', 'atMost', 'exactly'].map((mode) => deals(group([]), { mode, threshold: 0 }))),
        ),
    ],
    [
      'engagement by campaigns and by last',
      () =>
        group([
          rule('email.opened', 'any', { campaigns: [campaignId] }),
          rule('email.clicked', 'all', { last: 3 }),
          rule('email.opened', 'none', { last: 1 }),
        ]),
    ],
    ['groups nested 12 deep', () => nest(12)],
    ['exactly 500 rules', () => group(Array.from({ length: 500 }, (_, i) => rule('leadScore', '>', i)))],
    ['an empty group with not', () => group([], 'or', { not: true })],
    ['a saved segment', () => group([rule('segment', 'in', [target.documentId])])],
  ];

  it.each(valid)('%s', async (_name, filters) => {
    const res = await preview(filters());
    expect([res.status, res.body?.error]).toEqual([200, undefined]);
    const count = await t.strapi.plugin('segments').service('segments').count(filters());
    expect(res.body.count).toBe(count);
    expect(res.body.contacts).toHaveLength(Math.min(count, 10));
  });
});

describe('more than one problem', () => {
  it('lists every problem, the first one in the message', async () => {
    const res = await preview(
      group([rule('nope', '=', 'x'), okA, group([rule('leadScore', '=', '12abc')]), rule('createdAt', '<', 'now-5x')]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('rules[0].field');
    expect(res.body.error.details.errors.map((e: any) => e.path)).toEqual(['rules[0].field', 'rules[2].rules[0].value', 'rules[3].value']);
    expect(res.body.error.message).toMatch(/rules\[0\]\.field/);
  });
});

describe('the rest of the request body', () => {
  it('preview without filters is a 400 naming filters', async () => {
    const res = await t.request.post('/segments/preview').set(admin.headers).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('filters');
  });

  it.each([[-1], ['abc'], [1000]])('preview limit %p is a 400 naming limit', async (limit) => {
    const res = await preview(group([]), { limit });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('limit');
  });

  it('create without a name is a 400 naming name, and saves nothing', async () => {
    const before = await segmentRows();
    for (const body of [{ filters: group([]) }, { name: '   ', filters: group([]) }, { name: 42, filters: group([]) }]) {
      const res = await t.request.post('/segments/segments').set(admin.headers).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.path).toBe('name');
    }
    expect(await segmentRows()).toBe(before);
  });

  it('create without filters is a 400 naming filters', async () => {
    const res = await t.request.post('/segments/segments').set(admin.headers).send({ name: 'No filters' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('filters');
  });
});

describe('segment references', () => {
  const create = async (name: string, filters: unknown) => {
    const res = await t.request.post('/segments/segments').set(admin.headers).send({ name, filters });
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    return res.body.data as { documentId: string; name: string; filters: Tree };
  };
  const uses = (...ids: string[]) => group([rule('segment', 'in', ids)]);

  it('refuses a cycle on save (A uses B, then B updated to use A), naming it', async () => {
    const b = await create('Cycle B', group([rule('leadScore', '>', 10)]));
    const a = await create('Cycle A', uses(b.documentId));

    const res = await t.request
      .put(`/segments/segments/${b.documentId}`)
      .set(admin.headers)
      .send({ filters: group([okA, uses(a.documentId)]) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('rules[1].rules[0].value[0]');
    expect(res.body.error.message).toMatch(/cycle/i);
    expect(res.body.error.message).toContain('Cycle A');
    expect(res.body.error.message).toContain('Cycle B');

    const after = await t.request.get(`/segments/segments/${b.documentId}`).set(admin.headers);
    expect(after.body.data.filters).toEqual(b.filters);

    // both still evaluate
    for (const s of [a, b]) {
      expect((await t.request.get(`/segments/segments/${s.documentId}/contacts`).set(admin.headers)).status).toBe(200);
    }
  });

  it('refuses a segment that uses itself', async () => {
    const a = await create('Self', group([okA]));
    const res = await t.request
      .put(`/segments/segments/${a.documentId}`)
      .set(admin.headers)
      .send({ filters: uses(a.documentId) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('rules[0].value[0]');
    expect(res.body.error.message).toMatch(/cycle/i);
    expect(res.body.error.message).toContain('Self');
  });

  it('refuses a longer cycle (A → B → C, then C → A)', async () => {
    const c = await create('Loop C', group([okB]));
    const b = await create('Loop B', uses(c.documentId));
    const a = await create('Loop A', uses(b.documentId));
    const res = await t.request
      .put(`/segments/segments/${c.documentId}`)
      .set(admin.headers)
      .send({ filters: group([rule('segment', 'notIn', [a.documentId])]) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Loop C.*Loop A.*Loop B.*Loop C|Loop A.*Loop B.*Loop C.*Loop A/);
  });

  it('refuses a chain deeper than 10', async () => {
    let previous = await create('Chain 0', group([okA]));
    for (let i = 1; i <= 10; i++) previous = await create(`Chain ${i}`, uses(previous.documentId));
    // Chain 10 → 9 → ... → 0 is 10 references deep; one more is one too many.
    const before = await segmentRows();
    const res = await t.request
      .post('/segments/segments')
      .set(admin.headers)
      .send({ name: 'Chain 11', filters: uses(previous.documentId) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('rules[0].value[0]');
    expect(res.body.error.message).toMatch(/10/);
    expect(await segmentRows()).toBe(before);
  });
});

// ------------------------------------------------------------------------------------------------

describe('injection strings', () => {
  const INJECTIONS = ["'; DROP TABLE contacts; --", '%', '_', '\\', "'", '"', ') OR 1=1 --', "' OR '1'='1", '%%', '\\%', '*'];
  let total: number;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const docs = t.strapi.documents as any;
    const make = async (key: string, data: Record<string, unknown>) => {
      const c = await docs(CONTACT).create({ data: { lifecycleStage: 'lead', leadScore: 1, ...data } });
      ids[key] = c.documentId;
    };
    await make('plain', { firstName: 'Plain', lastName: 'Person', email: 'plain@example.com', jobTitle: 'Engineer' });
    await make('percent', { firstName: 'Per', lastName: 'Cent', email: 'percent@example.com', jobTitle: '100% sure' });
    await make('underscore', { firstName: 'Under', lastName: 'Score', email: 'under_score@example.com', jobTitle: 'a_b' });
    await make('backslash', { firstName: 'Back', lastName: 'Slash', email: 'back@example.com', jobTitle: 'C:\\temp' });
    await make('quote', { firstName: 'Liam', lastName: "O'Brien", email: 'liam@example.com', jobTitle: 'The "boss"' });
    await make('drop', { firstName: 'Bobby', lastName: 'Tables', email: 'bobby@example.com', jobTitle: "'; DROP TABLE contacts; --" });
    await make('star', { firstName: 'Star', lastName: 'Man', email: 'star@example.com', jobTitle: 'ab' });
    total = await t.strapi.db.query(CONTACT as any).count({});
  });

  const count = async (filters: unknown) => {
    const res = await preview(filters, { limit: 100 });
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    return res.body as { count: number; contacts: Array<{ documentId: string }> };
  };
  const members = async (filters: unknown) => (await count(filters)).contacts.map((c) => c.documentId).sort();
  const only = (...keys: string[]) => keys.map((k) => ids[k]).sort();

  it.each(INJECTIONS)('%p as a value is taken literally', async (value) => {
    expect((await count(group([rule('email', '=', value)]))).count).toBe(0);
    expect((await count(group([rule('lastName', 'in', [value, 'nobody'])]))).count).toBe(0);
    expect((await count(group([rule('leadScore', '=', 1), rule('firstName', 'contains', value)]))).count).toBe(0);
    // the complement is every contact, exactly
    expect((await count(group([rule('email', '!=', value)]))).count).toBe(total);
    expect((await count(group([rule('firstName', 'doesNotContain', value)]))).count).toBe(total);
    // and nothing was dropped
    expect(await t.strapi.db.query(CONTACT as any).count({})).toBe(total);
  });

  it('% and _ are not wildcards', async () => {
    expect(await members(group([rule('jobTitle', 'contains', '%')]))).toEqual(only('percent'));
    expect(await members(group([rule('jobTitle', 'contains', '_')]))).toEqual(only('underscore'));
    expect(await members(group([rule('email', 'contains', '_')]))).toEqual(only('underscore'));
    expect(await members(group([rule('jobTitle', 'endsWith', '% sure')]))).toEqual(only('percent'));
    expect(await members(group([rule('jobTitle', 'beginsWith', '_')]))).toEqual([]);
    expect(await members(group([rule('jobTitle', '=', 'a%')]))).toEqual([]);
    expect(await members(group([rule('jobTitle', '=', 'a_')]))).toEqual([]);
    expect(await members(group([rule('jobTitle', 'beginsWith', 'a_')]))).toEqual(only('underscore'));
    // "_" must not stand for any character: "a_b" does not match "ab" (nor "acb")
    expect(await members(group([rule('jobTitle', 'contains', 'a_b')]))).toEqual(only('underscore'));
    expect(await members(group([rule('jobTitle', '=', 'a_b')]))).toEqual(only('underscore'));
    expect(await members(group([rule('jobTitle', 'in', ['a_', 'a%', '_b'])]))).toEqual([]);
    expect((await count(group([rule('jobTitle', 'doesNotContain', '%')]))).count).toBe(total - 1);
    expect((await count(group([rule('jobTitle', 'doesNotContain', '_')]))).count).toBe(total - 1);
  });

  it('backslashes and quotes are literal', async () => {
    expect(await members(group([rule('jobTitle', 'contains', '\\')]))).toEqual(only('backslash'));
    expect(await members(group([rule('jobTitle', '=', 'C:\\temp')]))).toEqual(only('backslash'));
    expect(await members(group([rule('jobTitle', 'endsWith', ':\\temp')]))).toEqual(only('backslash'));
    expect(await members(group([rule('jobTitle', 'contains', '\\t')]))).toEqual(only('backslash'));
    expect(await members(group([rule('lastName', '=', "o'brien")]))).toEqual(only('quote'));
    expect(await members(group([rule('lastName', 'contains', "'")]))).toEqual(only('quote'));
    expect(await members(group([rule('jobTitle', 'contains', '"boss"')]))).toEqual(only('quote'));
  });

  it('an injection string stored as data is matched exactly, and the tables are intact', async () => {
    expect(await members(group([rule('jobTitle', '=', "'; DROP TABLE contacts; --")]))).toEqual(only('drop'));
    expect(await members(group([rule('jobTitle', 'contains', 'drop table')]))).toEqual(only('drop'));
    expect(await members(group([rule('jobTitle', 'in', ["'; DROP TABLE contacts; --", ') OR 1=1 --'])]))).toEqual(only('drop'));
    expect(await t.strapi.db.query(CONTACT as any).count({})).toBe(total);
  });

  it('injection strings in a sub-query value are literal', async () => {
    const docs = t.strapi.documents as any;
    await docs('api::deal.deal').create({
      data: { name: "100% 'deal'", stage: 'proposal', owner: 'a_b@example.com', contacts: [ids.percent] },
    });
    expect(await members(group([deals(group([rule('name', 'contains', '%')]))]))).toEqual(only('percent'));
    expect(await members(group([deals(group([rule('owner', '=', 'a%b@example.com')]))]))).toEqual([]);
    expect(await members(group([deals(group([rule('name', '=', "') OR 1=1 --")]))]))).toEqual([]);
    expect((await count(group([deals(group([rule('name', '=', "') OR 1=1 --")]), { mode: 'none' })]))).count).toBe(total);
  });

  it('saves a segment whose name and values hold injection strings, as written', async () => {
    const filters = group([rule('jobTitle', '=', "'; DROP TABLE contacts; --")]);
    const res = await t.request
      .post('/segments/segments')
      .set(admin.headers)
      .send({ name: "Robert'); DROP TABLE segments_segments;--", filters });
    expect(res.status).toBe(201);
    const read = await t.request.get(`/segments/segments/${res.body.data.documentId}`).set(admin.headers);
    expect(read.body.data).toMatchObject({ name: "Robert'); DROP TABLE segments_segments;--", filters });
    const page = await t.request.get(`/segments/segments/${res.body.data.documentId}/contacts`).set(admin.headers);
    expect(page.body.data.map((c: any) => c.documentId)).toEqual(only('drop'));
    expect(await segmentRows()).toBeGreaterThan(1);
  });

  const badNames: Array<[string, () => unknown, string]> = [
    ['a field name with SQL', () => group([rule('email; DROP TABLE contacts; --', '=', 'x')]), 'rules[0].field'],
    ['a field name closing a parenthesis', () => group([okA, rule('email) OR 1=1 --', '=', 'x')]), 'rules[1].field'],
    ['a quoted column name', () => group([rule('"email"', '=', 'x')]), 'rules[0].field'],
    ['a column name instead of the attribute', () => group([rule('first_name', '=', 'x')]), 'rules[0].field'],
    ['a table-qualified column', () => group([rule('c.id', '>', 0)]), 'rules[0].field'],
    ['a sub-query field name with SQL', () => group([deals(group([rule('stage) OR (1=1', '=', 'x')]))]), 'rules[0].value.rules[0].field'],
    ['an operator with SQL', () => group([rule('email', "= 'x' OR 1=1 --", 'x')]), 'rules[0].operator'],
    ['an operator that is SQL for LIKE', () => group([rule('email', 'LIKE', '%')]), 'rules[0].operator'],
    ['a Strapi operator', () => group([rule('email', '$containsi', 'a')]), 'rules[0].operator'],
    ['a combinator with SQL', () => group([okA], 'and 1=1) OR (1'), 'combinator'],
    ['a match mode with SQL', () => group([deals(group([]), { mode: "some' OR '1'='1" })]), 'rules[0].match.mode'],
    [
      'an operator with SQL on a to-many field',
      () => group([rule('deals', 'matches) OR (1=1', group([]), { match: { mode: 'some' } })]),
      'rules[0].operator',
    ],
  ];

  it.each(badNames)('%s is a 400 with no effect', async (_name, filters, path) => {
    const res = await preview(filters());
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe(path);
    const before = await segmentRows();
    const saved = await t.request.post('/segments/segments').set(admin.headers).send({ name: 'Injected', filters: filters() });
    expect(saved.status).toBe(400);
    expect(await segmentRows()).toBe(before);
    expect(await t.strapi.db.query(CONTACT as any).count({})).toBe(total);
  });
});

describe('edge values are answered, never with a 500', () => {
  // Each edge with the answer it gets: 200 (with the engine's count) or 400 (with the offending path).
  const edges: Array<[string, () => unknown, 200 | { path: string }]> = [
    ['a huge integer', () => group([rule('leadScore', '=', 1e20)]), 200],
    ['a huge integer string', () => group([rule('leadScore', '>', '99999999999999999999')]), 200],
    ['a fraction on an integer', () => group([rule('leadScore', 'between', ['2.5', 7.25])]), 200],
    ['a huge decimal', () => group([deals(group([rule('amount', '<', 1e300)]))]), 200],
    ['a huge threshold', () => group([deals(group([]), { mode: 'atLeast', threshold: 1e20 })]), { path: 'rules[0].match.threshold' }],
    ['a far-future date', () => group([rule('createdAt', '<', '9999-12-31T23:59:59Z')]), 200],
    ['a far-past date', () => group([rule('createdAt', '>', '0001-01-01')]), { path: 'rules[0].value' }],
    ['date math far in the future', () => group([rule('createdAt', '<', 'now+999999y')]), { path: 'rules[0].value' }],
    ['date math far in the past', () => group([rule('createdAt', '>', 'now-999999y')]), { path: 'rules[0].value' }],
    ['date math in hours', () => group([rule('lastActivityAt', '<', 'now-999999h')]), 200],
    ['a huge last N', () => group([rule('email.opened', 'all', { last: 1000 })]), 200],
    ['a very long text value', () => group([rule('email', 'contains', 'x'.repeat(10_000))]), 200],
    ['a value with a NUL character', () => group([rule('email', '=', 'a\u0000b')]), { path: 'rules[0].value' }],
    ['emoji and non-BMP characters', () => group([rule('firstName', 'contains', '😀𝔘')]), 200],
  ];

  it.each(edges)('%s', async (_name, filters, expected) => {
    const res = await preview(filters());
    if (expected === 200) {
      expect([res.status, res.body.error]).toEqual([200, undefined]);
      expect(res.body.count).toBe(await t.strapi.plugin('segments').service('segments').count(filters()));
    } else {
      expect([res.status, res.body.error?.details?.path]).toEqual([400, expected.path]);
    }
  });
});
