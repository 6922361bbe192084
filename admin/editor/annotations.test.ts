import { renderHook } from '@testing-library/react';
import type { ContactExplanation, Explanation } from '../../shared/contracts/explain';
import type { FilterGroup } from '../../shared/filter-tree';
import { CATALOG } from '../builder/test/fixtures';
import { useT } from '../i18n';
import { Providers } from '../test/render';
import { contactAnnotations, countAnnotations, mergeAnnotations } from './annotations';

const TREE: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'lifecycleStage', operator: '=', value: 'lead' },
    { field: 'company.country', operator: '=', value: 'Germany' },
    {
      combinator: 'or',
      not: true,
      rules: [
        { field: 'leadScore', operator: '>', value: 10 },
        { field: 'deals', operator: 'matches', match: { mode: 'some' }, value: { combinator: 'and', rules: [] } },
      ],
    },
  ],
};

const EXPLANATION: Explanation = {
  total: 5000,
  count: 150,
  nodes: [
    { path: '', alone: 150, kept: 150, status: 'ok' },
    { path: 'rules[0]', alone: 1200, kept: 1200, status: 'ok' },
    { path: 'rules[1]', alone: 600, kept: 214, status: 'ok' },
    { path: 'rules[2]', alone: 3500, kept: 150, status: 'ok' },
    { path: 'rules[2].rules[0]', alone: 1000, kept: 1000, status: 'ok' },
    { path: 'rules[2].rules[1]', alone: null, kept: null, status: 'timeout' },
  ],
};

const t = () => renderHook(() => useT(), { wrapper: Providers }).result.current;

describe('countAnnotations', () => {
  it('reads AND children as "keeps kept of before", marks a keep under a fifth, and OR children as a running union', () => {
    expect(countAnnotations(TREE, EXPLANATION)).toEqual({
      '': { counts: { alone: 150, kept: 150, before: 5000, combinator: 'root', cutsMost: false, timeout: false } },
      'rules[0]': { counts: { alone: 1200, kept: 1200, before: 5000, combinator: 'and', cutsMost: false, timeout: false } },
      // 214 < 20% of 1,200
      'rules[1]': { counts: { alone: 600, kept: 214, before: 1200, combinator: 'and', cutsMost: true, timeout: false } },
      // 150 of 214 is 70%
      'rules[2]': { counts: { alone: 3500, kept: 150, before: 214, combinator: 'and', cutsMost: false, timeout: false } },
      'rules[2].rules[0]': { counts: { alone: 1000, kept: 1000, before: 0, combinator: 'or', cutsMost: false, timeout: false } },
      'rules[2].rules[1]': { counts: { alone: null, kept: null, before: 1000, combinator: 'or', cutsMost: false, timeout: true } },
    });
  });

  it('marks one rule only, the one keeping the smallest share, when two keep under a fifth', () => {
    const tree: FilterGroup = { combinator: 'and', rules: [0, 1, 2].map((i) => ({ field: 'leadScore', operator: '>', value: i })) };
    const explanation: Explanation = {
      total: 1000,
      count: 2,
      nodes: [
        { path: '', alone: 2, kept: 2, status: 'ok' },
        // keeps 15% of 1,000, then 10% of 150, then all that is left
        { path: 'rules[0]', alone: 150, kept: 150, status: 'ok' },
        { path: 'rules[1]', alone: 100, kept: 15, status: 'ok' },
        { path: 'rules[2]', alone: 900, kept: 15, status: 'ok' },
      ],
    };
    const marked = Object.entries(countAnnotations(tree, explanation))
      .filter(([, a]) => a.counts?.cutsMost)
      .map(([path]) => path);
    expect(marked).toEqual(['rules[1]']);
  });

  it('does not mark a rule after one that timed out (nothing known to compare with)', () => {
    const partial: Explanation = {
      ...EXPLANATION,
      nodes: EXPLANATION.nodes.map((n) => (n.path === 'rules[0]' ? { ...n, alone: null, kept: null, status: 'timeout' } : n)),
    };
    expect(countAnnotations(TREE, partial)['rules[1]'].counts).toEqual({
      alone: 600,
      kept: 214,
      before: null,
      combinator: 'and',
      cutsMost: false,
      timeout: false,
    });
  });
});

describe('contactAnnotations', () => {
  it('says which stored values decided each rule', () => {
    const explanation: ContactExplanation = {
      contact: { documentId: 'c1', name: 'Anna', email: 'anna@acme.de' },
      member: false,
      nodes: [
        { path: '', result: false },
        { path: 'rules[0]', result: true, values: ['lead'] },
        { path: 'rules[1]', result: false, values: ['Deutschland'] },
        { path: 'rules[2]', result: false },
        { path: 'rules[2].rules[0]', result: true, values: [null] },
        { path: 'rules[2].rules[1]', result: true, related: { matched: 2, total: 3 } },
      ],
    };
    expect(contactAnnotations(TREE, explanation, CATALOG.fields, t())).toEqual({
      '': { contact: { result: false, detail: undefined } },
      'rules[0]': { contact: { result: true, detail: 'Lifecycle stage is Lead' } },
      'rules[1]': { contact: { result: false, detail: 'Company › Country is Deutschland' } },
      'rules[2]': { contact: { result: false, detail: undefined } },
      'rules[2].rules[0]': { contact: { result: true, detail: 'Lead score is empty' } },
      'rules[2].rules[1]': { contact: { result: true, detail: 'has 2 of 3 deals that match; needs at least 1' } },
    });
  });

  it('says "no company", the engaged campaigns and the segment results', () => {
    const tree: FilterGroup = {
      combinator: 'and',
      rules: [
        { field: 'company.country', operator: '=', value: 'Germany' },
        { field: 'email.opened', operator: 'all', value: { last: 2 } },
        { field: 'segment', operator: 'in', value: ['s1', 's2'] },
      ],
    };
    const explanation: ContactExplanation = {
      contact: { documentId: 'c1', name: 'Carl', email: null },
      member: false,
      nodes: [
        { path: '', result: false },
        { path: 'rules[0]', result: false, values: [] },
        {
          path: 'rules[1]',
          result: false,
          campaigns: {
            set: [
              { documentId: 'k2', name: 'Autumn' },
              { documentId: 'k1', name: 'Summer' },
            ],
            engaged: ['k2'],
          },
        },
        {
          path: 'rules[2]',
          result: true,
          segments: [
            { documentId: 's1', name: 'Germans', result: false },
            { documentId: 's2', name: 'Leads', result: true },
          ],
        },
      ],
    };
    const details = Object.values(contactAnnotations(tree, explanation, CATALOG.fields, t())).map((a) => a.contact?.detail);
    expect(details).toEqual([undefined, 'no company', 'engaged with 1 of 2: Autumn', 'not a member of Germans, member of Leads']);
  });
});

it('reads a to-many rule in words: what the contact has, and what the rule needs', () => {
  const rule = (mode: string, threshold?: number) => ({
    field: 'deals',
    operator: 'matches',
    match: { mode, threshold },
    value: { combinator: 'and', rules: [] },
  });
  const tree: FilterGroup = { combinator: 'and', rules: [rule('none'), rule('atLeast', 2), rule('all')] as FilterGroup['rules'] };
  const explanation: ContactExplanation = {
    contact: { documentId: 'c1', name: 'Dan', email: null },
    member: false,
    nodes: [
      { path: '', result: false },
      { path: 'rules[0]', result: false, related: { matched: 1, total: 1 } },
      { path: 'rules[1]', result: false, related: { matched: 0, total: 0 } },
      { path: 'rules[2]', result: true, related: { matched: 3, total: 3 } },
    ],
  };
  const details = Object.values(contactAnnotations(tree, explanation, CATALOG.fields, t())).map((a) => a.contact?.detail);
  expect(details).toEqual([
    undefined,
    'has 1 deal that matches; needs none',
    'has 0 deals that match; needs at least 2',
    'has 3 deals that match; needs all 3 to match',
  ]);
});

it('mergeAnnotations puts counts and a contact on the same node', () => {
  expect(
    mergeAnnotations(
      { a: { counts: { alone: 1, kept: 1, before: 2, combinator: 'and', cutsMost: false, timeout: false } } },
      { a: { contact: { result: true } } },
      undefined,
    ),
  ).toEqual({
    a: { counts: { alone: 1, kept: 1, before: 2, combinator: 'and', cutsMost: false, timeout: false }, contact: { result: true } },
  });
});
