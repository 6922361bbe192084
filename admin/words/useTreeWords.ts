import { useEffect, useMemo, useState } from 'react';
import type { Catalog } from '../../shared/catalog';
import { describeTree, type DescribeNames } from '../../shared/describe-tree';
import type { FilterGroup } from '../../shared/filter-tree';
import { LOOKUP_MAX_LIMIT } from '../../shared/contracts/constants';
import type { LookupItem } from '../../shared/contracts/lookup';
import type { Lookup } from '../builder/types';
import { namesFrom, referencesOf } from './references';

/**
 * The names of the campaigns, segments and records the trees mention, looked up through the pickers'
 * route. Until they arrive (or if a lookup fails) the words show documentIds.
 */
export function useRecordNames(trees: FilterGroup[], catalog: Catalog | undefined, lookup: Lookup): DescribeNames {
  const refs = useMemo(() => (catalog ? referencesOf(trees, catalog.fields) : {}), [trees, catalog]);
  const key = JSON.stringify(refs);
  const [names, setNames] = useState<DescribeNames>({});

  useEffect(() => {
    let live = true;
    const wanted = JSON.parse(key) as Record<string, string[]>;
    const requests = Object.entries(wanted).flatMap(([target, ids]) => {
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += LOOKUP_MAX_LIMIT) chunks.push(ids.slice(i, i + LOOKUP_MAX_LIMIT));
      return chunks.map(async (chunk) => [target, await lookup({ target, ids: chunk }).catch(() => [] as LookupItem[])] as const);
    });
    if (requests.length === 0) return;
    void Promise.all(requests).then((results) => {
      if (!live || !catalog) return;
      const found: Record<string, LookupItem[]> = {};
      for (const [target, items] of results) (found[target] ??= []).push(...items);
      setNames(namesFrom(found, catalog.fields));
    });
    return () => {
      live = false;
    };
  }, [key, lookup, catalog]);

  return names;
}

/** A tree in plain English with the names of what it mentions. */
export function useTreeWords(tree: FilterGroup | undefined, catalog: Catalog | undefined, lookup: Lookup): string {
  const trees = useMemo(() => (tree ? [tree] : []), [tree]);
  const names = useRecordNames(trees, catalog, lookup);
  return useMemo(() => (tree && catalog ? describeTree(tree, catalog.fields, names) : ''), [tree, catalog, names]);
}
