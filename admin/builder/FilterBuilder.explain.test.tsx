/**
 * Explain's annotations in the builder (docs/explain.md): counts and the "cuts most" mark beside the rule
 * or group their path names, a chosen contact's green or red mark with the deciding values, and
 * annotations that follow their rule when the tree is edited.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { FilterGroup } from '../../shared/filter-tree';
import { renderWithProviders } from '../test/render';
import { FilterBuilder } from './FilterBuilder';
import { CATALOG, memoryLookup } from './test/fixtures';
import { ruleRow } from './test/ui';
import type { NodeAnnotation } from './types';

const TREE: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'lifecycleStage', operator: '=', value: 'lead' },
    { field: 'company.country', operator: '=', value: 'Germany' },
    { combinator: 'or', rules: [{ field: 'leadScore', operator: '>', value: 10 }] },
  ],
};

const counts = (alone: number, kept: number, before: number, combinator: 'and' | 'or' | 'root', cutsMost = false): NodeAnnotation => ({
  counts: { alone, kept, before, combinator, cutsMost, timeout: false },
});

const ANNOTATIONS: Record<string, NodeAnnotation> = {
  '': counts(200, 200, 5000, 'root'),
  'rules[0]': counts(1200, 1200, 5000, 'and'),
  'rules[1]': { ...counts(600, 214, 1200, 'and', true), contact: { result: false, detail: "Company › Country is 'Deutschland'" } },
  'rules[2]': counts(3000, 200, 214, 'and'),
  'rules[2].rules[0]': { counts: { alone: null, kept: null, before: 0, combinator: 'or', cutsMost: false, timeout: true } },
};

function Page({ annotations = ANNOTATIONS }: { annotations?: Record<string, NodeAnnotation> }) {
  const [tree, setTree] = useState(TREE);
  return <FilterBuilder catalog={CATALOG} value={tree} onChange={setTree} lookup={memoryLookup().lookup} annotations={annotations} />;
}

const frameOf = (label: string) => ruleRow(label).closest('.rule-frame') as HTMLElement;

describe('FilterBuilder annotations', () => {
  it('shows each rule its own counts, in words, and marks the one that cuts most', async () => {
    renderWithProviders(<Page />);
    await screen.findAllByRole('combobox', { name: 'Field' });
    expect(within(frameOf('Lifecycle stage')).getByTestId('explain-counts')).toHaveTextContent(
      '1,200 alone · this condition keeps 1,200 of 5,000',
    );
    expect(within(frameOf('Lifecycle stage')).queryByText('Cuts most')).not.toBeInTheDocument();
    const country = frameOf('Company › Country');
    expect(within(country).getByTestId('explain-counts')).toHaveTextContent('600 alone · this condition keeps 214 of 1,200');
    expect(within(country).getByText('Cuts most')).toBeInTheDocument();
    expect(screen.getAllByText('Cuts most')).toHaveLength(1);
    // the nested OR group's rule was not counted in time
    expect(within(frameOf('Lead score')).getByText('Not counted in time')).toBeInTheDocument();
    // the root group's line: the whole tree
    expect(screen.getByText('200 of 5,000 contacts in all')).toBeInTheDocument();
  });

  it("shows a chosen contact's mark and the stored value that decided the rule", async () => {
    renderWithProviders(<Page />);
    await screen.findAllByRole('combobox', { name: 'Field' });
    const country = frameOf('Company › Country');
    expect(within(country).getByText("Does not match · Company › Country is 'Deutschland'")).toBeInTheDocument();
    expect(country.querySelector('[data-result]')?.getAttribute('data-result')).toBe('no-match');
    expect(frameOf('Lifecycle stage').querySelector('[data-result]')).toBeNull();
  });

  it('keeps an annotation with its rule when the rules are reordered', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Page />);
    await screen.findAllByRole('combobox', { name: 'Field' });
    const moveUp = within(ruleRow('Company › Country')).getByRole('button', { name: /move up/i });
    await user.click(moveUp);
    expect(within(frameOf('Company › Country')).getByText('Cuts most')).toBeInTheDocument();
    expect(within(frameOf('Lifecycle stage')).queryByText('Cuts most')).not.toBeInTheDocument();
  });

  it('shows nothing without annotations', async () => {
    renderWithProviders(<Page annotations={{}} />);
    await screen.findAllByRole('combobox', { name: 'Field' });
    expect(screen.queryByTestId('explain-counts')).not.toBeInTheDocument();
  });
});
