import { useEffect, useReducer, useState } from 'react';
import type { LookupItem } from '../../../shared/contracts/lookup';
import { useBuilderServices } from '../context';

const key = (target: string, id: string) => `${target}:${id}`;

/**
 * Labels of documentIds already in the tree (a loaded segment stores ids only), resolved once per
 * builder through `lookup({ target, ids })`. An id the server does not return resolves to
 * `{ label: '' }`: the record is gone, and the picker says so.
 */
export function useLookupLabels(target: string, ids: readonly string[]) {
  const { lookup, labels } = useBuilderServices();
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const missing = ids.filter((id) => !labels.has(key(target, id)));
  const wanted = missing.join(',');
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const asked = wanted.split(',');
    lookup({ target, ids: asked })
      .then((items) => {
        for (const item of items) labels.set(key(target, item.documentId), item);
        for (const id of asked) if (!labels.has(key(target, id))) labels.set(key(target, id), { documentId: id, label: '' });
        if (live) refresh();
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [lookup, labels, target, wanted]);
  return (id: string): LookupItem | undefined => labels.get(key(target, id));
}

export const SEARCH_DELAY_MS = 250;

/** Records matching what the user types, debounced, answers to stale searches dropped. */
export function useLookupSearch(target: string, q: string, active: boolean, exclude?: string) {
  const { lookup, labels } = useBuilderServices();
  const [state, setState] = useState<{ items: LookupItem[]; loading: boolean; failed: boolean }>({
    items: [],
    loading: false,
    failed: false,
  });
  useEffect(() => {
    if (!active) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, failed: false }));
    const timer = setTimeout(() => {
      lookup({ target, q: q.trim() || undefined, exclude })
        .then((items) => {
          for (const item of items) labels.set(key(target, item.documentId), item);
          if (live) setState({ items, loading: false, failed: false });
        })
        .catch(() => live && setState({ items: [], loading: false, failed: true }));
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [lookup, labels, target, q, active, exclude]);
  return state;
}
