import { useState, type ComponentType, type ReactNode } from 'react';
import type { Catalog } from '../../../shared/catalog';
import type { FilterGroup } from '../../../shared/filter-tree';
import { renderWithProviders } from '../../test/render';
import { FilterBuilder } from '../FilterBuilder';
import type { TreeIssue } from '../../../shared/filter-tree';
import type { Lookup, NodeAnnotation } from '../types';
import { CATALOG, memoryLookup } from './fixtures';

interface Options {
  catalog?: Catalog;
  lookup?: Lookup;
  issues?: TreeIssue[];
  segmentId?: string;
  annotations?: Record<string, NodeAnnotation>;
  /** What the page sits in, e.g. the admin's drag-and-drop provider or a Profiler. */
  wrapper?: ComponentType<{ children: ReactNode }>;
}

const Bare = ({ children }: { children: ReactNode }) => <>{children}</>;

/** Renders the builder the way the editor page does: the page owns the tree and passes every change back. */
export function renderBuilder(initial: FilterGroup, options: Options = {}) {
  const emitted: FilterGroup[] = [];
  const memory = memoryLookup();
  const lookup = options.lookup ?? memory.lookup;
  function Page() {
    const [tree, setTree] = useState(initial);
    return (
      <FilterBuilder
        catalog={options.catalog ?? CATALOG}
        value={tree}
        onChange={(next) => {
          emitted.push(next);
          setTree(next);
        }}
        issues={options.issues}
        lookup={lookup}
        segmentId={options.segmentId}
        annotations={options.annotations}
      />
    );
  }
  const Wrapper = options.wrapper ?? Bare;
  const view = renderWithProviders(
    <Wrapper>
      <Page />
    </Wrapper>,
  );
  const last = () => {
    if (!emitted.length) throw new Error('the builder emitted nothing');
    return emitted[emitted.length - 1];
  };
  return { ...view, emitted, last, lookupCalls: memory.calls };
}

export { withoutIds } from '../../../shared/filter-tree';
