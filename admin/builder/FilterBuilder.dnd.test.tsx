/**
 * Inside Strapi's admin, pages already sit in react-dnd's DndProvider with the HTML5 backend: the
 * builder must use that one (a second would throw "Cannot have two HTML5 backends") and drag with it.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import type { FilterGroup } from '../../shared/filter-tree';
import { renderBuilder, withoutIds } from './test/harness';
import { ruleRow } from './test/ui';

const TREE: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'email', operator: 'contains', value: 'acme' },
    { field: 'leadScore', operator: '>', value: 10 },
    { combinator: 'or', rules: [{ field: 'unsubscribed', operator: '=', value: false }] },
  ],
};

const StrapiDnd = ({ children }: { children: ReactNode }) => <DndProvider backend={HTML5Backend}>{children}</DndProvider>;
const renderInAdmin = (tree: FilterGroup) => renderBuilder(tree, { wrapper: StrapiDnd }).emitted;

/** jsdom has no DataTransfer; the HTML5 backend only needs these members of it. */
function dataTransfer() {
  const data = new Map<string, string>();
  return {
    dropEffect: 'move',
    effectAllowed: 'all',
    files: [],
    items: [],
    types: [] as string[],
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    setDragImage: () => undefined,
  };
}

describe('drag and drop inside the admin', () => {
  it('uses the admin\u2019s react-dnd provider and offers a drag handle on every rule and sub-group', () => {
    renderInAdmin(TREE);
    expect(screen.getAllByRole('img', { name: 'Drag to move' }).length).toBeGreaterThanOrEqual(4);
  });

  it('moves a rule into another group by dragging it', async () => {
    const emitted = renderInAdmin(TREE);
    const source = ruleRow('Email');
    const target = ruleRow('Unsubscribed');
    const transfer = dataTransfer();
    const handle = within(source).getByRole('img', { name: 'Drag to move' });
    fireEvent.dragStart(handle, { dataTransfer: transfer, clientX: 0, clientY: 0 });
    // The HTML5 backend publishes the dragged source on the next tick.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    fireEvent.dragEnter(target, { dataTransfer: transfer, clientX: 0, clientY: 0 });
    fireEvent.dragOver(target, { dataTransfer: transfer, clientX: 0, clientY: 0 });
    fireEvent.drop(target, { dataTransfer: transfer, clientX: 0, clientY: 0 });
    fireEvent.dragEnd(handle, { dataTransfer: transfer });
    expect(emitted.length).toBeGreaterThan(0);
    const moved = withoutIds(emitted[emitted.length - 1]);
    expect(moved.rules.map((r) => ('field' in r ? r.field : 'group'))).toEqual(['leadScore', 'group']);
    expect((moved.rules[1] as FilterGroup).rules.map((r) => ('field' in r ? r.field : 'group'))).toEqual(['unsubscribed', 'email']);
  });

  it('clones a to-many rule with fresh ids all the way down', async () => {
    const user = userEvent.setup();
    const emitted = renderInAdmin({
      combinator: 'and',
      rules: [
        {
          field: 'deals',
          operator: 'matches',
          match: { mode: 'none' },
          value: { combinator: 'and', rules: [{ field: 'amount', operator: '>', value: 5 }] },
        },
      ],
    });
    const deals = ruleRow('Deals');
    const clone = within(deals).getAllByRole('button', { name: 'Duplicate condition' })[0];
    await user.click(clone);
    const tree = emitted[emitted.length - 1];
    expect(withoutIds(tree.rules[1])).toEqual(withoutIds(tree.rules[0]));
    const ids = JSON.stringify(tree).match(/"id":"[^"]+"/g) ?? [];
    expect(ids.length).toBeGreaterThanOrEqual(7);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
