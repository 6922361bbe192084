/**
 * A big segment stays responsive: with 100 rules and a 200-field catalog, a keystroke in one value
 * input re-renders that input only, and the change it makes to the tree that rule's controls only. Render counts are asserted; times are only printed.
 */
import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OPERATORS_BY_TYPE, type Catalog, type CatalogField, type FieldType } from '../../shared/catalog';
import type { FilterGroup, FilterRule } from '../../shared/filter-tree';
import { CATALOG } from './test/fixtures';
import { renderBuilder } from './test/harness';
import type { NodeAnnotation } from './types';

const mockRenders = { field: 0, text: 0, number: 0, frame: 0, annotationLines: 0 };

jest.mock('./controls/FieldSelector', () => {
  const actual = jest.requireActual('./controls/FieldSelector');
  const { createElement, memo } = jest.requireActual('react');
  return { FieldSelector: memo((props: object) => (mockRenders.field++, createElement(actual.FieldSelector, props))) };
});
jest.mock('./controls/RuleFrames', () => {
  const actual = jest.requireActual('./controls/RuleFrames');
  const { createElement, memo } = jest.requireActual('react');
  return { ...actual, RuleWithIssues: memo((props: object) => (mockRenders.frame++, createElement(actual.RuleWithIssues, props))) };
});
jest.mock('./controls/NodeAnnotation', () => {
  const actual = jest.requireActual('./controls/NodeAnnotation');
  return {
    NodeAnnotationLine: (props: { annotation?: object }) => (
      props.annotation && mockRenders.annotationLines++,
      actual.NodeAnnotationLine(props)
    ),
  };
});
jest.mock('./values/TextValue', () => {
  const actual = jest.requireActual('./values/TextValue');
  return { TextValue: (props: object) => (mockRenders.text++, actual.TextValue(props)) };
});
jest.mock('./values/NumberValue', () => {
  const actual = jest.requireActual('./values/NumberValue');
  return { NumberField: (props: object) => (mockRenders.number++, actual.NumberField(props)) };
});

const TYPES: FieldType[] = ['string', 'integer', 'enumeration', 'boolean', 'datetime', 'decimal', 'email', 'date'];

/**
 * 200 fields: the playground's real catalog, then generated attributes of every scalar type across
 * groups (artificial on purpose: no real catalog is this wide, and the test is about a wide one).
 */
const BIG: Catalog = {
  contactType: CATALOG.contactType,
  fields: [
    ...CATALOG.fields,
    ...Array.from({ length: 200 - CATALOG.fields.length }, (_, i): CatalogField => {
      const type = TYPES[i % TYPES.length];
      return {
        name: `custom${i}`,
        label: `Custom ${i}`,
        type,
        group: `Group ${i % 7}`,
        operators: [...OPERATORS_BY_TYPE[type]],
        ...(type === 'enumeration'
          ? {
              options: [
                { value: 'a', label: 'A' },
                { value: 'b', label: 'B' },
              ],
            }
          : {}),
      };
    }),
  ],
};

/** 100 rules: text and number rules, a few nested groups and sub-queries. */
function bigTree(): FilterGroup {
  const rules: Array<FilterRule | FilterGroup> = [];
  for (let i = 0; i < 80; i++) {
    rules.push(
      i % 2 ? { field: `custom${(i % 40) * 8}`, operator: 'contains', value: `v${i}` } : { field: 'leadScore', operator: '>', value: i },
    );
  }
  for (let g = 0; g < 5; g++) {
    rules.push({
      combinator: 'or',
      rules: [
        { field: 'email', operator: 'endsWith', value: `@${g}.com` },
        { field: 'lifecycleStage', operator: '=', value: 'lead' },
      ],
    });
  }
  for (let s = 0; s < 5; s++) {
    rules.push({
      field: 'deals',
      operator: 'matches',
      match: { mode: 'atLeast', threshold: s + 1 },
      value: { combinator: 'and', rules: [{ field: 'amount', operator: '>', value: 1000 * s }] },
    });
  }
  return { combinator: 'and', rules };
}

const countRules = (group: FilterGroup): number =>
  group.rules.reduce(
    (n, r) =>
      n +
      ('rules' in r
        ? countRules(r)
        : 1 + (r.value && typeof r.value === 'object' && 'rules' in r.value ? countRules(r.value as FilterGroup) : 0)),
    0,
  );

// In the admin the builder sits in Strapi's react-dnd provider, and every rule in a drag-and-drop wrapper.
const NO_DND = ({ children }: { children: ReactNode }) => <>{children}</>;
const ADMIN_DND = ({ children }: { children: ReactNode }) => <DndProvider backend={HTML5Backend}>{children}</DndProvider>;

/** Explain's counts on every rule and group, as the editor passes them (one object until the next answer). */
function annotationsFor(tree: FilterGroup): Record<string, NodeAnnotation> {
  const out: Record<string, NodeAnnotation> = {};
  const walk = (group: FilterGroup, path: string) =>
    group.rules.forEach((child, i) => {
      const at = path ? `${path}.rules[${i}]` : `rules[${i}]`;
      out[at] = {
        counts: { alone: i * 10, kept: 1000 - i, before: 1001 - i, combinator: group.combinator, cutsMost: i % 7 === 0, timeout: false },
      };
      if ('rules' in child) walk(child, at);
    });
  walk(tree, '');
  return out;
}

it.each([
  ['without drag and drop', NO_DND, false],
  ["inside the admin's drag and drop provider", ADMIN_DND, false],
  ["inside the admin's drag and drop provider, with explain annotations on every rule", ADMIN_DND, true],
])(
  'renders 100 rules over a 200-field catalog and re-renders only the edited box on a keystroke and the edited rule on its change to the tree (%s)',
  async (_, Dnd, annotated) => {
    const tree = bigTree();
    const annotations = annotated ? annotationsFor(tree) : undefined;
    expect(BIG.fields).toHaveLength(200);
    expect(countRules(tree)).toBe(100);
    const commits: Array<{ phase: string; actual: number; base: number }> = [];
    const onRender: ProfilerOnRenderCallback = (_id, phase, actual, base) => commits.push({ phase, actual, base });
    const Profiled = ({ children }: { children: ReactNode }) => (
      <Dnd>
        <Profiler id="builder" onRender={onRender}>
          {children}
        </Profiler>
      </Dnd>
    );
    // The page holds the tree in its state, as the editor page does.
    const { emitted } = renderBuilder(tree, { catalog: BIG, annotations, wrapper: Profiled });

    expect(screen.getAllByRole('combobox', { name: 'Field' })).toHaveLength(100);
    if (annotated) {
      const marked = Object.values(annotations!).filter((a) => a.counts?.cutsMost).length;
      expect(marked).toBeGreaterThan(10);
      expect(screen.getAllByText('Cuts most')).toHaveLength(marked);
    }
    const mounted = commits.find((c) => c.phase === 'mount');
    const inputs = screen.getAllByRole('textbox', { name: 'Value of Custom 8' });
    const before = { ...mockRenders };
    commits.length = 0;

    const user = userEvent.setup();
    await user.type(inputs[0], 'x');
    const count = () => ({
      fieldSelectors: mockRenders.field - before.field,
      textEditors: mockRenders.text - before.text,
      numberEditors: mockRenders.number - before.number,
      ruleFrames: mockRenders.frame - before.frame,
      annotationLines: mockRenders.annotationLines - before.annotationLines,
    });
    // The keystroke itself: the box answers, the tree does not know yet (useTypedValue).
    const typed = count();
    const typedCommits = commits.length;
    expect(emitted).toHaveLength(0);
    expect(inputs[0]).toHaveValue('v1x');
    // Once typing pauses, the tree hears of it: one change, and only the edited rule re-renders.
    await waitFor(() => expect(emitted).toHaveLength(1));
    const keystroke = count();

    console.log(
      `100 rules / 200 fields: mount ${mounted?.actual.toFixed(0)} ms; keystroke ${typedCommits} commit(s), re-rendered ${JSON.stringify(typed)}; ` +
        `tree change commits ${commits
          .slice(typedCommits)
          .map((c) => `${c.actual.toFixed(1)} ms (whole tree ${c.base.toFixed(0)} ms)`)
          .join(', ')}; re-rendered ${JSON.stringify(keystroke)}`,
    );
    expect(typed).toEqual({ fieldSelectors: 0, textEditors: 1, numberEditors: 0, ruleFrames: 0, annotationLines: 0 });
    expect((emitted[0].rules[1] as FilterRule).value).toBe('v1x');
    expect(keystroke.textEditors).toBeLessThanOrEqual(3);
    expect(keystroke.numberEditors).toBe(0);
    expect(keystroke.fieldSelectors).toBeLessThanOrEqual(2);
    expect(keystroke.ruleFrames).toBeLessThanOrEqual(2);
    // only the edited rule's line, if any: the other 99 annotated rows do not re-render
    expect(keystroke.annotationLines).toBeLessThanOrEqual(annotated ? 2 : 0);
  },
);
