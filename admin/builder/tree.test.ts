import { withoutIds, type FilterGroup } from '../../shared/filter-tree';
import { SPEC_PROMPTS } from '../../playground/scripts/spec-prompts';
import { fieldNamed } from './test/fixtures';
import { cloneAfter, replaceAt, ruleForField, ruleWithOperator, toBuilderQuery, toSpecTree } from './tree';

/** A tree of every node shape (the prompts' and more), as the server stores it (no ids). */
const LOADED: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'company.tier', operator: '=', value: 'enterprise' },
    { field: 'company.country', operator: 'in', value: ['Germany', 'France'] },
    { field: 'leadScore', operator: 'between', value: [10, 20] },
    { field: 'email.opened', operator: 'all', value: { last: 3 } },
    { field: 'unsubscribed', operator: 'null' },
    {
      field: 'deals',
      operator: 'matches',
      match: { mode: 'atLeast', threshold: 2 },
      value: { combinator: 'and', rules: [{ field: 'createdAt', operator: '>=', value: 'now-90d' }] },
    },
    { combinator: 'or', not: true, rules: [{ field: 'segment', operator: 'notIn', value: ['s1'] }] },
  ],
};

const collectIds = (node: any, out: string[] = []): string[] => {
  if (node && typeof node === 'object') {
    if (typeof node.id === 'string') out.push(node.id);
    Object.values(node).forEach((v) => collectIds(v, out));
  }
  return out;
};

describe('tree conversion', () => {
  it('gives every group, rule and sub-query node a unique id and changes nothing else', () => {
    const query = toBuilderQuery(LOADED);
    const ids = collectIds(query);
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(ids.length);
    expect(withoutIds(query)).toEqual(LOADED);
  });

  it('emits a loaded tree back deep-equal, modulo the ids it added', () => {
    const emitted = toSpecTree(toBuilderQuery(LOADED));
    expect(withoutIds(emitted)).toEqual(LOADED);
    expect(JSON.stringify(emitted)).not.toMatch(/valueSource|disabled|muted|path/);
  });

  it.each(SPEC_PROMPTS.map(({ id, filters }) => [id, filters] as const))('emits prompt %s back deep-equal', (_id, tree) => {
    expect(withoutIds(toSpecTree(toBuilderQuery(tree)))).toEqual(tree);
  });

  it('drops react-querybuilder extras and keeps lists and ranges as arrays', () => {
    const query: any = {
      id: 'root',
      combinator: 'and',
      disabled: false,
      rules: [
        { id: 'a', field: 'tags', operator: 'in', value: ['x', 'y'], valueSource: 'value', disabled: false, muted: false },
        { id: 'b', field: 'leadScore', operator: 'between', value: [1, 5], valueSource: 'value' },
      ],
    };
    expect(toSpecTree(query)).toEqual({
      id: 'root',
      combinator: 'and',
      rules: [
        { id: 'a', field: 'tags', operator: 'in', value: ['x', 'y'] },
        { id: 'b', field: 'leadScore', operator: 'between', value: [1, 5] },
      ],
    });
  });

  it('hands its own output back as the same query objects, so unchanged rows keep their identity', () => {
    const query = toBuilderQuery(LOADED);
    const emitted = toSpecTree(query);
    expect(toBuilderQuery(emitted)).toBe(query);
    const edited = replaceAt(query, [0], { ...query.rules[0], value: 'smb' });
    const emittedAgain = toSpecTree(edited);
    expect(emittedAgain.rules[1]).toBe(emitted.rules[1]);
    expect(emittedAgain.rules[0]).not.toBe(emitted.rules[0]);
  });

  it('keeps ids that are already there', () => {
    const tree: FilterGroup = { id: 'g', combinator: 'or', rules: [{ id: 'r', field: 'email', operator: 'contains', value: 'x' }] };
    expect(toSpecTree(toBuilderQuery(tree))).toEqual(tree);
  });
});

describe('replaceAt', () => {
  it('replaces a nested node and shares the untouched branches', () => {
    const tree = { rules: [{ rules: [{ a: 1 }, { a: 2 }] }, { a: 3 }] };
    const next = replaceAt(tree, [0, 1], { a: 9 });
    expect(next).toEqual({ rules: [{ rules: [{ a: 1 }, { a: 9 }] }, { a: 3 }] });
    expect(next.rules[1]).toBe(tree.rules[1]);
    expect(tree.rules[0]).toEqual({ rules: [{ a: 1 }, { a: 2 }] });
  });
});

describe('cloneAfter', () => {
  it('inserts a deep copy right after the node, with new ids everywhere, sub-groups included', () => {
    const query = toBuilderQuery(LOADED);
    const next = cloneAfter(query, [5]);
    expect(next.rules).toHaveLength(LOADED.rules.length + 1);
    expect(withoutIds(next.rules[6])).toEqual(withoutIds(next.rules[5]));
    const ids = collectIds(next);
    expect(new Set(ids).size).toBe(ids.length);
    expect(next.rules[0]).toBe(query.rules[0]);
  });

  it('clones inside a nested group', () => {
    const query = toBuilderQuery(LOADED);
    const next = cloneAfter(query, [6, 0]);
    expect(withoutIds((next.rules[6] as FilterGroup).rules)).toEqual([
      { field: 'segment', operator: 'notIn', value: ['s1'] },
      { field: 'segment', operator: 'notIn', value: ['s1'] },
    ]);
  });
});

const score = fieldNamed('leadScore');
const stage = fieldNamed('lifecycleStage');

describe('rule defaults', () => {
  it('starts a to-many rule with "has some" and an empty sub-group', () => {
    const rule = ruleForField(fieldNamed('deals'), 'r1');
    expect(rule).toEqual({
      id: 'r1',
      field: 'deals',
      operator: 'matches',
      match: { mode: 'some' },
      value: { id: expect.any(String), combinator: 'and', rules: [] },
    });
  });

  it('starts an enumeration and a boolean with nothing chosen, an engagement on the last campaign, a segment on an empty list', () => {
    expect(ruleForField(stage, 'r')).toEqual({ id: 'r', field: 'lifecycleStage', operator: '=', value: '' });
    expect(ruleForField(fieldNamed('unsubscribed'), 'r')).toEqual({
      id: 'r',
      field: 'unsubscribed',
      operator: '=',
    });
    expect(ruleWithOperator(ruleForField(stage, 'r'), stage, 'in')).toEqual({
      id: 'r',
      field: 'lifecycleStage',
      operator: 'in',
      value: [],
    });
    expect(ruleForField(fieldNamed('email.opened'), 'r').value).toEqual({
      last: 1,
    });
    expect(ruleForField(fieldNamed('segment'), 'r').value).toEqual([]);
  });

  it('adapts the value to the operator: arrays for lists and ranges, none for null', () => {
    const rule = { id: 'r', field: 'leadScore', operator: '=', value: 5 };
    expect(ruleWithOperator(rule, score, 'in')).toEqual({ id: 'r', field: 'leadScore', operator: 'in', value: [5] });
    expect(ruleWithOperator(rule, score, 'between')).toEqual({ id: 'r', field: 'leadScore', operator: 'between', value: [5, ''] });
    expect(ruleWithOperator(rule, score, 'null')).toEqual({ id: 'r', field: 'leadScore', operator: 'null' });
    expect(ruleWithOperator({ ...rule, operator: 'between', value: [3, 7] }, score, '<')).toEqual({
      id: 'r',
      field: 'leadScore',
      operator: '<',
      value: 3,
    });
    expect(ruleWithOperator({ ...rule, operator: 'null', value: undefined }, stage, '=')).toEqual({
      id: 'r',
      field: 'leadScore',
      operator: '=',
      value: '',
    });
  });
});
