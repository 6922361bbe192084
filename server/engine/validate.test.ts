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
  f('lifecycleStage', 'enumeration', { options: [{ value: 'lead', label: 'Lead' }, { value: 'customer', label: 'Customer' }] }),
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

describe('validateTree', () => {
  it('accepts a tree using every kind of field', () => {
    const tree = group(
      { field: 'email', operator: 'endsWith', value: '@acme.com' },
      { field: 'lifecycleStage', operator: 'in', value: ['LEAD', 'customer'] },
      { field: 'leadScore', operator: 'between', value: ['10', 20.5] },
      { field: 'unsubscribed', operator: '=', value: false },
      { field: 'createdAt', operator: '>=', value: 'now-30d' },
      { field: 'company', operator: 'null' },
      { field: 'deals', operator: 'matches', match: { mode: 'atLeast', threshold: 2 }, value: group({ field: 'amount', operator: '>', value: '1000' }) },
      { field: 'email.opened', operator: 'all', value: { last: 3 } },
      { combinator: 'or', not: true, rules: [] }
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
      { field: 'unsubscribed', operator: '=', value: 'true' }
    );
    expect(paths(tree)).toEqual([
      'rules[0].field',
      'rules[1].operator',
      'rules[2].rules[0].value',
      'rules[3].match',
      'rules[4].match',
      'rules[5].match.threshold',
      'rules[5].value.rules[0].value',
      'rules[6].value',
      'rules[7].value',
      'rules[8].value.campaigns',
      'rules[9].value',
      'rules[10].value',
    ]);
  });

  it('checks enumeration options only where a whole value is compared', () => {
    expect(paths(group({ field: 'lifecycleStage', operator: 'contains', value: 'lea' }))).toEqual([]);
    expect(paths(group({ field: 'lifecycleStage', operator: 'notIn', value: ['lead', 'lea'] }))).toEqual(['rules[0].value[1]']);
  });

  it('refuses dates outside the years 1000 to 9999 and trees listing too many values', () => {
    expect(paths(group({ field: 'createdAt', operator: '<', value: '0050-06-15' }))).toEqual(['rules[0].value']);
    expect(paths(group({ field: 'createdAt', operator: '>', value: 'now-2000y' }))).toEqual(['rules[0].value']);
    const many = Array.from({ length: 2_600 }, (_, i) => i);
    expect(paths(group({ field: 'leadScore', operator: 'in', value: many }))).toEqual([]);
    expect(paths(group({ field: 'leadScore', operator: 'in', value: many }, { field: 'leadScore', operator: 'notIn', value: many }))).toEqual(['rules']);
  });

  it('refuses a bad root, combinator and not', () => {
    expect(paths([])).toEqual(['(root)']);
    expect(paths({ combinator: 'xor', rules: [] })).toEqual(['combinator']);
    expect(paths({ combinator: 'and', not: 'yes', rules: [] })).toEqual(['not']);
  });

  it('limits nesting to 12 levels, counting to-many sub-groups', () => {
    let tree: any = group();
    for (let i = 0; i < 11; i += 1) tree = group(tree);
    expect(paths(tree)).toEqual([]);
    expect(paths(group(tree))[0]).toMatch(/^rules\[0\]/);
    let viaDeals: any = group();
    for (let i = 0; i < 10; i += 1) viaDeals = group(viaDeals);
    expect(paths(group({ field: 'deals', operator: 'matches', match: { mode: 'some' }, value: viaDeals }))).toEqual([]);
    expect(paths(group(group({ field: 'deals', operator: 'matches', match: { mode: 'some' }, value: viaDeals })))).not.toEqual([]);
  });

  it('limits a tree to 500 rules', () => {
    const rule = { field: 'leadScore', operator: '>', value: 1 };
    expect(paths(group(...Array(500).fill(rule)))).toEqual([]);
    expect(paths(group(...Array(501).fill(rule)))).toEqual(['rules']);
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
    expect(validateTree(uses('zzz'), { fields, segments })[0]).toEqual({ path: 'rules[0].value[0]', message: 'segment "zzz" does not exist' });
    const cycle = validateTree(uses('a'), { fields, segments, self: { documentId: 'b', name: 'B' } });
    expect(cycle[0].message).toBe('segments would reference each other in a cycle: B → A → B');
    expect(validateTree(uses('loop1'), { fields, segments })[0].message).toMatch(/cycle: L1 → L2 → L1/);

    for (let i = 0; i < 12; i += 1) {
      saved.set(`c${i}`, { name: `C${i}`, filters: i === 0 ? group() : uses(`c${i - 1}`) });
    }
    expect(validateTree(uses('c9'), { fields, segments })).toEqual([]);
    expect(validateTree(uses('c11'), { fields, segments })[0].message).toMatch(/more than 10 deep/);
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
    expect(paths(tree, { campaignExists: (id: string) => id === 'c1' })).toEqual(['rules[0].value.campaigns[1]']);
    expect(paths(group({ field: 'email.opened', operator: 'any', value: { last: 0 } }))).toEqual(['rules[0].value.last']);
    expect(paths(group({ field: 'email.opened', operator: 'any', value: { last: 2, campaigns: ['c1'] } }))).toEqual(['rules[0].value']);
  });
});
