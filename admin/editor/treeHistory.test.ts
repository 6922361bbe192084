import type { FilterGroup, FilterRule } from '../../shared/filter-tree';
import { COALESCE_MS, EMPTY_HISTORY, HISTORY_LIMIT, recordChange, redo, undo, valueEditKey, type TreeHistory } from './treeHistory';

const rule = (id: string, value: unknown): FilterRule => ({ id, field: 'email', operator: 'contains', value });
/** The next tree as the builder makes it: untouched nodes shared, the edited one new. */
const withValue = (tree: FilterGroup, index: number, value: unknown): FilterGroup => ({
  ...tree,
  rules: tree.rules.map((node, i) => (i === index ? { ...(node as FilterRule), value } : node)),
});

describe('tree history', () => {
  const start: FilterGroup = { combinator: 'and', rules: [rule('a', ''), rule('b', 'x')] };

  it('records each change as a step and walks back and forth', () => {
    const one = withValue(start, 1, 'y');
    const two: FilterGroup = { ...one, combinator: 'or' };
    let h = recordChange(EMPTY_HISTORY, start, one, 0);
    h = recordChange(h, one, two, 5_000);
    const back = undo(h, two)!;
    expect(back.tree).toBe(one);
    const first = undo(back.history, back.tree)!;
    expect(first.tree).toBe(start);
    expect(undo(first.history, first.tree)).toBeUndefined();
    const again = redo(first.history, first.tree)!;
    expect(again.tree).toBe(one);
    expect(redo(again.history, again.tree)!.tree).toBe(two);
  });

  it('makes one step of typing in one box, and a new one for another box or after a pause', () => {
    let tree = start;
    let h: TreeHistory = EMPTY_HISTORY;
    let now = 0;
    for (const text of ['a', 'ac', 'acm', 'acme']) {
      const next = withValue(tree, 0, text);
      h = recordChange(h, tree, next, (now += 200));
      tree = next;
    }
    expect(h.past).toEqual([start]);
    const other = withValue(tree, 1, 'xy');
    h = recordChange(h, tree, other, (now += 200));
    expect(h.past).toHaveLength(2);
    const later = withValue(other, 1, 'xyz');
    h = recordChange(h, other, later, now + COALESCE_MS + 1);
    expect(h.past).toHaveLength(3);
    expect(undo(h, later)!.tree).toBe(other);
  });

  it('does not coalesce a change of field, operator or structure with typing', () => {
    const typed = withValue(start, 0, 'a');
    const h = recordChange(EMPTY_HISTORY, start, typed, 0);
    const moved: FilterGroup = { ...typed, rules: [typed.rules[1], typed.rules[0]] };
    expect(valueEditKey(typed, moved)).toBeUndefined();
    expect(recordChange(h, typed, moved, 10).past).toHaveLength(2);
    const operator: FilterGroup = { ...typed, rules: [{ ...(typed.rules[0] as FilterRule), operator: '=' }, typed.rules[1]] };
    expect(valueEditKey(typed, operator)).toBeUndefined();
  });

  it('coalesces typing inside a sub-query by the sub-rule', () => {
    const sub: FilterGroup = { combinator: 'and', rules: [{ id: 's', field: 'amount', operator: '>', value: 1 }] };
    const tree: FilterGroup = {
      combinator: 'and',
      rules: [{ id: 'd', field: 'deals', operator: 'matches', match: { mode: 'some' }, value: sub }],
    };
    const next: FilterGroup = { ...tree, rules: [{ ...(tree.rules[0] as FilterRule), value: withValue(sub, 0, 12) }] };
    expect(valueEditKey(tree, next)).toBe('value:0.value.0');
  });

  it('coalesces the first keystroke after a tree came back without ids (loaded, or restored by undo)', () => {
    const loaded: FilterGroup = {
      combinator: 'and',
      rules: [
        { field: 'email', operator: 'contains', value: 'a' },
        { field: 'email', operator: 'contains', value: 'b' },
      ],
    };
    // The builder gives every node an id: nothing is the same object, the meaning is.
    const withIds: FilterGroup = { ...loaded, rules: loaded.rules.map((r, i) => ({ ...(r as FilterRule), id: `n${i}` })) };
    const typed = withValue(withIds, 1, 'bc');
    expect(valueEditKey(loaded, typed)).toBe('value:1');
    expect(valueEditKey(typed, withValue(typed, 1, 'bcd'))).toBe('value:1');
  });

  it(`keeps at least 50 steps (${HISTORY_LIMIT}), and a new change clears redo`, () => {
    let tree = start;
    let h: TreeHistory = EMPTY_HISTORY;
    const trees = [start];
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) {
      const next: FilterGroup = { ...tree, combinator: i % 2 ? 'and' : 'or', rules: [...tree.rules] };
      h = recordChange(h, tree, next, i * 10_000);
      trees.push(next);
      tree = next;
    }
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < 60; i++) {
      const back = undo(h, tree)!;
      expect(back.tree).toBe(trees[trees.length - 2 - i]);
      h = back.history;
      tree = back.tree;
    }
    expect(h.future).toHaveLength(60);
    const fresh = withValue(tree, 0, 'new');
    expect(recordChange(h, tree, fresh, 1e9).future).toEqual([]);
  });
});
