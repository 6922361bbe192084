import { OPERATORS_BY_TYPE, type CatalogField, type FieldType } from '../../shared/catalog';
import { MATCH_MODES } from '../../shared/filter-tree';
import { segmentReferences, validateTree, type SegmentInfo } from './validate';

const f = (name: string, type: FieldType, extra: Partial<CatalogField> = {}): CatalogField => ({
  name,
  label: name,
  type,
  operators: [...OPERATORS_BY_TYPE[type]],
  group: 'Contact',
  ...extra,
});

const fields: CatalogField[] = [
  f('email', 'email'),
  f('lifecycleStage', 'enumeration', {
    options: [
      { value: 'lead', label: 'Lead' },
      { value: 'customer', label: 'Customer' },
    ],
  }),
  f('leadScore', 'integer'),
  f('unsubscribed', 'boolean'),
  f('createdAt', 'datetime'),
  f('company', 'relation'),
  f('deals', 'toMany', { matchModes: [...MATCH_MODES], subFields: [f('stage', 'enumeration'), f('amount', 'decimal')] }),
  f('email.opened', 'engagement'),
  f('segment', 'segment'),
];

const group = (...rules: unknown[]) => ({ combinator: 'and', rules });
const paths = (tree: unknown, extra = {}) => validateTree(tree, { fields, ...extra }).map((i) => i.path);
const issues = (tree: unknown, extra = {}) => validateTree(tree, { fields, ...extra });
const issue = (path: string, message: string) => ({ path, message });

describe('validateTree', () => {
  it('accepts a tree using every kind of field', () => {
    const tree = group(
      { field: 'email', operator: 'endsWith', value: '@acme.com' },
      { field: 'lifecycleStage', operator: 'in', value: ['LEAD', 'customer'] },
      { field: 'leadScore', operator: 'between', value: ['10', 20.5] },
      { field: 'unsubscribed', operator: '=', value: false },
      { field: 'createdAt', operator: '>=', value: 'now-30d' },
      { field: 'company', operator: 'null' },
      {
        field: 'deals',
        operator: 'matches',
        match: { mode: 'atLeast', threshold: 2 },
        value: group({ field: 'amount', operator: '>', value: '1000' }),
      },
      { field: 'email.opened', operator: 'all', value: { last: 3 } },
      { combinator: 'or', not: true, rules: [] },
    );
    expect(validateTree(tree, { fields })).toEqual([]);
  });

  it('locates each problem by path', () => {
    const tree = group(
      { field: 'nope', operator: '=', value: 'x' },
      { field: 'email', operator: '>', value: 'x' },
      group({ field: 'leadScore', operator: '=', value: '12abc' }),
      { field: 'deals', operator: 'matches', value: group() },
      { field: 'email', operator: '=', value: 'a', match: { mode: 'some' } },
      { field: 'deals', operator: 'matches', match: { mode: 'atMost' }, value: group({ field: 'stage', operator: 'contains', value: '' }) },
      { field: 'lifecycleStage', operator: '=', value: 'prospect' },
      { field: 'createdAt', operator: '<', value: 'now-5x' },
      { field: 'email.opened', operator: 'any', value: { campaigns: [] } },
      { field: 'leadScore', operator: 'between', value: [1] },
      { field: 'unsubscribed', operator: '=', value: 'true' },
    );
    expect(issues(tree)).toEqual([
      issue('rules[0].field', 'unknown field "nope" for contacts'),
      issue(
        'rules[1].operator',
        'operator ">" does not apply to email (email); use one of =, !=, contains, doesNotContain, beginsWith, doesNotBeginWith, endsWith, doesNotEndWith, in, notIn, null, notNull',
      ),
      issue('rules[2].rules[0].value', 'leadScore takes a number, not "12abc"'),
      issue('rules[3].match', 'deals is a to-many field: give match { mode: some | none | all | atLeast | atMost | exactly }'),
      issue('rules[4].match', 'match applies only to to-many fields; email is not one'),
      issue('rules[5].match.threshold', 'match mode atMost needs a whole-number threshold from 0 to 2147483647'),
      issue('rules[5].value.rules[0].value', 'stage takes a non-empty text value, not "" (to match empty values use "null")'),
      issue('rules[6].value', '"prospect" is not a lifecycleStage value; use one of lead, customer'),
      issue(
        'rules[7].value',
        'createdAt takes an ISO-8601 date or date math (now, now-60d, now+2w, now/M, now-1M/M; offsets h d w M y, rounding d w M Q y), not "now-5x": "x" is not an offset unit: use h (hours), d (days), w (weeks), M (months) or y (years)',
      ),
      issue('rules[8].value.campaigns', 'campaigns must be a non-empty array of campaign documentIds'),
      issue('rules[9].value', 'operator between needs [low, high]'),
      issue('rules[10].value', 'unsubscribed takes true or false, not "true"'),
    ]);
    expect(issues(group({ field: 'nope', operator: '=' }), { contactLabel: 'Person', unavailable: { nope: 'nope is off here' } })).toEqual([
      issue('rules[0].field', 'unknown field "nope" for Person: nope is off here'),
    ]);
  });

  it('checks enumeration options only where a whole value is compared', () => {
    expect(paths(group({ field: 'lifecycleStage', operator: 'contains', value: 'lea' }))).toEqual([]);
    expect(issues(group({ field: 'lifecycleStage', operator: 'notIn', value: ['lead', 'lea'] }))).toEqual([
      issue('rules[0].value[1]', '"lea" is not a lifecycleStage value; use one of lead, customer'),
    ]);
  });

  it('takes rounded date math and says what is wrong with a malformed one', () => {
    const forms = ['now/d', 'now/w', 'now-1M/M', 'now+3M/Q', 'now-1y/y'];
    expect(paths(group(...forms.map((value) => ({ field: 'createdAt', operator: '>=', value }))))).toEqual([]);
    expect(paths(group({ field: 'createdAt', operator: 'between', value: ['now-1M/M', 'now/M'] }))).toEqual([]);
    const refused = issues(
      group(...['now/X', 'now/', 'now-1Q', 'now/M-1d'].map((value) => ({ field: 'createdAt', operator: '<', value }))),
    );
    expect(refused.map((i) => [i.path, i.message.replace(/.*: /, '')])).toEqual([
      ['rules[0].value', 'round to the start of a d (day), w (week), M (month), Q (quarter) or y (year), e.g. now/M'],
      ['rules[1].value', 'round to the start of a d (day), w (week), M (month), Q (quarter) or y (year), e.g. now/M'],
      ['rules[2].value', 'use h (hours), d (days), w (weeks), M (months) or y (years)'],
      ['rules[3].value', 'round to the start of a d (day), w (week), M (month), Q (quarter) or y (year), e.g. now/M'],
    ]);
    expect(issues(group({ field: 'createdAt', operator: 'between', value: ['now/M', 'now-1M/M'] }))).toEqual([
      issue('rules[0].value', 'createdAt: the low bound "now/M" is above the high bound "now-1M/M"; put the smaller value first'),
    ]);
  });

  it('refuses dates outside the years 1000 to 9999 and trees listing too many values', () => {
    expect(issues(group({ field: 'createdAt', operator: '<', value: '0050-06-15' }))).toEqual([
      issue('rules[0].value', '"0050-06-15" is outside the years 1000 to 9999'),
    ]);
    expect(issues(group({ field: 'createdAt', operator: '>', value: 'now-2000y' }))).toEqual([
      issue('rules[0].value', '"now-2000y" is outside the years 1000 to 9999'),
    ]);
    const many = Array.from({ length: 2_600 }, (_, i) => i);
    expect(paths(group({ field: 'leadScore', operator: 'in', value: many }))).toEqual([]);
    expect(
      issues(group({ field: 'leadScore', operator: 'in', value: many }, { field: 'leadScore', operator: 'notIn', value: many })),
    ).toEqual([issue('rules', 'the tree lists 5200 values; at most 5000 are allowed in all its lists')]);
  });

  it('refuses a bad root, combinator and not', () => {
    expect(issues([])).toEqual([issue('(root)', 'expected a group: { combinator: "and" | "or", rules: [...] }')]);
    expect(issues({ combinator: 'xor', rules: [] })).toEqual([issue('combinator', 'combinator must be "and" or "or", not "xor"')]);
    expect(issues({ combinator: 'and', not: 'yes', rules: [] })).toEqual([issue('not', 'not must be true or false')]);
  });

  it('limits nesting to 12 levels, counting to-many sub-groups', () => {
    let tree: any = group();
    for (let i = 0; i < 11; i += 1) tree = group(tree);
    expect(paths(tree)).toEqual([]);
    expect(issues(group(tree))).toEqual([issue(`rules[0]${'.rules[0]'.repeat(11)}`, 'groups are nested deeper than 12 levels')]);
    let viaDeals: any = group();
    for (let i = 0; i < 10; i += 1) viaDeals = group(viaDeals);
    expect(paths(group({ field: 'deals', operator: 'matches', match: { mode: 'some' }, value: viaDeals }))).toEqual([]);
    expect(issues(group(group({ field: 'deals', operator: 'matches', match: { mode: 'some' }, value: viaDeals })))).toEqual([
      issue(`rules[0].rules[0].value${'.rules[0]'.repeat(10)}`, 'groups are nested deeper than 12 levels'),
    ]);
  });

  it('limits a tree to 500 rules', () => {
    const rule = { field: 'leadScore', operator: '>', value: 1 };
    expect(paths(group(...Array(500).fill(rule)))).toEqual([]);
    expect(issues(group(...Array(501).fill(rule)))).toEqual([issue('rules', 'the tree has 501 rules; at most 500 are allowed')]);
  });

  it('checks segment references for existence, cycles and chain depth', () => {
    const saved = new Map<string, SegmentInfo>([
      ['a', { name: 'A', filters: group({ field: 'segment', operator: 'in', value: ['b'] }) }],
      ['b', { name: 'B', filters: group() }],
      ['loop1', { name: 'L1', filters: group({ field: 'segment', operator: 'in', value: ['loop2'] }) }],
      ['loop2', { name: 'L2', filters: group({ field: 'segment', operator: 'in', value: ['loop1'] }) }],
    ]);
    const segments = (id: string) => saved.get(id);
    const uses = (...ids: string[]) => group({ field: 'segment', operator: 'notIn', value: ids });

    expect(validateTree(uses('a'), { fields, segments })).toEqual([]);
    expect(validateTree(uses('zzz'), { fields, segments })[0]).toEqual({
      path: 'rules[0].value[0]',
      message: 'segment "zzz" does not exist',
    });
    const cycle = validateTree(uses('a'), { fields, segments, self: { documentId: 'b', name: 'B' } });
    expect(cycle[0].message).toBe('segments would reference each other in a cycle: B → A → B');
    expect(validateTree(uses('loop1'), { fields, segments })).toEqual([
      issue('rules[0].value[0]', 'saved segments reference each other in a cycle: L1 → L2 → L1'),
    ]);

    for (let i = 0; i < 12; i += 1) {
      saved.set(`c${i}`, { name: `C${i}`, filters: i === 0 ? group() : uses(`c${i - 1}`) });
    }
    expect(validateTree(uses('c9'), { fields, segments })).toEqual([]);
    expect(validateTree(uses('c11'), { fields, segments })).toEqual([
      issue(
        'rules[0].value[0]',
        'segments reference each other more than 10 deep: (this tree) → C11 → C10 → C9 → C8 → C7 → C6 → C5 → C4 → C3 → C2 → C1',
      ),
    ]);
    expect(segmentReferences(group(uses('x', 'y'), group(uses('y', 'z'))))).toEqual(['x', 'y', 'z']);
  });

  it('walks each saved segment once, however many paths reach it', () => {
    // 3 segments a level, each using the 3 of the level below: 3^8 paths from the top.
    const saved = new Map<string, SegmentInfo>();
    for (let level = 0; level < 8; level += 1) {
      for (let i = 0; i < 3; i += 1) {
        const below = level === 0 ? [] : [{ field: 'segment', operator: 'in', value: [0, 1, 2].map((j) => `l${level - 1}s${j}`) }];
        saved.set(`l${level}s${i}`, { name: `L${level}S${i}`, filters: group(...below) });
      }
    }
    let lookups = 0;
    const segments = (id: string) => ((lookups += 1), saved.get(id));
    const top = group({ field: 'segment', operator: 'in', value: ['l7s0', 'l7s1', 'l7s2'] });
    expect(validateTree(top, { fields, segments })).toEqual([]);
    expect(lookups).toBeLessThan(100);
    saved.set('l0s1', { name: 'L0S1', filters: group({ field: 'segment', operator: 'in', value: ['l3s2'] }) });
    const message = validateTree(top, { fields, segments })[0].message;
    expect(message).toMatch(/cycle: (L\dS\d) → L\dS\d → L\dS\d → L\dS\d → \1$/);
    expect(message).toContain('L0S1 → L3S2');
  });

  it('checks that listed campaigns exist', () => {
    const tree = group({ field: 'email.opened', operator: 'none', value: { campaigns: ['c1', 'gone'] } });
    expect(issues(tree, { campaignExists: (id: string) => id === 'c1' })).toEqual([
      issue('rules[0].value.campaigns[1]', 'campaign "gone" does not exist'),
    ]);
    expect(issues(group({ field: 'email.opened', operator: 'any', value: { last: 0 } }))).toEqual([
      issue('rules[0].value.last', 'last must be a whole number from 1 to 1000, not 0'),
    ]);
    expect(issues(group({ field: 'email.opened', operator: 'any', value: { last: 2, campaigns: ['c1'] } }))).toEqual([
      issue('rules[0].value', 'email engagement takes { "campaigns": [campaign documentIds] } or { "last": N }'),
    ]);
  });
});
